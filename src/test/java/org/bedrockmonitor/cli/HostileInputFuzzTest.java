package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.parse.Printable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few thousand mutated records of the real formats (invocation logs of every operation, CloudTrail
 * events) between good records whose totals are known, through {@code analyze}, with a fixed seed.
 * Good records belong to principals and CloudTrail event names that no mutation of a damaged record can
 * reach in a few edits, so whatever the damaged ones turn into, the good totals must come out exact: as
 * generated, and equal (cost and latency distributions included) to an analysis of the good records alone.
 */
class HostileInputFuzzTest {

    static final long SEED = 16_2026L;
    static final String CANARY = "SecretCanary";
    static final String GOOD = "arn:aws:iam::111111111111:user/good-";
    static final String GOOD_CT = "arn:aws:iam::111111111111:user/audited-good";
    static final String FODDER = "arn:aws:sts::999999999999:assumed-role/Fodder/session-x";
    static final List<String> GOOD_EVENT_NAMES = List.of("InvokeModel", "Converse", "ConverseStream", "ListFoundationModels");
    static final String FODDER_EVENT_NAME = "ZzzFodderCall";
    static final int INVOCATION_OBJECTS = 30;
    static final int CLOUDTRAIL_OBJECTS = 8;

    @TempDir
    Path dir;

    /** What the good records hold, per principal. */
    static final class Sums {
        long invocations;
        long errors;
        long throttles;
        long input;
        long output;
        long cacheRead;
        long cacheWrite;
    }

    final Random random = new Random(SEED);
    final Map<String, Sums> truth = new TreeMap<>();
    final Map<String, Long> goodEventsByName = new TreeMap<>();
    int goodSerial;
    int fodderSerial;
    int goodRepeats;

    @Test
    void mutatedRecordsNeverEscapeAndNeverChangeTheGoodRecordsTotals() throws Exception {
        Path fuzz = Files.createDirectories(dir.resolve("fuzz"));
        Path clean = Files.createDirectories(dir.resolve("clean"));
        int mutated = generate(fuzz, clean);
        assertThat(mutated).isGreaterThan(3000);

        JsonNode summary = analyze(fuzz, dir.resolve("out-fuzz"));
        JsonNode reference = analyze(clean, dir.resolve("out-clean"));

        assertThat(summary.path("objects").path("failed")).as("objects that failed").isEmpty();
        assertThat(summary.has("completionError")).isFalse();
        JsonNode records = summary.path("records");
        assertThat(records.path("read").asLong()).isEqualTo(records.path("invocations").asLong()
                + records.path("duplicates").asLong() + records.path("rejected").asLong());
        assertThat(records.path("rejected").asLong()).isGreaterThan(mutated / 2);
        assertThat(records.path("duplicates").asLong()).as("repeated good lines are duplicates").isGreaterThanOrEqualTo(goodRepeats);

        for (Map.Entry<String, Sums> expected : truth.entrySet()) {
            JsonNode stats = summary.path("byPrincipal").path(expected.getKey());
            Sums sums = expected.getValue();
            assertThat(stats.path("invocations").asLong()).as(expected.getKey()).isEqualTo(sums.invocations);
            assertThat(stats.path("errors").asLong()).isEqualTo(sums.errors);
            assertThat(stats.path("throttles").asLong()).isEqualTo(sums.throttles);
            assertThat(stats.path("inputTokens").asLong()).isEqualTo(sums.input);
            assertThat(stats.path("outputTokens").asLong()).isEqualTo(sums.output);
            assertThat(stats.path("cacheReadTokens").asLong()).isEqualTo(sums.cacheRead);
            assertThat(stats.path("cacheWriteTokens").asLong()).isEqualTo(sums.cacheWrite);
            JsonNode alone = reference.path("byPrincipal").path(expected.getKey());
            // cost is a sum of doubles, merged across objects in the order their threads finish
            assertThat(stats.path("costUsd").asDouble()).isCloseTo(alone.path("costUsd").asDouble(), within(1e-9));
            assertThat(withoutCost(stats)).as("same as the good records alone").isEqualTo(withoutCost(alone));
        }
        goodEventsByName.forEach((name, count) ->
                assertThat(summary.path("cloudTrail").path("byEventName").path(name).asLong()).as(name).isEqualTo(count));

        try (Stream<Path> rejected = Files.walk(dir.resolve("out-fuzz/rejected"))) {
            for (Path file : rejected.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertThat(text).as("rejected sample or reason in " + file).doesNotContain(CANARY);
                for (String line : text.split("\n")) {
                    String reason = Json.MAPPER.readTree(line).path("reason").asText();
                    assertThat(Printable.of(reason)).isEqualTo(reason);
                }
            }
        }
    }

