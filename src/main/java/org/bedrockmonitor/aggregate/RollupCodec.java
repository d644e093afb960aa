package org.bedrockmonitor.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * The rollup file format: JSON lines, each with a {@code kind}: {@code object} (one per file, what the
 * source object contributed), {@code window} (a {@link WindowStats}) or {@code audit} (an
 * {@link AuditEvent}). Readers skip kinds they do not know, so the format can grow.
 */
public final class RollupCodec {

    public static final String OBJECT = "object";
    public static final String WINDOW = "window";
    public static final String AUDIT = "audit";

    private RollupCodec() {
    }

    public static String encode(ObjectSummary summary) {
        ObjectNode node = Json.MAPPER.valueToTree(summary);
        node.put("kind", OBJECT);
        return node.toString();
    }

    public static String encode(AuditEvent event) {
        ObjectNode node = Json.MAPPER.valueToTree(event);
        node.put("kind", AUDIT);
        return node.toString();
    }

    public static String encode(WindowStats row) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("kind", WINDOW);
        node.put("windowStart", row.windowStart().toString());
        node.put("windowSeconds", row.windowSeconds());
        node.put("modelId", row.modelId());
        node.put("principal", row.principalArn());
        node.put("application", row.application());
        node.put("priced", row.priced());
        Stats s = row.stats();
        ObjectNode stats = node.putObject("stats");
        stats.put("invocations", s.invocations);
        stats.put("errors", s.errors);
        stats.put("throttles", s.throttles);
        stats.put("serverErrors", s.serverErrors);
        stats.put("inputTokens", s.inputTokens);
        stats.put("outputTokens", s.outputTokens);
        stats.put("cacheReadTokens", s.cacheReadTokens);
        stats.put("cacheWriteTokens", s.cacheWriteTokens);
        stats.put("costUsd", s.costUsd);
        stats.put("guardrailInterventions", s.guardrailInterventions);
        putHistogram(stats.putObject("latencyMs"), s.latencyMs);
        putHistogram(stats.putObject("timeToFirstTokenMs"), s.timeToFirstTokenMs);
        ObjectNode codes = stats.putObject("errorCodes");
        s.errorCodes.forEach(codes::put);
        return node.toString();
    }

    private static void putHistogram(ObjectNode node, ValueHistogram histogram) {
        ArrayNode values = node.putArray("values");
        for (long v : histogram.distinctValues()) {
            values.add(v);
        }
        ArrayNode counts = node.putArray("counts");
        for (long c : histogram.valueCounts()) {
            counts.add(c);
        }
    }

    /** The kind of a decoded line, or "" when it has none. */
    public static String kindOf(JsonNode line) {
        return line.path("kind").asText("");
    }

    public static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a rollup line: " + e.getMessage(), e);
        }
    }

    public static ObjectSummary decodeObject(JsonNode node) {
        return Json.MAPPER.convertValue(node, ObjectSummary.class);
    }

    public static AuditEvent decodeAudit(JsonNode node) {
        return Json.MAPPER.convertValue(node, AuditEvent.class);
    }

    public static WindowStats decodeWindow(JsonNode node) {
        JsonNode st = node.path("stats");
        Stats s = new Stats();
        s.invocations = st.path("invocations").asLong();
        s.errors = st.path("errors").asLong();
        s.throttles = st.path("throttles").asLong();
        s.serverErrors = st.path("serverErrors").asLong();
        s.inputTokens = st.path("inputTokens").asLong();
        s.outputTokens = st.path("outputTokens").asLong();
        s.cacheReadTokens = st.path("cacheReadTokens").asLong();
        s.cacheWriteTokens = st.path("cacheWriteTokens").asLong();
        s.costUsd = st.path("costUsd").asDouble();
        s.guardrailInterventions = st.path("guardrailInterventions").asLong();
        readHistogram(st.path("latencyMs"), s.latencyMs);
        readHistogram(st.path("timeToFirstTokenMs"), s.timeToFirstTokenMs);
        for (Map.Entry<String, JsonNode> code : st.path("errorCodes").properties()) {
            s.errorCodes.put(code.getKey(), code.getValue().asLong());
        }
        return new WindowStats(
                Instant.parse(node.path("windowStart").asText()),
                node.path("windowSeconds").asInt(),
                node.path("modelId").asText(),
                node.path("principal").asText(),
                node.path("application").asText(""),
                node.path("priced").asBoolean(true),
                s);
    }

    private static void readHistogram(JsonNode node, ValueHistogram into) {
        JsonNode values = node.path("values");
        JsonNode counts = node.path("counts");
        for (int i = 0; i < values.size(); i++) {
            into.add(values.get(i).asLong(), counts.get(i).asLong());
        }
    }
}
