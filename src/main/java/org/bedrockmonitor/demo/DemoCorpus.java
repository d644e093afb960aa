package org.bedrockmonitor.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.bedrockmonitor.parse.InvocationRecord;

/**
 * Writes a realistic, reproducible corpus of Bedrock invocation logs (the S3 layout Bedrock uses: one
 * object per hour slice) and keeps the ground truth of what it wrote. Used by {@code demo}, the tests
 * and the benchmark. Everything is decided by the seed.
 */
public final class DemoCorpus {

    public static final String ACCOUNT = "123456789012";
    public static final String UNPRICED_MODEL = "arn:aws:bedrock:us-east-1:" + ACCOUNT + ":provisioned-model/kb7x2demo";

    /** Knobs of a corpus. */
    public record Spec(long seed, Instant start, int records, int objects, int minBodyBytes, int maxBodyBytes,
                       double replayShare, double damagedShare, double gzipShare, boolean usageSpike) {

        public static Spec demoDay(Instant start) {
            return new Spec(42, start, 20_000, 48, 200, 2_000, 0.01, 0.001, 0.7, true);
        }
    }

    /** What the corpus holds, computed while writing it (the answer analyze must give). */
    public static final class Truth {
        public long lines;
        public long unique;
        public long duplicates;
        public long damaged;
        public final Map<String, Sums> byModel = new TreeMap<>();
        public final Map<String, Sums> byPrincipal = new TreeMap<>();
        public final Sums totals = new Sums();
        public Instant from;
        public Instant to;
        public long bytesUncompressed;
        public final List<Path> files = new ArrayList<>();
    }

    /** Per-key sums of the ground truth, with every latency value kept for exact percentiles. */
    public static final class Sums {
        public long invocations;
        public long errors;
        public long throttles;
        public long inputTokens;
        public long outputTokens;
        public long cacheReadTokens;
        public long cacheWriteTokens;
        public long guardrailInterventions;
        public final List<Long> latencies = new ArrayList<>();
        public final List<Long> timesToFirstToken = new ArrayList<>();
        /** Billed tokens per model (input, output, cache read, cache write): failed calls are not billed. */
        public final Map<String, long[]> tokensByModel = new HashMap<>();
    }

    private record Model(String id, String family, double weight, boolean cache, boolean embedding) {
    }