    static JsonNode withoutCost(JsonNode stats) {
        ObjectNode copy = stats.deepCopy();
        copy.remove("costUsd");
        return copy;
    }

    /** Writes the objects under {@code fuzz} and the good records alone under {@code clean}; returns how many records were damaged. */
    int generate(Path fuzz, Path clean) throws IOException {
        int mutated = 0;
        for (int object = 0; object < INVOCATION_OBJECTS; object++) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteArrayOutputStream good = new ByteArrayOutputStream();
            byte[] first = goodRecord();
            line(all, first);
            line(good, first);
            for (int i = 0; i < 140; i++) {
                if (random.nextInt(3) == 0) {
                    byte[] record = goodRecord();
                    line(all, record);
                    line(good, record);
                    if (random.nextInt(15) == 0) {
                        line(all, record);
                        goodRepeats++;
                    }
                } else {
                    line(all, mutate(fodderRecord()));
                    mutated++;
                }
            }
            writeObject(fuzz.resolve("invocations-" + object + ".json"), all.toByteArray(), object % 3 == 0);
            Files.write(clean.resolve("invocations-" + object + ".json"), good.toByteArray());
        }
        for (int object = 0; object < CLOUDTRAIL_OBJECTS; object++) {
            mutated += writeCloudTrail(fuzz, object);
        }
        return mutated;
    }

    JsonNode analyze(Path input, Path out) throws Exception {
        Analysis.Outcome outcome = new Analysis(List.of(input), out, null, new PrintWriter(new StringWriter())).run();
        return outcome.summary();
    }

    static void line(ByteArrayOutputStream out, byte[] line) {
        out.writeBytes(line);
        out.write('\n');
    }

    /**
     * Plain, or gzip in two members (split anywhere, as a shipper does) with the last fifth of the lines
     * appended as plain text after them.
     */
    static void writeObject(Path file, byte[] content, boolean gzip) throws IOException {
        if (!gzip) {
            Files.write(file, content);
            return;
        }
        int plainFrom = lineStartAfter(content, content.length * 4 / 5);
        int half = content.length * 2 / 5;
        try (OutputStream out = Files.newOutputStream(file.resolveSibling(file.getFileName() + ".gz"))) {
            member(out, content, 0, half);
            member(out, content, half, plainFrom - half);
            out.write(content, plainFrom, content.length - plainFrom);
        }
    }

    static int lineStartAfter(byte[] content, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == '\n') {
                return i + 1;
            }
        }
        return content.length;
    }

    static void member(OutputStream out, byte[] content, int offset, int length) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content, offset, length);
        }
        out.write(bytes.toByteArray());
    }

    // ---- invocation records of every operation ------------------------------------------------------

    static final String[] MODELS = {"anthropic.claude-3-haiku-20240307-v1:0", "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
            "amazon.titan-text-express-v1", "amazon.titan-embed-text-v2:0", "meta.llama3-1-8b-instruct-v1:0", "amazon.nova-lite-v1:0"};

    byte[] goodRecord() throws IOException {
        String principal = GOOD + random.nextInt(4);
        String id = random.nextInt(12) == 0 ? null : "good-request-" + String.format("%08d", goodSerial++);
        Generated record = invocation(principal, id);
        Sums sums = truth.computeIfAbsent(principal, p -> new Sums());
        sums.invocations++;
        if ("ThrottlingException".equals(record.error)) {
            sums.throttles++;
        } else if (record.error != null) {
            sums.errors++;
        }
        sums.input += record.input;
        sums.output += record.output;
        sums.cacheRead += record.cacheRead;
        sums.cacheWrite += record.cacheWrite;
        return random.nextInt(10) == 0 ? pretty(record.json).getBytes(StandardCharsets.UTF_8) : record.json.getBytes(StandardCharsets.UTF_8);
    }

    String fodderRecord() throws IOException {
        return invocation(FODDER, "fodder-request-" + String.format("%08d", fodderSerial++)).json;
    }

    record Generated(String json, String error, long input, long output, long cacheRead, long cacheWrite) {
    }

    /** One record as Bedrock writes it for a random operation and model family, bodies included. */
    Generated invocation(String principal, String requestId) {
        String model = MODELS[random.nextInt(MODELS.length)];
        String[] operations = {"InvokeModel", "InvokeModelWithResponseStream", "Converse", "ConverseStream"};
        String operation = model.contains("embed") ? "InvokeModel" : operations[random.nextInt(operations.length)];
        boolean converse = operation.startsWith("Converse");
        int roll = random.nextInt(40);
        String error = roll == 0 ? "ThrottlingException" : roll == 1 ? "ValidationException" : roll == 2 ? "ModelTimeoutException" : null;
        long input = error != null && random.nextBoolean() ? 0 : 1 + random.nextInt(5000);
        long output = error != null || model.contains("embed") ? 0 : 1 + random.nextInt(900);
        long cacheRead = converse && error == null && random.nextInt(3) == 0 ? random.nextInt(9000) : 0;
        long cacheWrite = converse && error == null && random.nextInt(6) == 0 ? random.nextInt(3000) : 0;
        long latency = 100 + random.nextInt(20_000);
        boolean countsOnlyInUsage = converse && error == null && random.nextInt(8) == 0;
        String words = CANARY + " " + Long.toHexString(random.nextLong());
        String time = String.format("2025-06-01T%02d:%02d:%02d.%03dZ", random.nextInt(24), random.nextInt(60), random.nextInt(60),
                random.nextInt(1000));

        StringBuilder json = new StringBuilder(1500);
        json.append("{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"").append(time)
                .append("\",\"accountId\":\"111111111111\",\"identity\":{\"arn\":\"").append(principal)
                .append("\"},\"region\":\"us-east-1\",");
        if (requestId != null) {
            json.append("\"requestId\":\"").append(requestId).append("\",");
        }
        json.append("\"operation\":\"").append(operation).append("\",\"modelId\":\"").append(model).append('"');
        if (error != null) {
            json.append(",\"errorCode\":\"").append(error).append('"');
        }
        if (random.nextBoolean()) {
            json.append(",\"requestMetadata\":{\"application\":\"app-").append(random.nextInt(3)).append("\",\"team\":\"t\"}");
        }
        json.append(",\"input\":{\"inputContentType\":\"application/json\",");
        if (random.nextInt(25) == 0) {
            json.append("\"inputBodyS3Path\":\"s3://logs/AWSLogs/1/BedrockModelInvocationLogs/us-east-1/data/x_input.json.gz\",");
        } else {
            json.append("\"inputBodyJson\":").append(inputBody(model, converse, words)).append(',');
        }
        if (!countsOnlyInUsage) {
            json.append("\"inputTokenCount\":").append(input);
            if (cacheRead > 0) {
                json.append(",\"cacheReadInputTokenCount\":").append(cacheRead);
            }
            if (cacheWrite > 0) {
                json.append(",\"cacheWriteInputTokenCount\":").append(cacheWrite);
            }
        } else {
            json.setLength(json.length() - 1);
        }
        json.append('}');
        if (error == null) {
            json.append(",\"output\":{\"outputContentType\":\"application/json\",\"outputBodyJson\":")
                    .append(outputBody(model, operation, words, input, output, cacheRead, cacheWrite, latency));
            if (!countsOnlyInUsage) {
                json.append(",\"outputTokenCount\":").append(output);
            }
            json.append('}');
        }
        json.append('}');
        return new Generated(json.toString(), error, input, output, cacheRead, cacheWrite);
    }

    static String inputBody(String model, boolean converse, String words) {
        if (converse) {
            return "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + words + "\"}]}],\"system\":[{\"text\":\"be brief\"}],"
                    + "\"inferenceConfig\":{\"maxTokens\":512}}";
        }
        if (model.startsWith("amazon.titan")) {
            return "{\"inputText\":\"" + words + "\",\"textGenerationConfig\":{\"maxTokenCount\":512}}";
        }
        if (model.startsWith("meta.")) {
            return "{\"prompt\":\"<|begin_of_text|>" + words + "\",\"max_gen_len\":512}";
        }
        if (model.startsWith("amazon.nova")) {
            return "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + words + "\"}]}]}";
        }
        return "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":512,\"system\":\"" + words
                + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + words + "\"}]}]}";
    }

    static String outputBody(String model, String operation, String words, long input, long output, long cacheRead,
                             long cacheWrite, long latency) {
        if (operation.startsWith("Converse")) {
            return "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"" + words + "\"}]}},"
                    + "\"stopReason\":\"end_turn\",\"metrics\":{\"latencyMs\":" + latency + "},\"usage\":{\"inputTokens\":" + input
                    + ",\"outputTokens\":" + output + ",\"cacheReadInputTokens\":" + cacheRead + ",\"cacheWriteInputTokens\":"
                    + cacheWrite + ",\"totalTokens\":" + (input + output) + "}}";
        }
        if (operation.equals("InvokeModelWithResponseStream")) {
            return "[{\"type\":\"content_block_delta\",\"delta\":{\"text\":\"" + words + "\"}},\"[DONE]\",{\"type\":\"message_stop\","
                    + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":" + input + ",\"outputTokenCount\":" + output
                    + ",\"invocationLatency\":" + latency + ",\"firstByteLatency\":" + latency / 4 + "}}]";
        }
        if (model.contains("embed")) {
            return "{\"embedding\":[0.0125,-0.5,0.75],\"inputTextTokenCount\":" + input + "}";
        }
        if (model.startsWith("amazon.titan")) {
            return "{\"inputTextTokenCount\":" + input + ",\"results\":[{\"tokenCount\":" + output + ",\"outputText\":\"" + words
                    + "\",\"completionReason\":\"FINISH\"}]}";
        }
        if (model.startsWith("meta.")) {
            return "{\"generation\":\"" + words + "\",\"prompt_token_count\":" + input + ",\"generation_token_count\":" + output
                    + ",\"stop_reason\":\"stop\"}";
        }
        return "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"" + words + "\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":" + input + ",\"output_tokens\":" + output + "}}";
    }

    static String pretty(String json) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        return Json.MAPPER.writer(printer).writeValueAsString(Json.MAPPER.readTree(json)).replace("\r\n", "\n");
    }

    // ---- mutations -----------------------------------------------------------------------------------

    static final String[] HOSTILE_COUNTS = {"1e30", "9223372036854775807", "99999999999999999999999", "-5", "-0.5", "\"many\"",
            "true", "{}", "[1]", "1000000000001", "12.5", "\"12\"", "null", "-99999999999999999999999"};
    static final String[] HOSTILE_TIMES = {"1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "yesterday",
            "2025-13-45T99:99:99Z", "", "2019-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z"};
    static final byte[] NOISE = "{}[]\":,\\\u0000\u001b\u202e\r\t 0-9eE.nulltrue".getBytes(StandardCharsets.UTF_8);

    /** One damaged copy of a fodder record: byte edits, hostile values, limits, shape changes. */
    byte[] mutate(String record) throws IOException {
        return switch (random.nextInt(22)) {
            case 0 -> editBytes(record.getBytes(StandardCharsets.UTF_8), 1 + random.nextInt(4));
            case 1 -> deleteSpan(record);
            case 2 -> insertBytes(record.getBytes(StandardCharsets.UTF_8));
            case 3 -> bytes(record.substring(0, 1 + random.nextInt(record.length() - 1)));
            case 4 -> bytes(replaceValue(record, "\"inputTokenCount\":", HOSTILE_COUNTS[random.nextInt(HOSTILE_COUNTS.length)]));
            case 5 -> bytes(replaceValue(record.contains("\"outputTokenCount\":") ? record : record.replace("\"inputTokenCount\"",
                    "\"outputTokenCount\":1,\"inputTokenCount\""), "\"outputTokenCount\":", HOSTILE_COUNTS[random.nextInt(HOSTILE_COUNTS.length)]));
            case 6 -> bytes(record.replaceFirst("\"timestamp\":\"[^\"]*\"",
                    "\"timestamp\":\"" + HOSTILE_TIMES[random.nextInt(HOSTILE_TIMES.length)] + "\""));
            case 7 -> bytes(intoBody(record, "\"deep\":" + "[".repeat(1001) + "]".repeat(1001)));
            case 8 -> bytes(intoBody(record, "\"n\":" + "7".repeat(1500)));
            case 9 -> bytes(intoBody(record, "\"" + "k".repeat(random.nextInt(4) == 0 ? 60_000 : 3_000) + "\":1"));
            case 10 -> bytes(record.replaceFirst("\"modelId\":\"", "\"modelId\":\"" + "m".repeat(3000)));
            case 11 -> bytes(record.replaceFirst("\"region\":", "\"requestMetadata\":{\""
                    + "t".repeat(random.nextInt(4) == 0 ? 100_000 : 3_000) + "\":\"v\"},\"region\":"));
            case 12 -> bytes(record.replaceFirst("\"modelId\":\"", "\"modelId\":\"\\u001b[2J\\u001b]0;owned\\u0007\\n\\u202e"));
            case 13 -> bytes(record.replaceFirst("\"requestId\":\"[^\"]*\",", ""));
            case 14 -> bytes(record + "\n" + record);
            case 15 -> prettyCut(record);
            case 16 -> bytes(pretty(record).replaceFirst("\"operation\"", "operation"));
            case 17 -> bytes(record.replaceFirst("\"identity\":\\{[^}]*}", "\"identity\":\"x\"")
                    .replace("\"input\":{", "\"input\":[{"));
            case 18 -> bytes(record.replace("\"schemaType\":\"ModelInvocationLog\",", "").replaceFirst("\"operation\":\"[^\"]*\",", ""));
            case 19 -> {
                int cut = 1 + random.nextInt(record.length() - 1);
                yield bytes(record.substring(cut) + record.substring(0, cut));
            }
            case 20 -> bytes((random.nextBoolean() ? "\uFEFF" : "\u0000\u0001") + record);
            default -> splitLines(record);
        };
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    byte[] editBytes(byte[] bytes, int edits) {
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(bytes.length);
            byte b = random.nextBoolean() ? NOISE[random.nextInt(NOISE.length)] : (byte) random.nextInt(256);
            bytes[at] = b == '\n' ? (byte) ' ' : b;
        }
        return bytes;
    }

    byte[] deleteSpan(String record) {
        int from = random.nextInt(record.length());
        int to = Math.min(record.length(), from + 1 + random.nextInt(30));
        return bytes(record.substring(0, from) + record.substring(to));
    }

    byte[] insertBytes(byte[] bytes) {
        int at = random.nextInt(bytes.length + 1);
        byte[] inserted = new byte[1 + random.nextInt(6)];
        for (int i = 0; i < inserted.length; i++) {
            inserted[i] = random.nextInt(4) == 0 ? (byte) (0x80 + random.nextInt(128)) : NOISE[random.nextInt(NOISE.length)];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(inserted);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    String replaceValue(String record, String field, String value) {
        int at = record.indexOf(field);
        if (at < 0) {
            return record.replaceFirst("\"input\":\\{", "\"input\":{" + field + value + ",");
        }
        int start = at + field.length();
        int end = start;
        while (end < record.length() && record.charAt(end) != ',' && record.charAt(end) != '}') {
            end++;
        }
        return record.substring(0, start) + value + record.substring(end);
    }

    static String intoBody(String record, String member) {
        return record.contains("\"inputBodyJson\":{") ? record.replace("\"inputBodyJson\":{", "\"inputBodyJson\":{" + member + ",")
                : record.replace("\"input\":{", "\"input\":{" + member + ",");
    }

    byte[] prettyCut(String record) throws IOException {
        String[] lines = pretty(record).split("\n");
        return bytes(String.join("\n", List.of(lines).subList(0, 1 + random.nextInt(lines.length - 1))));
    }

    byte[] splitLines(String record) {
        StringBuilder split = new StringBuilder(record);
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            split.insert(random.nextInt(split.length()), random.nextBoolean() ? "\n" : "\n  ");
        }
        return bytes(split.toString());
    }

    // ---- CloudTrail ------------------------------------------------------------------------------------

    /**
     * One CloudTrail object: bare events one per line (good ones and damaged fodder events), or, every
     * fourth object, a {@code Records} file of good events only. A damaged line never opens with '[':
     * such a line starts a JSON array of events, whose broken syntax ends the object by design, which
     * would take the good events after it along. Returns the number of damaged events written.
     */
    int writeCloudTrail(Path folder, int object) throws IOException {
        if (object % 4 == 3) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                events.add(goodEvent());
            }
            Files.writeString(folder.resolve("trail-records-" + object + ".json"), "{\"Records\":[" + String.join(",", events) + "]}");
            return 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, bytes(goodEvent()));
        int damaged = 0;
        for (int i = 0; i < 150; i++) {
            if (random.nextInt(3) == 0) {
                line(out, bytes(goodEvent()));
            } else {
                line(out, neverOpensAnArray(mutateEvent(fodderEvent())));
                damaged++;
            }
        }
        Files.write(folder.resolve("trail-" + object + ".json"), out.toByteArray());
        return damaged;
    }

    String goodEvent() {
        String name = GOOD_EVENT_NAMES.get(random.nextInt(GOOD_EVENT_NAMES.size()));
        goodEventsByName.merge(name, 1L, Long::sum);
        return event(GOOD_CT, name, "good-event-" + goodSerial++);
    }

    String fodderEvent() {
        return event(FODDER, FODDER_EVENT_NAME, "fodder-event-" + fodderSerial++);
    }

    String event(String principal, String name, String id) {
        String time = String.format("2025-06-01T%02d:%02d:%02dZ", random.nextInt(24), random.nextInt(60), random.nextInt(60));
        return "{\"eventVersion\":\"1.10\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"" + principal
                + "\",\"accountId\":\"111111111111\"},\"eventTime\":\"" + time + "\",\"eventSource\":\"bedrock.amazonaws.com\","
                + "\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100." + random.nextInt(255)
                + "\",\"userAgent\":\"Boto3/1.35.50\",\"requestParameters\":{\"modelId\":\"" + MODELS[random.nextInt(MODELS.length)]
                + "\"},\"responseElements\":null,\"eventID\":\"" + id + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
                + "\"managementEvent\":false,\"recipientAccountId\":\"111111111111\"}";
    }

    byte[] mutateEvent(String event) throws IOException {
        return switch (random.nextInt(9)) {
            case 0 -> editBytes(bytes(event), 1 + random.nextInt(4));
            case 1 -> deleteSpan(event);
            case 2 -> insertBytes(bytes(event));
            case 3 -> bytes(event.substring(0, 1 + random.nextInt(event.length() - 1)));
            case 4 -> bytes(event.replace("\"requestParameters\":{", "\"requestParameters\":{\"x\":" + "[".repeat(1001) + "]".repeat(1001) + ","));
            case 5 -> bytes(event.replaceFirst("\"eventTime\":\"[^\"]*\"", "\"eventTime\":\"" + HOSTILE_TIMES[random.nextInt(HOSTILE_TIMES.length)] + "\""));
            case 6 -> bytes(pretty(event).replaceFirst("\"eventSource\"", "eventSource"));
            case 7 -> prettyCut(event);
            default -> splitLines(event);
        };
    }

    static byte[] neverOpensAnArray(byte[] event) {
        String text = new String(event, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        Collections.addAll(lines, text.split("\n", -1));
        lines.replaceAll(line -> line.strip().startsWith("[") ? "x" + line : line);
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }
}
