package org.bedrockmonitor.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;
import org.bedrockmonitor.alerts.AlertNotification.Status;
import org.bedrockmonitor.config.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SNS fails for a while, then recovers: every queued notification reaches it exactly once (those whose
 * retries ran out are tried again by the outbox sweep), and the outbox ends empty.
 */
@CamelMainTest(mainClass = org.bedrockmonitor.Main.class,
        propertyPlaceholderLocations = {"classpath:detect-route-test.properties", "classpath:application.properties"})
class AlertDeliveryOutageRouteTest {

    static final WireMockServer SNS = SnsWire.start();
    static final Path OUT = TestFolders.fresh("alert-outage");
    /** More failed requests than one notification's retries (Camel's and the SDK's) can absorb. */
    static final int FAILING_REQUESTS = 20;

    @BeanInject("alertOutbox")
    AlertOutbox outbox;

    @AfterAll
    static void stop() {
        SNS.stop();
    }

    @Test
    void outageThenRecoveryDeliversEveryNotificationExactlyOnce() {
        String state = Scenario.STARTED;
        for (int i = 1; i <= FAILING_REQUESTS; i++) {
            String next = i == FAILING_REQUESTS ? "recovered" : "failure-" + i;
            SNS.stubFor(SnsWire.publish().inScenario("outage").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(500).withBody("<ErrorResponse><Error><Code>InternalError</Code></Error></ErrorResponse>"))
                    .willSetStateTo(next));
            state = next;
        }
        SNS.stubFor(SnsWire.publish().inScenario("outage").whenScenarioStateIs("recovered").willReturn(SnsWire.published()));

        Window window = new Window(Instant.parse("2026-11-02T14:00:00Z"), Instant.parse("2026-11-02T14:05:00Z"));
        List<AlertLifecycle.Event> events = Stream.of("anthropic.claude-3-haiku-20240307-v1:0",
                        "anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.titan-text-express-v1")
                .map(model -> new AlertLifecycle.Event(Alert.of(AlertTypes.SERVICE_ERRORS, Severity.CRITICAL, model, null,
                        window, 12, 5, "Bedrock returned 12 server-side errors for " + model + " in 5 minutes, above 5."),
                        Status.FIRING, window.from(), false))
                .toList();
        outbox.enqueue(new AlertNotifier("test", 10).notifications(events));

        await().atMost(Duration.ofSeconds(40)).until(() -> SnsWire.acceptedPublishes(SNS).size() >= events.size()
                && outbox.waiting() == 0);
        List<String> deliveredAlertIds = SnsWire.acceptedPublishes(SNS).stream()
                .flatMap(publish -> alertIds(publish).stream()).toList();
        assertThat(deliveredAlertIds).containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.alert().id()).toList());
        long failed = SNS.getAllServeEvents().stream().filter(event -> event.getResponse().getStatus() == 500).count();
        assertThat(failed).as("the outage was real").isGreaterThanOrEqualTo(FAILING_REQUESTS);
    }

    private static List<String> alertIds(Map<String, String> publish) {
        try {
            return Json.MAPPER.readTree(publish.get("Message")).get("alerts").findValuesAsText("id");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