    private record Caller(String arn, double weight, String application) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude", 0.22, true, false),
            new Model("anthropic.claude-3-haiku-20240307-v1:0", "claude", 0.20, false, false),
            new Model("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude", 0.08, true, false),
            new Model("amazon.nova-lite-v1:0", "nova", 0.14, false, false),
            new Model("amazon.nova-pro-v1:0", "nova", 0.08, false, false),
            new Model("meta.llama3-1-70b-instruct-v1:0", "llama", 0.08, false, false),
            new Model("mistral.mistral-large-2407-v1:0", "mistral", 0.05, false, false),
            new Model("cohere.command-r-v1:0", "cohere", 0.04, false, false),
            new Model("amazon.titan-embed-text-v2:0", "titan", 0.08, false, true),
            new Model("ai21.jamba-1-5-mini-v1:0", "jamba", 0.02, false, false),
            new Model(UNPRICED_MODEL, "custom", 0.01, false, false));

    private static final List<Caller> CALLERS = List.of(
            new Caller("arn:aws:sts::" + ACCOUNT + ":assumed-role/chatbot-prod/i-0a1b2c3d", 0.30, "chatbot"),
            new Caller("arn:aws:sts::" + ACCOUNT + ":assumed-role/search-indexer/batch-7", 0.20, "search"),
            new Caller("arn:aws:sts::" + ACCOUNT + ":assumed-role/support-assist/lambda-42", 0.15, "support"),
            new Caller("arn:aws:iam::" + ACCOUNT + ":user/alice", 0.10, ""),
            new Caller("arn:aws:iam::" + ACCOUNT + ":user/bob", 0.08, "notebooks"),
            new Caller("arn:aws:sts::" + ACCOUNT + ":assumed-role/AWSReservedSSO_DataScience_1a2b/carol@example.com", 0.10, "notebooks"),
            new Caller("arn:aws:sts::" + ACCOUNT + ":assumed-role/analytics-etl/glue-job", 0.07, "analytics"));

    private static final String[] OPERATIONS = {"InvokeModel", "InvokeModelWithResponseStream", "Converse", "ConverseStream"};
    private static final String WORDS = "the quick brown fox jumps over a lazy dog while models answer questions about "
            + "invoices contracts travel policies and code reviews for the quarterly planning meeting ";

    private final Spec spec;
    private final Random random;
    private final JsonFactory json = new JsonFactory();

    public DemoCorpus(Spec spec) {
        this.spec = spec;
        this.random = new Random(spec.seed());
    }

    /** Writes the corpus under {@code folder} and returns its truth. */
    public Truth write(Path folder) throws IOException {
        Truth truth = new Truth();
        int perObject = Math.max(1, spec.records() / spec.objects());
        long spanSeconds = Duration.ofDays(1).toSeconds();
        List<byte[]> replayPool = new ArrayList<>();
        int written = 0;
        for (int object = 0; object < spec.objects(); object++) {
            int count = object == spec.objects() - 1 ? spec.records() - written : Math.min(perObject, spec.records() - written);
            if (count <= 0) {
                break;
            }
            long sliceStart = spanSeconds * object / spec.objects();
            long sliceEnd = spanSeconds * (object + 1) / spec.objects();
            ByteArrayOutputStream body = new ByteArrayOutputStream(count * (spec.maxBodyBytes() + 1200));
            for (int i = 0; i < count; i++) {
                Instant at = spec.start().plusSeconds(sliceStart + (long) (random.nextDouble() * (sliceEnd - sliceStart)));
                byte[] line = record(at, truth);
                body.write(line);
                body.write('\n');
                truth.lines++;
                if (random.nextDouble() < spec.replayShare()) {
                    replayPool.add(line);
                }
                if (!replayPool.isEmpty() && random.nextDouble() < spec.replayShare()) {
                    body.write(replayPool.get(random.nextInt(replayPool.size())));
                    body.write('\n');
                    truth.lines++;
                    truth.duplicates++;
                }
                if (random.nextDouble() < spec.damagedShare()) {
                    body.write(damaged(line));
                    body.write('\n');
                    truth.lines++;
                    truth.damaged++;
                }
            }
            written += count;
            truth.bytesUncompressed += body.size();
            truth.files.add(writeObject(folder, spec.start().plusSeconds(sliceStart), body.toByteArray(), object));
        }
        return truth;
    }

    /**
     * One CloudTrail log file for the day ({@code {"Records":[...]}}, gzip, CloudTrail's key layout):
     * routine runtime calls, a burst of denied calls by one principal and a guardrail deleted from an
     * unrecognised tool. Returns the number of Bedrock events written.
     */
    public int writeCloudTrail(Path folder) throws IOException {
        ZonedDateTime day = spec.start().atZone(ZoneOffset.UTC);
        Path dir = folder.resolve(String.format("AWSLogs/%s/CloudTrail/us-east-1/%04d/%02d/%02d",
                ACCOUNT, day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
        Files.createDirectories(dir);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int events = 0;
        try (JsonGenerator g = json.createGenerator(body)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (int i = 0; i < 40; i++) {
                Caller caller = CALLERS.get(i % CALLERS.size());
                auditEvent(g, spec.start().plusSeconds(1800L * i + random.nextInt(600)), caller.arn(),
                        i % 5 == 0 ? "ListFoundationModels" : "InvokeModel", "10.20." + (i % 4) + ".17",
                        "Boto3/1.34.162 md/Botocore#1.34.162 ua/2.0 os/linux lang/python#3.12.0", null,
                        MODELS.get(i % 4).id());
                events++;
            }
            Instant burst = spec.start().plusSeconds(Duration.ofHours(16).toSeconds());
            for (int i = 0; i < 14; i++) {
                auditEvent(g, burst.plusSeconds(12L * i), "arn:aws:iam::" + ACCOUNT + ":user/mallory", "InvokeModel",
                        "203.0.113.66", "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64", "AccessDenied",
                        "anthropic.claude-3-opus-20240229-v1:0");
                events++;
            }
            auditEvent(g, burst.plusSeconds(900), "arn:aws:iam::" + ACCOUNT + ":user/mallory", "DeleteGuardrail",
                    "203.0.113.66", "python-requests/2.31.0", null, null);
            events++;
            g.writeEndArray();
            g.writeEndObject();
        }
        Path file = dir.resolve(String.format("%s_CloudTrail_us-east-1_%04d%02d%02dT2355Z_demo.json.gz",
                ACCOUNT, day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
        try (OutputStream out = Files.newOutputStream(file)) {
            gzipped(out, body.toByteArray(), 0, body.size());
        }
        return events;
    }

    private void auditEvent(JsonGenerator g, Instant at, String arn, String name, String ip, String agent,
                            String errorCode, String modelId) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventVersion", "1.09");
        g.writeObjectFieldStart("userIdentity");
        g.writeStringField("type", arn.contains(":assumed-role/") ? "AssumedRole" : "IAMUser");
        g.writeStringField("arn", arn);
        g.writeStringField("accountId", ACCOUNT);
        g.writeEndObject();
        g.writeStringField("eventTime", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        g.writeStringField("eventSource", "bedrock.amazonaws.com");
        g.writeStringField("eventName", name);
        g.writeStringField("awsRegion", "us-east-1");
        g.writeStringField("sourceIPAddress", ip);
        g.writeStringField("userAgent", agent);
        if (errorCode != null) {
            g.writeStringField("errorCode", errorCode);
            g.writeStringField("errorMessage", "User is not authorized to perform: bedrock:" + name);
        }
        g.writeObjectFieldStart("requestParameters");
        if (modelId != null) {
            g.writeStringField("modelId", modelId);
        } else if (name.equals("DeleteGuardrail")) {
            g.writeStringField("guardrailIdentifier", "gr-demo-1");
        }
        g.writeEndObject();
        g.writeStringField("requestID", new UUID(random.nextLong(), random.nextLong()).toString());
        g.writeStringField("eventID", new UUID(random.nextLong(), random.nextLong()).toString());
        g.writeBooleanField("readOnly", name.startsWith("List") || name.startsWith("Invoke"));
        g.writeStringField("eventType", "AwsApiCall");
        g.writeBooleanField("managementEvent", !name.startsWith("Invoke"));
        g.writeStringField("recipientAccountId", ACCOUNT);
        g.writeEndObject();
    }

    private Path writeObject(Path folder, Instant at, byte[] content, int index) throws IOException {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        Path dir = folder.resolve(String.format("AWSLogs/%s/BedrockModelInvocationLogs/us-east-1/%04d/%02d/%02d/%02d",
                ACCOUNT, t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour()));
        Files.createDirectories(dir);
        boolean gzip = random.nextDouble() < spec.gzipShare();
        String name = String.format("%04d%02d%02dT%02d%02d%02d%03dZ_%s.json%s", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), index, new UUID(random.nextLong(), random.nextLong())
                        .toString().substring(0, 16), gzip ? ".gz" : "");
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!gzip) {
                out.write(content);
            } else if (index % 3 == 0 && content.length > 1) {
                // Bedrock and log shippers concatenate gzip members; readers must not stop after the first
                int half = content.length / 2;
                gzipped(out, content, 0, half);
                gzipped(out, content, half, content.length - half);
            } else {
                gzipped(out, content, 0, content.length);
            }
        }
        return file;
    }

    private static void gzipped(OutputStream out, byte[] content, int offset, int length) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
            @Override
            public void close() throws IOException {
                finish();
            }
        };
        gzip.write(content, offset, length);
        gzip.close();
    }

    private byte[] damaged(byte[] line) {
        return switch (random.nextInt(3)) {
            case 0 -> java.util.Arrays.copyOf(line, Math.max(1, line.length / 3));
            case 1 -> "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
            default -> "{\"schemaType\":\"SomethingElse\",\"timestamp\":\"2025-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] record(Instant at, Truth truth) throws IOException {
        Caller caller = pickCaller(at);
        Model model = pickModel();
        String operation = model.embedding() ? "InvokeModel" : OPERATIONS[random.nextInt(OPERATIONS.length)];
        boolean streaming = operation.endsWith("Stream");
        boolean converse = operation.startsWith("Converse");
        double roll = random.nextDouble();
        String error = roll < 0.006 ? "ThrottlingException" : roll < 0.009 ? "ValidationException"
                : roll < 0.0105 ? "InternalServerException" : roll < 0.011 ? "ModelTimeoutException" : null;
        long input = error != null && random.nextBoolean() ? 0 : 20 + random.nextInt(model.embedding() ? 300 : 3000);
        long output = error != null || model.embedding() ? 0 : 5 + random.nextInt(800);
        long cacheRead = model.cache() && converse && error == null && random.nextDouble() < 0.4 ? 500 + random.nextInt(4000) : 0;
        long cacheWrite = model.cache() && converse && error == null && random.nextDouble() < 0.1 ? 200 + random.nextInt(2000) : 0;
        long latency = error != null ? InvocationRecord.UNKNOWN : 150 + (long) (output * (2 + random.nextDouble() * 8)) + random.nextInt(400);
        boolean hasLatency = latency != InvocationRecord.UNKNOWN && (streaming || converse);
        long ttft = hasLatency && streaming && !converse ? 80 + random.nextInt(Math.max(1, (int) latency / 3)) : InvocationRecord.UNKNOWN;
        boolean guardrail = error == null && random.nextDouble() < 0.01;
        String requestId = new UUID(random.nextLong(), random.nextLong()).toString();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(spec.maxBodyBytes() + 1500);
        try (JsonGenerator g = json.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("schemaType", "ModelInvocationLog");
            g.writeStringField("schemaVersion", "1.0");
            g.writeStringField("timestamp", at.toString());
            g.writeStringField("accountId", ACCOUNT);
            g.writeObjectFieldStart("identity");
            g.writeStringField("arn", caller.arn());
            g.writeEndObject();
            g.writeStringField("region", "us-east-1");
            g.writeStringField("requestId", requestId);
            g.writeStringField("operation", operation);
            g.writeStringField("modelId", model.id());
            if (error != null) {
                g.writeStringField("errorCode", error);
            }
            if (!caller.application().isEmpty()) {
                g.writeObjectFieldStart("requestMetadata");
                g.writeStringField("application", caller.application());
                g.writeStringField("costCenter", "cc-" + (caller.arn().length() % 7));
                g.writeEndObject();
            }
            g.writeObjectFieldStart("input");
            g.writeStringField("inputContentType", "application/json");
            g.writeObjectFieldStart("inputBodyJson");
            g.writeArrayFieldStart("messages");
            g.writeStartObject();
            g.writeStringField("role", "user");
            g.writeStringField("content", text(spec.minBodyBytes() + random.nextInt(Math.max(1, spec.maxBodyBytes() - spec.minBodyBytes()))));
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeNumberField("inputTokenCount", input);
            if (cacheRead > 0) {
                g.writeNumberField("cacheReadInputTokenCount", cacheRead);
            }
            if (cacheWrite > 0) {
                g.writeNumberField("cacheWriteInputTokenCount", cacheWrite);
            }
            g.writeEndObject();
            if (error == null) {
                g.writeObjectFieldStart("output");
                g.writeStringField("outputContentType", "application/json");
                g.writeFieldName("outputBodyJson");
                writeOutputBody(g, operation, output, latency, ttft, guardrail, input);
                g.writeNumberField("outputTokenCount", output);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        truth.unique++;
        for (Sums sums : List.of(truth.totals, truth.byModel.computeIfAbsent(model.id(), k -> new Sums()),
                truth.byPrincipal.computeIfAbsent(caller.arn(), k -> new Sums()))) {
            sums.invocations++;
            if ("ThrottlingException".equals(error)) {
                sums.throttles++;
            } else if (error != null) {
                sums.errors++;
            }
            sums.inputTokens += input;
            sums.outputTokens += output;
            sums.cacheReadTokens += cacheRead;
            sums.cacheWriteTokens += cacheWrite;
            if (guardrail) {
                sums.guardrailInterventions++;
            }
            if (error == null && hasLatency) {
                sums.latencies.add(latency);
            }
            if (error == null && ttft != InvocationRecord.UNKNOWN) {
                sums.timesToFirstToken.add(ttft);
            }
            if (error == null) {
                long[] byModel = sums.tokensByModel.computeIfAbsent(model.id(), k -> new long[4]);
                byModel[0] += input;
                byModel[1] += output;
                byModel[2] += cacheRead;
                byModel[3] += cacheWrite;
            }
        }
        if (truth.from == null || at.isBefore(truth.from)) {
            truth.from = at;
        }
        if (truth.to == null || at.isAfter(truth.to)) {
            truth.to = at;
        }
        return bytes.toByteArray();
    }

    private void writeOutputBody(JsonGenerator g, String operation, long output, long latency, long ttft,
                                 boolean guardrail, long input) throws IOException {
        switch (operation) {
            case "InvokeModelWithResponseStream" -> {
                g.writeStartArray();
                g.writeStartObject();
                g.writeStringField("type", "content_block_delta");
                g.writeStringField("text", text(40));
                if (guardrail) {
                    g.writeStringField("amazon-bedrock-guardrailAction", "INTERVENED");
                }
                g.writeEndObject();
                g.writeStartObject();
                g.writeStringField("type", "message_stop");
                g.writeObjectFieldStart("amazon-bedrock-invocationMetrics");
                g.writeNumberField("inputTokenCount", input);
                g.writeNumberField("outputTokenCount", output);
                g.writeNumberField("invocationLatency", latency);
                g.writeNumberField("firstByteLatency", ttft);
                g.writeEndObject();
                g.writeEndObject();
                g.writeString("[DONE]");
                g.writeEndArray();
            }
            case "Converse", "ConverseStream" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("output");
                g.writeObjectFieldStart("message");
                g.writeStringField("role", "assistant");
                g.writeArrayFieldStart("content");
                g.writeStartObject();
                g.writeStringField("text", text(60));
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
                g.writeStringField("stopReason", guardrail ? "guardrail_intervened" : "end_turn");
                g.writeObjectFieldStart("metrics");
                g.writeNumberField("latencyMs", latency);
                g.writeEndObject();
                g.writeObjectFieldStart("usage");
                g.writeNumberField("inputTokens", input);
                g.writeNumberField("outputTokens", output);
                g.writeEndObject();
                g.writeEndObject();
            }
            default -> {
                g.writeStartObject();
                g.writeStringField("id", "msg_" + Long.toHexString(random.nextLong()));
                g.writeStringField("completion", text(60));
                if (guardrail) {
                    g.writeStringField("amazon-bedrock-guardrailAction", "INTERVENED");
                }
                g.writeEndObject();
            }
        }
    }

    private Caller pickCaller(Instant at) {
        int hour = at.atZone(ZoneOffset.UTC).getHour();
        if (spec.usageSpike() && hour == 14 && random.nextDouble() < 0.6) {
            return CALLERS.get(3);
        }
        double r = random.nextDouble();
        for (Caller caller : CALLERS) {
            r -= caller.weight();
            if (r <= 0) {
                return caller;
            }
        }
        return CALLERS.get(0);
    }

    private Model pickModel() {
        double r = random.nextDouble();
        for (Model model : MODELS) {
            r -= model.weight();
            if (r <= 0) {
                return model;
            }
        }
        return MODELS.get(0);
    }

    private String text(int bytes) {
        StringBuilder out = new StringBuilder(bytes);
        int from = random.nextInt(WORDS.length());
        while (out.length() < bytes) {
            out.append(WORDS, from, WORDS.length());
            from = 0;
        }
        out.setLength(bytes);
        return out.toString();
    }
}
