package org.bedrockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.BeanInject;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;
import org.bedrockmonitor.alerts.AlertNotification.Status;
import org.bedrockmonitor.config.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The alerts route against SNS (WireMock, the SNS query protocol): a queued notification is published
 * with its subject, JSON message and filter attributes, critical ones to the critical topic too, and
 * each once: the outbox is empty afterwards and a second sweep publishes nothing.
 */
@CamelMainTest(mainClass = org.bedrockmonitor.Main.class,
        propertyPlaceholderLocations = {"classpath:detect-route-test.properties", "classpath:application.properties"},
        properties = "monitor.sink.critical-alerts=aws2-sns://" + AlertsToSnsRouteTest.CRITICAL_TOPIC)
class AlertsToSnsRouteTest {

    static final String CRITICAL_TOPIC = "arn:aws:sns:us-east-1:000000000000:bedrock-critical";
    static final WireMockServer SNS = SnsWire.start();
    static final Path OUT = TestFolders.fresh("alerts-to-sns");

    @EndpointInject("direct:alert-outbox")
    ProducerTemplate sweep;

    @BeanInject("alertOutbox")
    AlertOutbox outbox;

    @AfterAll
    static void stop() {
        SNS.stop();
    }

    static AlertLifecycle.Event event(Alert alert, Status status) {
        return new AlertLifecycle.Event(alert, status, alert.window().from(), false);
    }

    @Test
    void aQueuedNotificationReachesSnsOnceWithSubjectJsonMessageAndFilterAttributes() throws Exception {
        SNS.stubFor(SnsWire.publish().willReturn(SnsWire.published()));
        String model = "anthropic.claude-3-5-sonnet-20240620-v1:0";
        Window window = new Window(Instant.parse("2026-11-02T14:00:00Z"), Instant.parse("2026-11-02T14:10:00Z"));
        Alert errors = Alert.of(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, model, null, window, 21.5, 5,
                "Error rate of " + model + " was 21.5% (26 of 121 invocations failed or were throttled) over 10 minutes, above 5.0%.");
        Alert success = Alert.of(AlertTypes.LOW_SUCCESS_RATE, Severity.WARNING, model, null, window, 89.0, 95,
                "Success rate of " + model + " was 89.0% over the last 60 minutes, below 95.0%.");
        List<AlertLifecycle.Event> firing = List.of(event(errors, Status.FIRING), event(success, Status.FIRING));
        outbox.enqueue(new AlertNotifier("test", 10).notifications(firing));

        sweep.sendBody(null);
        await().atMost(Duration.ofSeconds(15)).until(() -> SnsWire.acceptedPublishes(SNS).size() == 2);
        Map<String, String> publish = SnsWire.acceptedPublishes(SNS).stream()
                .filter(p -> SnsWire.TOPIC.equals(p.get("TopicArn"))).findFirst().orElseThrow();
        Map<String, String> paged = SnsWire.acceptedPublishes(SNS).stream()
                .filter(p -> CRITICAL_TOPIC.equals(p.get("TopicArn"))).findFirst().orElseThrow();
        assertThat(paged.get("Message")).as("critical notifications also go to the critical topic").isEqualTo(publish.get("Message"));
        assertThat(publish.get("Subject")).isEqualTo("[test] CRITICAL HIGH_ERROR_RATE +1: model " + model)
                .hasSizeLessThanOrEqualTo(100);
        assertThat(SnsWire.attributes(publish)).isEqualTo(Map.of(
                "type", Map.of("DataType", "String", "StringValue", "HIGH_ERROR_RATE"),
                "severity", Map.of("DataType", "String", "StringValue", "critical")));
        JsonNode message = Json.MAPPER.readTree(publish.get("Message"));
        assertThat(message.get("status").asText()).isEqualTo("FIRING");
        assertThat(message.get("severity").asText()).isEqualTo("critical");
        assertThat(message.get("model").asText()).isEqualTo(model);
        assertThat(message.get("alerts")).hasSize(2);
        assertThat(message.get("alerts").get(0).get("id").asText()).isEqualTo(errors.id());
        assertThat(message.get("alerts").get(0).get("observed").asDouble()).isEqualTo(21.5);
        assertThat(message.get("alerts").get(1).get("type").asText()).isEqualTo("LOW_SUCCESS_RATE");

        // queued again (a replay judged the same windows): nothing new is published
        outbox.enqueue(new AlertNotifier("test", 10).notifications(outbox.unnotified(firing)));
        Alert resolved = errors.resolvedBy(new Window(window.to(), window.to().plusSeconds(300)), 0.8,
                "Error rate of " + model + " is back to 0.8% (threshold 5.0%).");
        List<AlertLifecycle.Event> resolution = List.of(event(resolved, Status.RESOLVED));
        outbox.enqueue(new AlertNotifier("test", 10).notifications(resolution));
        sweep.sendBody(null);
        await().atMost(Duration.ofSeconds(15)).until(() -> SnsWire.acceptedPublishes(SNS).size() == 3);
        Map<String, String> cleared = SnsWire.acceptedPublishes(SNS).get(2);
        assertThat(cleared.get("TopicArn")).isEqualTo(SnsWire.TOPIC);
        assertThat(cleared.get("Subject")).isEqualTo("[test] RESOLVED HIGH_ERROR_RATE: model " + model);
        assertThat(SnsWire.attributes(cleared).get("type").get("StringValue")).isEqualTo("RESOLVED");
        sweep.sendBody(null);
        assertThat(SnsWire.acceptedPublishes(SNS)).hasSize(3);
        assertThat(outbox.waiting()).isZero();
    }
}
