package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedrockmonitor.security.Events.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.parse.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/security.camel.yaml with the bundled application.properties: the detector bean comes from
 * SecurityConfiguration with the documented monitor.security.* values. direct:alert belongs to the
 * detection box; here a test route hands it to a mock, and only the security routes file is loaded.
 */
@CamelMainTest(properties = "camel.main.routes-include-pattern=file:routes/security.camel.yaml",
        configurationClasses = SecurityConfiguration.class)
class SecurityRoutesTest {

    @EndpointInject("mock:alert")
    MockEndpoint alerts;

    @Produce
    ProducerTemplate producer;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:alert").routeId("test-alert-sink").to("mock:alert");
            }
        });
    }

    @BeforeEach
    void resetAlerts() {
        alerts.reset();
    }

    @Test
    void routesAreDeclaredWithIdsAndDescriptions() {
        CamelContext context = producer.getCamelContext();
        assertThat(context.getRoute("security-events").getDescription()).isNotBlank();
        assertThat(context.getRoute("security-flush").getDescription()).isNotBlank();
    }

    @Test
    void aLoggingDeleteInAnObjectReachesTheAlertPath() throws InterruptedException {
        alerts.expectedMessageCount(1);

        producer.sendBody("direct:object-audit-events", List.of(
                event().at("2026-04-01T08:00:00Z").by("arn:aws:iam::111122223333:user/mallory")
                        .named("DeleteModelInvocationLoggingConfiguration").model(null).build()));

        alerts.assertIsSatisfied();
        List<?> body = alerts.getExchanges().get(0).getIn().getBody(List.class);
        assertThat(body).singleElement().isInstanceOfSatisfying(Alert.class, alert -> {
            assertThat(alert.type()).isEqualTo("LOGGING_DISABLED");
            assertThat(alert.principal()).isEqualTo("arn:aws:iam::111122223333:user/mallory");
        });
    }

    @Test
    void aCleanObjectSendsNothingToTheAlertPath() {
        producer.sendBody("direct:object-audit-events", List.of(
                event().at("2026-04-02T08:00:00Z").build(),
                event().at("2026-04-02T08:01:00Z").named("Converse").build()));

        assertThat(alerts.getReceivedCounter()).as("direct: is synchronous, so the route has finished").isZero();
    }

    @Test
    void flushRaisesTheFailureSpikeOfAnOpenWindow() throws InterruptedException {
        List<AuditEvent> failures = new ArrayList<>();
        Instant start = Instant.parse("2026-04-03T09:00:00Z");
        for (int i = 0; i < 11; i++) {
            failures.add(event().at(start.plusSeconds(15L * i)).by("arn:aws:iam::111122223333:user/prober")
                    .from("203.0.113.66").failing("AccessDeniedException").build());
        }
        producer.sendBody("direct:object-audit-events", failures);
        assertThat(alerts.getReceivedCounter()).as("window still open").isZero();
        alerts.expectedMessageCount(1);

        producer.sendBody("direct:security-flush", null);

        alerts.assertIsSatisfied();
        List<?> body = alerts.getExchanges().get(0).getIn().getBody(List.class);
        assertThat(body).singleElement().isInstanceOfSatisfying(Alert.class, alert -> {
            assertThat(alert.type()).isEqualTo("FAILED_AUTH_SPIKE");
            assertThat(alert.observed()).isEqualTo(11);
            assertThat(alert.threshold()).as("monitor.security.failed-auth.threshold injected").isEqualTo(10);
        });
    }
}
