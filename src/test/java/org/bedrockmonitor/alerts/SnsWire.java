package org.bedrockmonitor.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** WireMock standing in for SNS (query protocol: form-encoded POST /, XML answer). */
public final class SnsWire {

    static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:bedrock-alerts";

    private SnsWire() {
    }

    static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        System.setProperty("detect.test.sns-port", String.valueOf(server.port()));
        return server;
    }

    static MappingBuilder publish() {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder published() {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(
                "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
                        + java.util.UUID.randomUUID()
                        + "</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>");
    }

    /** The Publish requests SNS accepted, oldest first, each as its decoded form fields. */
    static List<Map<String, String>> acceptedPublishes(WireMockServer server) {
        return server.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getBodyAsString().contains("Action=Publish"))
                .filter(event -> event.getResponse().getStatus() == 200)
                .sorted(java.util.Comparator.comparing(SnsWire::loggedAt))
                .map(event -> form(event.getRequest().getBodyAsString()))
                .toList();
    }

    private static Instant loggedAt(ServeEvent event) {
        return event.getRequest().getLoggedDate().toInstant();
    }

    public static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** Message attributes of a decoded Publish: name -> {DataType, StringValue}. */
    static Map<String, Map<String, String>> attributes(Map<String, String> form) {
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i + ".";
            attributes.put(form.get(prefix + "Name"), Map.of(
                    "DataType", form.get(prefix + "Value.DataType"),
                    "StringValue", form.getOrDefault(prefix + "Value.StringValue", "")));
        }
        return attributes;
    }
}
