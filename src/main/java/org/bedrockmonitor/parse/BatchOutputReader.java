package org.bedrockmonitor.parse;

import static org.bedrockmonitor.parse.JsonFields.forEachField;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the output of a batch inference job ({@code *.jsonl.out}): one line per input record,
 * {@code {"recordId", "modelInput", "modelOutput"}}, or {@code "error"} in place of {@code modelOutput}
 * when that record failed. Each line becomes an {@link InvocationRecord} billed at the batch tier as the
 * job's model (a {@code modelId} in the line wins), at the job's time, with request id
 * {@code <job id>:<recordId>} so that a re-read output is counted once. Token counts come from
 * {@code modelOutput.usage} (Converse, Nova, Anthropic names) or the Titan and Llama count fields.
 */
public final class BatchOutputReader {

    public static final String OPERATION = "ModelInvocationJob";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final long maxRecordBytes;

    public BatchOutputReader(long maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Reads the whole stream; returns the number of lines seen. A line over the record limit is rejected. */
    public long read(InputStream in, BatchJob job, InvocationLogReader.Handler handler) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        boolean tooLong = false;
        long number = 0;
        int read;
        while ((read = in.read(chunk)) >= 0) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                tooLong = append(line, chunk, start, i - start, tooLong);
                number++;
                finish(line, tooLong, number, job, handler);
                tooLong = false;
                start = i + 1;
            }
            tooLong = append(line, chunk, start, read - start, tooLong);
        }
        if (line.size() > 0 || tooLong) {
            number++;
            finish(line, tooLong, number, job, handler);
        }
        return number;
    }

    private boolean append(ByteArrayOutputStream line, byte[] chunk, int from, int length, boolean tooLong) {
        if (tooLong || line.size() + (long) length > maxRecordBytes) {
            return true;
        }
        line.write(chunk, from, length);
        return false;
    }

    private void finish(ByteArrayOutputStream line, boolean tooLong, long number, BatchJob job,
                        InvocationLogReader.Handler handler) throws IOException {
        byte[] bytes = line.toByteArray();
        line.reset();
        if (tooLong) {
            handler.rejected(number, "record longer than " + maxRecordBytes + " bytes", bytes, 0, bytes.length);
        } else if (!blank(bytes)) {
            line(bytes, number, job, handler);
        }
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private void line(byte[] bytes, long number, BatchJob job, InvocationLogReader.Handler handler) throws IOException {
        Line fields = new Line();
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                handler.rejected(number, "not a JSON object", bytes, 0, bytes.length);
                return;
            }
            fields.read(p);
        } catch (JsonProcessingException e) {
            handler.rejected(number, "not JSON: " + e.getOriginalMessage(), bytes, 0, bytes.length);
            return;
        }
        if (!fields.output && fields.errorCode == null) {
            handler.rejected(number, "a batch line without modelOutput or error (a batch input file?)", bytes, 0, bytes.length);
            return;
        }
        String requestId = fields.recordId == null ? null : job.jobId() + ":" + fields.recordId;
        String modelId = fields.modelId != null ? fields.modelId : job.modelId();
        BillingFields billing = fields.billing;
        handler.record(new InvocationRecord(job.time(), job.accountId(), job.region(), requestId, OPERATION, modelId,
                null, fields.errorCode, fields.input, fields.output(), fields.cacheRead, fields.cacheWrite,
                InvocationRecord.UNKNOWN, InvocationRecord.UNKNOWN, false, false, Map.of(),
                billing.toBilling(true)), number);
    }

    /** The fields of one output line. */
    private static final class Line {
        String recordId;
        String modelId;
        String errorCode;
        boolean output;
        long input;
        long outputTokens;
        long titanOutput;
        long cacheRead;
        long cacheWrite;
        final BillingFields billing = new BillingFields();

        long output() {
            return outputTokens > 0 ? outputTokens : titanOutput;
        }

        void read(JsonParser p) throws IOException {
            forEachField(p, JsonToken.START_OBJECT, (name, v) -> switch (name) {
                case "recordId" -> {
                    recordId = text(p, v);
                    yield true;
                }
                case "modelId" -> {
                    modelId = text(p, v);
                    yield true;
                }
                case "modelOutput" -> {
                    output = v == JsonToken.START_OBJECT;
                    readOutput(p, v);
                    yield true;
                }
                case "error" -> {
                    errorCode = errorCode(p, v);
                    yield true;
                }
                case "modelInput" -> {
                    readInput(p, v);
                    yield true;
                }
                default -> false;
            });
        }

        /** Only what prices an image request; the prompt is skipped. */
        private void readInput(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> switch (name) {
                case "imageGenerationConfig", "taskType" -> {
                    billing.readImageRequest(p, name, v);
                    yield true;
                }
                case "inputImage", "images" -> {
                    billing.countImagesSent(p, v);
                    yield true;
                }
                default -> false;
            });
        }

        private void readOutput(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> switch (name) {
                case "usage" -> {
                    readUsage(p, v);
                    yield true;
                }
                case "inputTextTokenCount", "prompt_token_count" -> {
                    input = BillingFields.count(p, v);
                    yield true;
                }
                case "generation_token_count" -> {
                    outputTokens = BillingFields.count(p, v);
                    yield true;
                }
                case "results" -> {
                    readTitanResults(p, v);
                    yield true;
                }
                default -> false;
            });
        }

        private void readUsage(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> switch (name) {
                case "inputTokens", "input_tokens" -> {
                    input = BillingFields.count(p, v);
                    yield true;
                }
                case "outputTokens", "output_tokens" -> {
                    outputTokens = BillingFields.count(p, v);
                    yield true;
                }
                case "cacheReadInputTokens", "cacheReadInputTokenCount", "cache_read_input_tokens" -> {
                    cacheRead = BillingFields.count(p, v);
                    yield true;
                }
                case "cacheWriteInputTokens", "cacheWriteInputTokenCount", "cache_creation_input_tokens" -> {
                    cacheWrite = BillingFields.count(p, v);
                    yield true;
                }
                case "cacheDetails", "cache_creation" -> {
                    billing.readCacheWrites(p, v);
                    yield true;
                }
                default -> false;
            });
        }

        /** Titan text: {@code results: [{"tokenCount": n, …}, …]}. */
        private void readTitanResults(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            JsonToken element;
            while ((element = p.nextToken()) != JsonToken.END_ARRAY && element != null) {
                forEachField(p, element, (name, v) -> {
                    if (!name.equals("tokenCount")) {
                        return false;
                    }
                    titanOutput += BillingFields.count(p, v);
                    return true;
                });
            }
        }

        /** {@code {"errorCode": 400, "errorMessage": "…"}}: the code as text; any other error shape still fails the line. */
        private static String errorCode(JsonParser p, JsonToken value) throws IOException {
            String[] code = {null};
            if (value == JsonToken.START_OBJECT) {
                forEachField(p, value, (name, v) -> {
                    if (!name.equals("errorCode") || !v.isScalarValue()) {
                        return false;
                    }
                    code[0] = p.getValueAsString();
                    return true;
                });
            } else if (value == JsonToken.VALUE_NULL) {
                return null;
            } else {
                p.skipChildren();
            }
            return code[0] == null || code[0].isBlank() ? "BatchRecordError" : code[0];
        }

        private static String text(JsonParser p, JsonToken value) throws IOException {
            if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                return p.getValueAsString();
            }
            p.skipChildren();
            return null;
        }
    }
}
