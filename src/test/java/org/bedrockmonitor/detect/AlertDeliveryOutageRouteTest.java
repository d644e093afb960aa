package org.bedrockmonitor.detect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.detect.Alert.Severity;
import org.bedrockmonitor.detect.Alert.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SNS fails for a while, then recovers: every notification reaches it exactly once, the ones whose
 * retries ran out through the spool, and the spool ends empty.
 */
@CamelMainTest(mainClass = org.bedrockmonitor.Main.class,
        propertyPlaceholderLocations = {"classpath:detect-route-test.properties", "classpath:application.properties"})
class AlertDeliveryOutageRouteTest {

    static final WireMockServer SNS = SnsWire.start();
    static final Path OUT = TestFolders.fresh("alert-outage");
    /** More failed requests than one notification's retries (Camel's and the SDK's) can absorb. */
    static final int FAILING_REQUESTS = 20;

    @EndpointInject("direct:alert")
    ProducerTemplate template;

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stop() {
        SNS.stop();
    }

    @Test
    void outageThenRecoveryDeliversEveryNotificationExactlyOnce() throws Exception {
        String state = Scenario.STARTED;
        for (int i = 1; i <= FAILING_REQUESTS; i++) {
            String next = i == FAILING_REQUESTS ? "recovered" : "failure-" + i;
            SNS.stubFor(SnsWire.publish().inScenario("outage").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(500).withBody("<ErrorResponse><Error><Code>InternalError</Code></Error></ErrorResponse>"))
                    .willSetStateTo(next));
            state = next;
        }
        SNS.stubFor(SnsWire.publish().inScenario("outage").whenScenarioStateIs("recovered").willReturn(SnsWire.published()));
        NotifyBuilder replayed = new NotifyBuilder(context).fromRoute("alert-spool-replay").whenCompleted(1).create();

        Window window = new Window(Instant.parse("2026-11-02T14:00:00Z"), Instant.parse("2026-11-02T14:05:00Z"));
        List<Alert> alerts = Stream.of(TrafficGenerator.HAIKU, TrafficGenerator.SONNET, TrafficGenerator.TITAN)
                .map(model -> Alert.of(AlertTypes.SERVICE_ERRORS, Severity.CRITICAL, model, null, window, 12, 5,
                        "Bedrock returned 12 server-side errors for " + model + " in 5 minutes, above 5."))
                .toList();
        for (Alert alert : alerts) {
            template.sendBody(alert);
        }

        await().atMost(Duration.ofSeconds(25)).until(() -> SnsWire.acceptedPublishes(SNS).size() >= alerts.size()
                && spooled().isEmpty());
        assertThat(replayed.matches(5, java.util.concurrent.TimeUnit.SECONDS)).as("a notification went through the spool").isTrue();
        List<String> deliveredAlertIds = SnsWire.acceptedPublishes(SNS).stream()
                .flatMap(publish -> alertIds(publish).stream()).toList();
        assertThat(deliveredAlertIds).containsExactlyInAnyOrderElementsOf(alerts.stream().map(Alert::id).toList());
        long failed = SNS.getAllServeEvents().stream().filter(event -> event.getResponse().getStatus() == 500).count();
        // the outage was real; it may count one more: a replay and a retry in flight together can both meet
        // the same failing state of the stub (WireMock's scenario steps are not atomic)
        assertThat(failed).isGreaterThanOrEqualTo(FAILING_REQUESTS);
        assertThat(spooled()).isEmpty();
    }

    private static List<String> alertIds(Map<String, String> publish) {
        try {
            return Json.MAPPER.readTree(publish.get("Message")).get("alerts").findValuesAsText("id");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> spooled() throws java.io.IOException {
        try (Stream<Path> files = Files.list(OUT.resolve("alert-spool"))) {
            return files.toList();
        }
    }
}
