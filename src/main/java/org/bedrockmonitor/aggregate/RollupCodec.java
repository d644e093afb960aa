package org.bedrockmonitor.aggregate;

import static org.bedrockmonitor.parse.JsonFields.forEachField;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.parse.Timestamps;
import org.bedrockmonitor.price.CostBasis;

/**
 * The rollup file format: JSON lines, each with a {@code kind}: {@code object} (one per file, what the
 * source object contributed), {@code window} (a {@link WindowStats}) or {@code audit} (an
 * {@link AuditEvent}). Readers skip kinds they do not know, so the format can grow.
 */
public final class RollupCodec {

    public static final String OBJECT = "object";
    public static final String WINDOW = "window";
    public static final String AUDIT = "audit";
    private static final String STANDARD_TIER = "standard";

    /** Window rows are written with the shortest exact form of a double (cost) and read back from bytes. */
    private static final JsonFactory LINES = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private RollupCodec() {
    }

    private static Instant instant(String text) throws JsonParseException {
        if (text == null) {
            return null;
        }
        Instant fast = Timestamps.utc(text);
        try {
            return fast != null ? fast : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new JsonParseException(null, "windowStart is not an ISO instant: " + text);
        }
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
        String line = encodeWindows(List.of(row));
        return line.substring(0, line.length() - 1);
    }

