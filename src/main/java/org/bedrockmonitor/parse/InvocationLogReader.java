package org.bedrockmonitor.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Streams a Bedrock model invocation log (newline-delimited {@code ModelInvocationLog} records) and
 * hands on one {@link InvocationRecord} at a time. Prompt and response bodies are skipped token by
 * token, never materialised; only the metrics the service needs are read out of the output body.
 * A record pretty-printed over several lines is reassembled; a line that is not JSON, is truncated
 * or is not an invocation log is handed to {@link Handler#rejected} and the rest flows on.
 */
public final class InvocationLogReader {

    public static final String SCHEMA_TYPE = "ModelInvocationLog";

    /** Receives what the reader finds, in order. */
    public interface Handler {
        void record(InvocationRecord record, long lineNumber);

        /** {@code raw} holds the rejected text (the caller keeps only a bounded sample of it). */
        void rejected(long lineNumber, String reason, byte[] raw, int offset, int length);
    }

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int CHUNK = 1 << 16;

    private final long maxRecordBytes;

    public InvocationLogReader(long maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Reads the whole stream; returns the number of lines seen. */
    public long read(InputStream in, Handler handler) throws IOException {
        Lines lines = new Lines(in);
        Assembler assembler = new Assembler(handler);
        Line line;
        while ((line = lines.next()) != null) {
            assembler.accept(line);
        }
        assembler.finish();
        return lines.number;
    }

    /** One line of input with its 1-based number; {@code bytes} is owned by the line. */
    private record Line(long number, byte[] bytes, int length, boolean tooLong) {
    }

    private enum Outcome { PARSED, INCOMPLETE, INVALID }

    /** Turns lines into records, joining the lines of a pretty-printed record. */
    private final class Assembler {
        private final Handler handler;
        private final Deque<Line> pending = new ArrayDeque<>();
        private long pendingBytes;
        private String lastError;

        Assembler(Handler handler) {
            this.handler = handler;
        }

        void accept(Line line) throws IOException {
            if (pending.isEmpty()) {
                single(line);
                return;
            }
            pending.addLast(line);
            pendingBytes += line.length() + 1;
            byte[] joined = join();
            Outcome outcome = parse(pending.peekFirst().number(), joined, 0, joined.length);
            if (outcome == Outcome.PARSED) {
                clear();
            } else if (outcome == Outcome.INVALID || pendingBytes > maxRecordBytes) {
                rejectFirstAndReplay();
            }
        }

        void finish() throws IOException {
            while (!pending.isEmpty()) {
                rejectFirstAndReplay();
            }
        }

        private void single(Line line) throws IOException {
            if (line.tooLong()) {
                handler.rejected(line.number(), "record longer than " + maxRecordBytes + " bytes",
                        line.bytes(), 0, line.length());
                return;
            }
            if (isBlank(line)) {
                return;
            }
            Outcome outcome = parse(line.number(), line.bytes(), 0, line.length());
            if (outcome == Outcome.INCOMPLETE && startsObject(line)) {
                pending.addLast(line);
                pendingBytes = line.length();
            } else if (outcome != Outcome.PARSED) {
                handler.rejected(line.number(), outcome == Outcome.INCOMPLETE ? "truncated record" : lastError,
                        line.bytes(), 0, line.length());
            }
        }

        private void rejectFirstAndReplay() throws IOException {
            Line first = pending.pollFirst();
            handler.rejected(first.number(), "truncated record", first.bytes(), 0, first.length());
            Line[] rest = pending.toArray(new Line[0]);
            clear();
            for (Line line : rest) {
                accept(line);
            }
        }

        private void clear() {
            pending.clear();
            pendingBytes = 0;
        }

        private byte[] join() {
            byte[] joined = new byte[(int) pendingBytes];
            int at = 0;
            for (Line line : pending) {
                System.arraycopy(line.bytes(), 0, joined, at, line.length());
                at += line.length();
                if (at < joined.length) {
                    joined[at++] = '\n';
                }
            }
            return Arrays.copyOf(joined, at);
        }

        private Outcome parse(long lineNumber, byte[] buffer, int offset, int length) throws IOException {
            try (JsonParser parser = JSON.createParser(buffer, offset, length)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    lastError = "not a JSON object";
                    return Outcome.INVALID;
                }
                RecordFields fields = new RecordFields();
                fields.readRecord(parser);
                if (parser.nextToken() != null) {
                    lastError = "unexpected content after the record";
                    return Outcome.INVALID;
                }
                String problem = fields.problem();
                if (problem != null) {
                    lastError = problem;
                    return Outcome.INVALID;
                }
                handler.record(fields.toRecord(), lineNumber);
                return Outcome.PARSED;
            } catch (JsonParseException e) {
                if (endedEarly(e)) {
                    return Outcome.INCOMPLETE;
                }
                lastError = "not JSON: " + e.getOriginalMessage();
                return Outcome.INVALID;
            } catch (DateTimeParseException e) {
                lastError = "timestamp is not ISO-8601: " + e.getParsedString();
                return Outcome.INVALID;
            }
        }
    }

    /** Jackson reports input that stops mid-value both as JsonEOFException and as a plain parse error. */
    private static boolean endedEarly(JsonParseException e) {
        String message = e.getOriginalMessage();
        return e instanceof JsonEOFException || message != null && message.contains("end-of-input");
    }

    private static boolean isBlank(Line line) {
        for (int i = 0; i < line.length(); i++) {
            if (!Character.isWhitespace(line.bytes()[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsObject(Line line) {
        for (int i = 0; i < line.length(); i++) {
            byte b = line.bytes()[i];
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    /** Splits a byte stream at '\n' without decoding characters. */
    private final class Lines {
        private final InputStream in;
        private final byte[] chunk = new byte[CHUNK];
        private int position;
        private int limit;
        private long number;

        Lines(InputStream in) {
            this.in = in;
        }

        Line next() throws IOException {
            byte[] line = null;
            int length = 0;
            boolean tooLong = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(chunk, 0, chunk.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (line == null) {
                            return null;
                        }
                        return new Line(++number, line, trimCr(line, length), tooLong);
                    }
                }
                int end = position;
                while (end < limit && chunk[end] != '\n') {
                    end++;
                }
                int take = end - position;
                if (line == null) {
                    line = new byte[Math.max(take, 256)];
                }
                if (!tooLong) {
                    if (length + (long) take > maxRecordBytes) {
                        tooLong = true;
                        length = Math.min(length, 1024);
                    } else {
                        if (length + take > line.length) {
                            line = Arrays.copyOf(line, (int) Math.min(maxRecordBytes, Math.max(length + take, 2L * line.length)));
                        }
                        System.arraycopy(chunk, position, line, length, take);
                        length += take;
                    }
                }
                position = end;
                if (end < limit) {
                    position++;
                    return new Line(++number, line, trimCr(line, length), tooLong);
                }
            }
        }

        private int trimCr(byte[] line, int length) {
            return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        }
    }

    /** The fields of one record, read by walking its tokens. */
    private static final class RecordFields {
        String schemaType;
        String timestamp;
        String accountId;
        String region;
        String requestId;
        String operation;
        String modelId;
        String principalArn;
        String errorCode;
        long inputTokens = -1;
        long outputTokens = -1;
        long cacheRead = -1;
        long cacheWrite = -1;
        long usageInput = -1;
        long usageOutput = -1;
        long usageCacheRead = -1;
        long usageCacheWrite = -1;
        long latency = InvocationRecord.UNKNOWN;
        long firstByte = InvocationRecord.UNKNOWN;
        boolean guardrail;
        boolean offloaded;
        Map<String, String> tags = Map.of();

        void readRecord(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "schemaType" -> schemaType = text(p, value);
                    case "timestamp" -> timestamp = text(p, value);
                    case "accountId" -> accountId = text(p, value);
                    case "region" -> region = text(p, value);
                    case "requestId" -> requestId = text(p, value);
                    case "operation" -> operation = text(p, value);
                    case "modelId" -> modelId = text(p, value);
                    case "errorCode" -> errorCode = text(p, value);
                    case "identity" -> readIdentity(p, value);
                    case "requestMetadata" -> readTags(p, value);
                    case "input" -> readInput(p, value);
                    case "output" -> readOutput(p, value);
                    default -> p.skipChildren();
                }
            }
        }

        private void readIdentity(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("arn")) {
                    principalArn = text(p, v);
                } else {
                    p.skipChildren();
                }
            }
        }

        private void readTags(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            Map<String, String> read = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                    read.put(name, p.getValueAsString());
                } else {
                    p.skipChildren();
                }
            }
            tags = Map.copyOf(read);
        }

        private void readInput(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "inputTokenCount" -> inputTokens = number(p, v);
                    case "cacheReadInputTokenCount" -> cacheRead = number(p, v);
                    case "cacheWriteInputTokenCount" -> cacheWrite = number(p, v);
                    case "inputBodyS3Path" -> {
                        offloaded |= v == JsonToken.VALUE_STRING;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
        }

        private void readOutput(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "outputTokenCount" -> outputTokens = number(p, v);
                    case "outputBodyJson" -> readOutputBody(p, v);
                    case "outputBodyS3Path" -> {
                        offloaded |= v == JsonToken.VALUE_STRING;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
        }

        /** Converse bodies are one object; InvokeModelWithResponseStream bodies an array of chunks. */
        private void readOutputBody(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.START_OBJECT) {
                readBodyObject(p);
            } else if (value == JsonToken.START_ARRAY) {
                JsonToken element;
                while ((element = p.nextToken()) != JsonToken.END_ARRAY && element != null) {
                    if (element == JsonToken.START_OBJECT) {
                        readBodyObject(p);
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }

        private void readBodyObject(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "amazon-bedrock-invocationMetrics" -> readInvocationMetrics(p, v);
                    case "amazon-bedrock-guardrailAction" -> {
                        guardrail |= "INTERVENED".equals(text(p, v));
                    }
                    case "stopReason", "stop_reason" -> {
                        guardrail |= "guardrail_intervened".equals(text(p, v));
                    }
                    case "metrics" -> readConverseMetrics(p, v);
                    case "usage" -> readUsage(p, v);
                    default -> p.skipChildren();
                }
            }
        }

        private void readInvocationMetrics(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "invocationLatency" -> latency = number(p, v);
                    case "firstByteLatency" -> firstByte = number(p, v);
                    case "inputTokenCount" -> usageInput = number(p, v);
                    case "outputTokenCount" -> usageOutput = number(p, v);
                    case "cacheReadInputTokenCount" -> usageCacheRead = number(p, v);
                    case "cacheWriteInputTokenCount" -> usageCacheWrite = number(p, v);
                    default -> p.skipChildren();
                }
            }
        }

        private void readConverseMetrics(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("latencyMs")) {
                    latency = number(p, v);
                } else {
                    p.skipChildren();
                }
            }
        }

        /** Converse usage block: a fallback when the log's own token counts are missing. */
        private void readUsage(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "inputTokens" -> usageInput = number(p, v);
                    case "outputTokens" -> usageOutput = number(p, v);
                    case "cacheReadInputTokens", "cacheReadInputTokenCount" -> usageCacheRead = number(p, v);
                    case "cacheWriteInputTokens", "cacheWriteInputTokenCount" -> usageCacheWrite = number(p, v);
                    default -> p.skipChildren();
                }
            }
        }

        String problem() {
            if (schemaType != null && !SCHEMA_TYPE.equals(schemaType)) {
                return "not a ModelInvocationLog (schemaType " + schemaType + ")";
            }
            if (schemaType == null && (operation == null || requestId == null)) {
                return "not a ModelInvocationLog (no schemaType)";
            }
            if (timestamp == null) {
                return "missing timestamp";
            }
            if (modelId == null) {
                return "missing modelId";
            }
            return null;
        }

        InvocationRecord toRecord() {
            return new InvocationRecord(instant(timestamp), accountId, region, requestId, operation, modelId,
                    principalArn, errorCode,
                    firstKnown(inputTokens, usageInput), firstKnown(outputTokens, usageOutput),
                    firstKnown(cacheRead, usageCacheRead), firstKnown(cacheWrite, usageCacheWrite),
                    latency, firstByte, guardrail, offloaded, tags);
        }

        private static long firstKnown(long logged, long fromBody) {
            if (logged >= 0) {
                return logged;
            }
            return Math.max(fromBody, 0);
        }

        private static Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notUtc) {
                return OffsetDateTime.parse(text).toInstant();
            }
        }

        private static String text(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                return p.getValueAsString();
            }
            p.skipChildren();
            return null;
        }

        private static long number(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                return Math.round(p.getDoubleValue());
            }
            if (value == JsonToken.VALUE_STRING) {
                try {
                    return Long.parseLong(p.getText().trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
            p.skipChildren();
            return -1;
        }
    }
}
