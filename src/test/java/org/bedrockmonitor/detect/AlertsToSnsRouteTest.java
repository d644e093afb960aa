package org.bedrockmonitor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.detect.Alert.Severity;
import org.bedrockmonitor.detect.Alert.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The alerts route in AWS shape: what reaches SNS for a grouped notification, decoded from the wire. */
@CamelMainTest(mainClass = org.bedrockmonitor.Main.class,
        propertyPlaceholderLocations = {"classpath:detect-route-test.properties", "classpath:application.properties"},
        properties = "monitor.sink.critical-alerts=aws2-sns://" + AlertsToSnsRouteTest.CRITICAL_TOPIC)
class AlertsToSnsRouteTest {

    static final String CRITICAL_TOPIC = "arn:aws:sns:us-east-1:000000000000:bedrock-critical";

    static final WireMockServer SNS = SnsWire.start();
    static final Path OUT = TestFolders.fresh("alerts-to-sns");

    @org.apache.camel.EndpointInject("direct:alert")
    ProducerTemplate template;

    @AfterAll
    static void stop() {
        SNS.stop();
    }

    @Test
    void groupedNotificationReachesSnsWithSubjectJsonMessageAndFilterAttributes() throws Exception {
        SNS.stubFor(SnsWire.publish().willReturn(SnsWire.published()));
        String model = "anthropic.claude-3-5-sonnet-20240620-v1:0";
        Window window = new Window(Instant.parse("2026-11-02T14:00:00Z"), Instant.parse("2026-11-02T14:10:00Z"));
        Alert errors = Alert.of(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, model, null, window, 21.5, 5,
                "Error rate of " + model + " was 21.5% (26 of 121 invocations failed or were throttled) over 10 minutes, above 5.0%.");
        Alert success = Alert.of(AlertTypes.LOW_SUCCESS_RATE, Severity.WARNING, model, null, window, 89.0, 95,
                "Success rate of " + model + " was 89.0% over the last 60 minutes, below 95.0%.");

        template.sendBody("direct:alert", List.of(errors, success));

        await().atMost(Duration.ofSeconds(15)).until(() -> SnsWire.acceptedPublishes(SNS).size() == 2);
        Map<String, String> publish = SnsWire.acceptedPublishes(SNS).get(0);
        assertThat(publish.get("TopicArn")).isEqualTo(SnsWire.TOPIC);
        Map<String, String> paged = SnsWire.acceptedPublishes(SNS).get(1);
        assertThat(paged.get("TopicArn")).as("critical notifications also go to the critical topic").isEqualTo(CRITICAL_TOPIC);
        assertThat(paged.get("Message")).isEqualTo(publish.get("Message"));
        assertThat(publish.get("Subject"))
                .isEqualTo("[test] CRITICAL HIGH_ERROR_RATE +1: model " + model)
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

        // the same condition again within the cooldown is not published a second time
        Window later = new Window(window.from().plusSeconds(300), window.to().plusSeconds(300));
        template.sendBody("direct:alert", Alert.of(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, model, null, later,
                19.0, 5, "Error rate of " + model + " was 19.0% over 10 minutes, above 5.0%."));
        // ... but its resolution is
        template.sendBody("direct:alert", errors.resolvedBy(later, 0.8, "Error rate of " + model + " is back to 0.8%."));
        await().atMost(Duration.ofSeconds(15)).until(() -> SnsWire.acceptedPublishes(SNS).size() == 3);
        Map<String, String> resolved = SnsWire.acceptedPublishes(SNS).get(2);
        assertThat(resolved.get("TopicArn")).isEqualTo(SnsWire.TOPIC);
        assertThat(resolved.get("Subject")).isEqualTo("[test] RESOLVED HIGH_ERROR_RATE: model " + model);
        assertThat(SnsWire.attributes(resolved).get("type").get("StringValue")).isEqualTo("RESOLVED");
        assertThat(SnsWire.acceptedPublishes(SNS)).hasSize(3);
        assertThat(Files.list(OUT.resolve("alert-spool")).toList()).isEmpty();
    }
}