    /**
     * The rows of one object as JSON lines, each ended by '\n', from one generator. Rows come sorted by
     * window and share a handful of window starts, so each start is formatted once.
     */
    public static String encodeWindows(List<WindowStats> rows) {
        StringWriter out = new StringWriter(384 * rows.size() + 16);
        try (JsonGenerator g = LINES.createGenerator(out)) {
            g.setRootValueSeparator(null);
            Instant lastStart = null;
            String lastStartText = null;
            for (WindowStats row : rows) {
                if (!row.windowStart().equals(lastStart)) {
                    lastStart = row.windowStart();
                    lastStartText = lastStart.toString();
                }
                writeWindow(g, row, lastStartText);
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeWindow(JsonGenerator g, WindowStats row, String windowStart) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", WINDOW);
        g.writeStringField("windowStart", windowStart);
        g.writeNumberField("windowSeconds", row.windowSeconds());
        g.writeStringField("modelId", row.modelId());
        g.writeStringField("principal", row.principalArn());
        g.writeStringField("application", row.application());
        g.writeBooleanField("priced", row.priced());
        writeCostBasis(g, row.costBasis());
        Stats s = row.stats();
        g.writeObjectFieldStart("stats");
        g.writeNumberField("invocations", s.invocations);
        g.writeNumberField("errors", s.errors);
        g.writeNumberField("throttles", s.throttles);
        g.writeNumberField("serverErrors", s.serverErrors);
        g.writeNumberField("inputTokens", s.inputTokens);
        g.writeNumberField("outputTokens", s.outputTokens);
        g.writeNumberField("cacheReadTokens", s.cacheReadTokens);
        g.writeNumberField("cacheWriteTokens", s.cacheWriteTokens);
        g.writeNumberField("costUsd", s.costUsd);
        // most rows have none of these: left out when 0, which is what a reader assumes
        if (s.guardrailCostUsd != 0) {
            g.writeNumberField("guardrailCostUsd", s.guardrailCostUsd);
        }
        if (s.cacheWrite1hTokens != 0) {
            g.writeNumberField("cacheWrite1hTokens", s.cacheWrite1hTokens);
        }
        if (s.images != 0) {
            g.writeNumberField("images", s.images);
        }
        if (s.unbilledInputTokens + s.unbilledOutputTokens + s.unbilledCacheReadTokens + s.unbilledCacheWriteTokens != 0) {
            g.writeNumberField("unbilledInputTokens", s.unbilledInputTokens);
            g.writeNumberField("unbilledOutputTokens", s.unbilledOutputTokens);
            g.writeNumberField("unbilledCacheReadTokens", s.unbilledCacheReadTokens);
            g.writeNumberField("unbilledCacheWriteTokens", s.unbilledCacheWriteTokens);
        }
        g.writeNumberField("guardrailInterventions", s.guardrailInterventions);
        writeHistogram(g, "latencyMs", s.latencyMs);
        writeHistogram(g, "timeToFirstTokenMs", s.timeToFirstTokenMs);
        g.writeObjectFieldStart("errorCodes");
        for (Map.Entry<String, Long> code : s.errorCodes.entrySet()) {
            g.writeNumberField(code.getKey(), code.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * How the row was priced. {@code priceBook} is always written (a row written before price books has
     * none of these fields); the standard tier, the {@code tokens} rule and an unknown region are left out.
     */
    private static void writeCostBasis(JsonGenerator g, CostBasis basis) throws IOException {
        g.writeStringField("priceBook", basis.priceBook());
        if (!basis.tier().equals(STANDARD_TIER)) {
            g.writeStringField("tier", basis.tier());
        }
        if (!basis.region().isEmpty()) {
            g.writeStringField("region", basis.region());
        }
        if (!basis.rule().equals(CostBasis.TOKENS)) {
            g.writeStringField("rule", basis.rule());
        }
    }

    private static CostBasis costBasis(String[] fields) {
        if (fields[0] == null) {
            return CostBasis.LEGACY;
        }
        return new CostBasis(fields[0], fields[1] == null ? STANDARD_TIER : fields[1], fields[2],
                fields[3] == null ? CostBasis.TOKENS : fields[3]);
    }

    private static void writeHistogram(JsonGenerator g, String name, ValueHistogram histogram) throws IOException {
        g.writeObjectFieldStart(name);
        long[] values = histogram.distinctValues();
        g.writeFieldName("values");
        g.writeArray(values, 0, values.length);
        long[] counts = histogram.valueCounts();
        g.writeFieldName("counts");
        g.writeArray(counts, 0, counts.length);
        g.writeEndObject();
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

    /**
     * The window row of a rollup line, read in one streaming pass (reports read every row of a period),
     * or null when the line is of another kind. A broken line throws {@link UncheckedIOException}.
     */
    public static WindowStats decodeWindow(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return decodeWindow(bytes, 0, bytes.length);
    }

    /** As {@link #decodeWindow(String)} for {@code length} bytes of UTF-8 from {@code offset}. */
    public static WindowStats decodeWindow(byte[] line, int offset, int length) {
        try (JsonParser p = LINES.createParser(line, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "a rollup line is a JSON object");
            }
            String kind = null;
            Instant windowStart = null;
            int windowSeconds = 0;
            String modelId = "";
            String principal = "";
            String application = "";
            boolean priced = true;
            String[] costBasis = new String[4];
            Stats stats = new Stats();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "kind" -> kind = p.getValueAsString();
                    case "windowStart" -> windowStart = instant(p.getValueAsString());
                    case "windowSeconds" -> windowSeconds = p.getValueAsInt();
                    case "modelId" -> modelId = p.getValueAsString("");
                    case "principal" -> principal = p.getValueAsString("");
                    case "application" -> application = p.getValueAsString("");
                    case "priced" -> priced = p.getValueAsBoolean(true);
                    case "priceBook" -> costBasis[0] = p.getValueAsString("");
                    case "tier" -> costBasis[1] = p.getValueAsString("");
                    case "region" -> costBasis[2] = p.getValueAsString("");
                    case "rule" -> costBasis[3] = p.getValueAsString("");
                    case "stats" -> readStats(p, value, stats);
                    default -> p.skipChildren();
                }
                if (kind != null && !kind.equals(WINDOW)) {
                    return null;
                }
            }
            if (!WINDOW.equals(kind)) {
                return null;
            }
            if (windowStart == null) {
                throw new JsonParseException(p, "a window row has a windowStart");
            }
            return new WindowStats(windowStart, windowSeconds, modelId, principal, application, priced, stats,
                    costBasis(costBasis));
        } catch (IOException e) {
            throw new UncheckedIOException("not a rollup line: " + e.getMessage(), e);
        }
    }

    private static void readStats(JsonParser p, JsonToken value, Stats s) throws IOException {
        forEachField(p, value, (field, v) -> {
            switch (field) {
                case "invocations" -> s.invocations = p.getValueAsLong();
                case "errors" -> s.errors = p.getValueAsLong();
                case "throttles" -> s.throttles = p.getValueAsLong();
                case "serverErrors" -> s.serverErrors = p.getValueAsLong();
                case "inputTokens" -> s.inputTokens = p.getValueAsLong();
                case "outputTokens" -> s.outputTokens = p.getValueAsLong();
                case "cacheReadTokens" -> s.cacheReadTokens = p.getValueAsLong();
                case "cacheWriteTokens" -> s.cacheWriteTokens = p.getValueAsLong();
                case "costUsd" -> s.costUsd = p.getValueAsDouble();
                case "guardrailCostUsd" -> s.guardrailCostUsd = p.getValueAsDouble();
                case "cacheWrite1hTokens" -> s.cacheWrite1hTokens = p.getValueAsLong();
                case "images" -> s.images = p.getValueAsLong();
                case "unbilledInputTokens" -> s.unbilledInputTokens = p.getValueAsLong();
                case "unbilledOutputTokens" -> s.unbilledOutputTokens = p.getValueAsLong();
                case "unbilledCacheReadTokens" -> s.unbilledCacheReadTokens = p.getValueAsLong();
                case "unbilledCacheWriteTokens" -> s.unbilledCacheWriteTokens = p.getValueAsLong();
                case "guardrailInterventions" -> s.guardrailInterventions = p.getValueAsLong();
                case "latencyMs" -> readHistogram(p, v, s.latencyMs);
                case "timeToFirstTokenMs" -> readHistogram(p, v, s.timeToFirstTokenMs);
                case "errorCodes" -> forEachField(p, v, (code, n) -> {
                    s.errorCodes.put(code, p.getValueAsLong());
                    return true;
                });
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static void readHistogram(JsonParser p, JsonToken value, ValueHistogram into) throws IOException {
        long[][] valuesAndCounts = {new long[0], new long[0]};
        forEachField(p, value, (field, v) -> {
            switch (field) {
                case "values" -> valuesAndCounts[0] = longs(p, v);
                case "counts" -> valuesAndCounts[1] = longs(p, v);
                default -> {
                    return false;
                }
            }
            return true;
        });
        if (valuesAndCounts[0].length != valuesAndCounts[1].length) {
            throw new JsonParseException(p, "a distribution has as many counts as values");
        }
        into.addAll(valuesAndCounts[0], valuesAndCounts[1]);
    }

    private static long[] longs(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return new long[0];
        }
        long[] read = new long[16];
        int size = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (size == read.length) {
                read = Arrays.copyOf(read, size * 2);
            }
            read[size++] = p.getValueAsLong();
        }
        return Arrays.copyOf(read, size);
    }
}
