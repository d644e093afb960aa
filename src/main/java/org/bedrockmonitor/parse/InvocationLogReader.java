package org.bedrockmonitor.parse;

import static org.bedrockmonitor.parse.JsonFields.forEachField;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Streams a Bedrock model invocation log (newline-delimited {@code ModelInvocationLog} records) and
 * hands on one {@link InvocationRecord} at a time. Prompt and response bodies are skipped token by
 * token, never materialised; only the metrics the service needs are read out of the output body.
 * A record pretty-printed over several lines is reassembled; a line that is not JSON, is truncated
 * or is not an invocation log is handed to {@link Handler#rejected} and the rest flows on. So is a record
 * beyond a limit of {@link RecordLimits} (nesting, number, name and string sizes, identifiers longer than
 * 2,048 characters, counts that are negative or above 10^12) or stamped outside its {@link TimeBounds}.
 * A record without a {@code requestId} gets {@code sha256:<hex of its bytes>}, so that an exact repeat
 * of it is recognised as a duplicate.
 */
public final class InvocationLogReader {

    public static final String SCHEMA_TYPE = "ModelInvocationLog";
    /** Prefix of the request id given to a record that has none (Bedrock's own ids are UUIDs). */
    public static final String SYNTHETIC_ID_PREFIX = "sha256:";

    /** Receives what the reader finds, in order. */
    public interface Handler {
        void record(InvocationRecord record, long lineNumber);

        /** {@code raw} holds the rejected text (the caller keeps only a bounded sample of it). */
        void rejected(long lineNumber, String reason, byte[] raw, int offset, int length);
    }

    private static final JsonFactory JSON = RecordLimits.jsonFactory();
    private static final int CHUNK = 1 << 20;
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final long maxRecordBytes;
    private final TimeBounds timeBounds;

    public InvocationLogReader(long maxRecordBytes) {
        this(maxRecordBytes, TimeBounds.UNBOUNDED);
    }

    public InvocationLogReader(long maxRecordBytes, TimeBounds timeBounds) {
        this.maxRecordBytes = maxRecordBytes;
        this.timeBounds = timeBounds;
    }

    /** The longest record (line, or lines of a pretty-printed record) read; longer ones are rejected. */
    public long maxRecordBytes() {
        return maxRecordBytes;
    }

    /** Reads the whole stream; returns the number of lines seen. */
    public long read(InputStream in, Handler handler) throws IOException {
        TimeBounds.Range range = timeBounds.now();
        Lines lines = new Lines(in, range);
        Assembler assembler = new Assembler(handler, range);
        while (true) {
            if (assembler.idle()) {
                lines.takeWholeRecords(handler);
            }
            Line line = lines.next();
            if (line == null) {
                break;
            }
            assembler.accept(line);
        }
        assembler.finish();
        return lines.number;
    }

    /**
     * One line of input with its 1-based number: {@code length} bytes of {@code bytes} from {@code offset}.
     * A line handed out by {@link Lines} is a view into its buffer, valid until the next line is read;
     * {@link #owned()} copies it when it must be kept.
     */
    private record Line(long number, byte[] bytes, int offset, int length, boolean tooLong) {
        Line owned() {
            return new Line(number, Arrays.copyOfRange(bytes, offset, offset + length), 0, length, tooLong);
        }
    }

    private enum Outcome { PARSED, INCOMPLETE, INVALID }

    /**
     * Turns lines into records, joining the lines of a pretty-printed record. A record that cannot be
     * completed (broken syntax, too long, cut off by the next record or the end of the input) is rejected
     * once, with the lines that belong to it: those up to the next line that opens a record at its first
     * column or is a whole record on its own. Pretty-printers indent everything inside a record, so that
     * line is where the next record starts.
     */
    private final class Assembler {
        private final Handler handler;
        private final TimeBounds.Range range;
        private final Deque<Line> pending = new ArrayDeque<>();
        private long pendingBytes;
        private String lastError;
        private InvocationRecord parsed;
        /** A record given up on, still taking its remaining lines; rejected when the next record starts. */
        private Broken broken;

        Assembler(Handler handler, TimeBounds.Range range) {
            this.handler = handler;
            this.range = range;
        }

        /** No pretty-printed record is being joined or given up on: the next line starts afresh. */
        boolean idle() {
            return pending.isEmpty() && broken == null;
        }

        void accept(Line line) throws IOException {
            if (broken != null && absorbs(line)) {
                return;
            }
            if (pending.isEmpty()) {
                single(line);
                return;
            }
            if (opensAtFirstColumn(line)) {
                giveUp("truncated record");
                rejectBroken();
                single(line);
                return;
            }
            if (line.tooLong()) {
                pending.addLast(line.owned());
                giveUp("record longer than " + maxRecordBytes + " bytes");
                return;
            }
            pending.addLast(line.owned());
            pendingBytes += line.length() + 1;
            byte[] joined = join();
            Outcome outcome = parse(pending.peekFirst().number(), joined, 0, joined.length);
            if (outcome == Outcome.PARSED) {
                handler.record(parsed, pending.peekFirst().number());
                clear();
            } else if (outcome == Outcome.INVALID) {
                giveUp(lastError);
            } else if (pendingBytes > maxRecordBytes) {
                giveUp("record longer than " + maxRecordBytes + " bytes");
            }
        }

        void finish() throws IOException {
            if (!pending.isEmpty()) {
                giveUp("truncated record");
            }
            rejectBroken();
        }

        private void single(Line line) throws IOException {
            if (line.tooLong()) {
                handler.rejected(line.number(), "record longer than " + maxRecordBytes + " bytes",
                        line.bytes(), line.offset(), line.length());
                return;
            }
            if (isBlank(line)) {
                return;
            }
            Outcome outcome = parse(line.number(), line.bytes(), line.offset(), line.length());
            if (outcome == Outcome.PARSED) {
                handler.record(parsed, line.number());
            } else if (outcome == Outcome.INCOMPLETE && startsObject(line)) {
                pending.addLast(line.owned());
                pendingBytes = line.length();
            } else {
                handler.rejected(line.number(), outcome == Outcome.INCOMPLETE ? "truncated record" : lastError,
                        line.bytes(), line.offset(), line.length());
            }
        }

        /**
         * Rejects the record being joined, as one record. Its lines after the first go through
         * {@link #absorbs} again: one of them may be a whole record on its own.
         */
        private void giveUp(String reason) throws IOException {
            Line[] lines = pending.toArray(new Line[0]);
            byte[] sample = join();
            clear();
            broken = new Broken(lines[0].number(), lines[0].number(), reason, sample);
            for (int i = 1; i < lines.length; i++) {
                accept(lines[i]);
            }
        }

        /**
         * Whether a line still belongs to the record given up on: anything but a line opening a record at
         * its first column or holding a whole record. Otherwise the broken record is rejected first.
         */
        private boolean absorbs(Line line) throws IOException {
            if (isBlank(line)) {
                return true;
            }
            if (opensAtFirstColumn(line)) {
                rejectBroken();
                return false;
            }
            if (!line.tooLong() && startsObject(line)
                    && parse(line.number(), line.bytes(), line.offset(), line.length()) == Outcome.PARSED) {
                rejectBroken();
                handler.record(parsed, line.number());
                return true;
            }
            broken = broken.through(line.number());
            return true;
        }

        /** Rejects the record given up on, if any, as one record with the lines it took. */
        private void rejectBroken() {
            Broken rejected = broken;
            if (rejected == null) {
                return;
            }
            broken = null;
            String lines = rejected.first() == rejected.last() ? ""
                    : " (record spans lines " + rejected.first() + "-" + rejected.last() + ")";
            handler.rejected(rejected.first(), rejected.reason() + lines, rejected.sample(), 0, rejected.sample().length);
        }

        private void clear() {
            pending.clear();
            pendingBytes = 0;
        }

        private byte[] join() {
            long size = 0;
            for (Line line : pending) {
                size += line.length() + 1;
            }
            byte[] joined = new byte[(int) size];
            int at = 0;
            for (Line line : pending) {
                System.arraycopy(line.bytes(), line.offset(), joined, at, line.length());
                at += line.length();
                if (at < joined.length) {
                    joined[at++] = '\n';
                }
            }
            return Arrays.copyOf(joined, at);
        }

        /** Parses one record; a record found is left in {@link #parsed} for the caller to hand on. */
        private Outcome parse(long lineNumber, byte[] buffer, int offset, int length) throws IOException {
            JsonParser parser = JSON.createParser(buffer, offset, length);
            try {
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
                if (problem == null) {
                    parsed = fields.checkedRecord(buffer, offset, length, range);
                    problem = fields.problem();
                }
                if (problem != null) {
                    lastError = problem;
                    return Outcome.INVALID;
                }
                return Outcome.PARSED;
            } catch (JsonParseException e) {
                if (endedEarly(e)) {
                    return Outcome.INCOMPLETE;
                }
                lastError = RecordLimits.notJson(e, parser, lineNumber);
                return Outcome.INVALID;
            } catch (JsonProcessingException beyondALimit) {
                lastError = RecordLimits.notJson(beyondALimit, parser, lineNumber);
                return Outcome.INVALID;
            } catch (DateTimeParseException e) {
                lastError = "timestamp is not ISO-8601";
                return Outcome.INVALID;
            } finally {
                parser.close();
            }
        }
    }

    /** A record given up on: its first and last line so far, why, and its text for the sample. */
    private record Broken(long first, long last, String reason, byte[] sample) {
        Broken through(long line) {
            return new Broken(first, line, reason, sample);
        }
    }

    /** Jackson reports input that stops mid-value both as JsonEOFException and as a plain parse error. */
    private static boolean endedEarly(JsonParseException e) {
        String message = e.getOriginalMessage();
        return e instanceof JsonEOFException || message != null && message.contains("end-of-input");
    }

    private static boolean isBlank(Line line) {
        for (int i = line.offset(); i < line.offset() + line.length(); i++) {
            if (!Character.isWhitespace(line.bytes()[i])) {
                return false;
            }
        }
        return true;
    }

    /** Where a record starts when the one being joined has not ended: '{' in the first column. */
    private static boolean opensAtFirstColumn(Line line) {
        return line.length() > 0 && line.bytes()[line.offset()] == '{';
    }

    private static boolean startsObject(Line line) {
        for (int i = line.offset(); i < line.offset() + line.length(); i++) {
            byte b = line.bytes()[i];
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    /**
     * Splits a byte stream at '\n' without decoding or copying: a line is handed out as a view into one
     * buffer, which is refilled behind the last line and grows only for a line longer than itself (up to
     * the record limit). A longer line keeps its first {@link #TOO_LONG_SAMPLE} bytes and is skipped.
     */
    private final class Lines {
        private static final int TOO_LONG_SAMPLE = 1024;
        private final InputStream in;
        private final TimeBounds.Range range;
        private byte[] buffer = new byte[CHUNK];
        /** Start of the line being read; bytes before it are consumed. */
        private int start;
        /** How far the current line has been searched for '\n'. */
        private int scanned;
        private int limit;
        private boolean eof;
        private long number;

        Lines(InputStream in, TimeBounds.Range range) {
            this.in = in;
            this.range = range;
        }

        Line next() throws IOException {
            while (true) {
                int end = newline(scanned, limit);
                if (end >= 0) {
                    Line line = view(end);
                    start = end + 1;
                    scanned = start;
                    return line;
                }
                scanned = limit;
                if (eof) {
                    if (start == limit) {
                        return null;
                    }
                    Line line = view(limit);
                    start = limit;
                    return line;
                }
                if (limit - start > maxRecordBytes) {
                    return skipTooLong();
                }
                fill();
            }
        }

        /** Looks at eight bytes per step: lines are kilobytes long and this scan touches every byte. */
        /**
         * The fast path for well-formed input: one parser walks the buffered records back to back, as the
         * floor does, instead of a newline search and a parser per line. It takes a record only when it
         * is valid, starts its line, ends it (only blanks and '\r' between the closing brace and '\n')
         * and stays on it; at anything else (a blank or indented line, a bad, long, pretty-printed or cut-off record,
         * the end of the buffer) it stops before that line, which the line path then reads as before.
         */
        void takeWholeRecords(Handler handler) throws IOException {
            if (start >= limit || buffer[start] != '{') {
                return;
            }
            int base = start;
            try (JsonParser parser = JSON.createParser(buffer, base, limit - base)) {
                int lineOfParser = 1;
                while (start < limit && buffer[start] == '{') {
                    RecordFields fields = new RecordFields();
                    if (parser.nextToken() != JsonToken.START_OBJECT) {
                        return;
                    }
                    fields.readRecord(parser);
                    JsonLocation end = parser.currentLocation();
                    if (end.getLineNr() != lineOfParser || fields.problem() != null) {
                        return;
                    }
                    int afterBrace = base + (int) end.getByteOffset();
                    int newline = afterBrace;
                    while (newline < limit && (buffer[newline] == ' ' || buffer[newline] == '\t')) {
                        newline++;
                    }
                    if (newline < limit && buffer[newline] == '\r') {
                        newline++;
                    }
                    if (newline >= limit || buffer[newline] != '\n' || newline - start > maxRecordBytes) {
                        return;
                    }
                    InvocationRecord record = fields.checkedRecord(buffer, start, afterBrace - start, range);
                    if (record == null) {
                        return;
                    }
                    number++;
                    start = newline + 1;
                    scanned = start;
                    lineOfParser++;
                    handler.record(record, number);
                }
            } catch (JsonProcessingException | DateTimeParseException lineTakesIt) {
                // cut off at the end of the buffer, or not a valid record: the line path reads this line
            }
        }

        private int newline(int from, int to) {
            byte[] b = buffer;
            int i = from;
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                long x = (long) EIGHT_BYTES.get(b, i) ^ NEWLINES;
                long zeroBytes = (x - ONES) & ~x & HIGH_BITS;
                if (zeroBytes != 0) {
                    return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
                }
            }
            for (; i < to; i++) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private Line view(int end) {
            int length = end - start;
            if (length > 0 && buffer[end - 1] == '\r') {
                length--;
            }
            if (length > maxRecordBytes) {
                return new Line(++number, sample(), 0, Math.min(length, TOO_LONG_SAMPLE), true);
            }
            return new Line(++number, buffer, start, length, false);
        }

        private byte[] sample() {
            return Arrays.copyOfRange(buffer, start, start + Math.min(limit - start, TOO_LONG_SAMPLE));
        }

        /** Makes room behind the current line (moving it to the front, or growing) and reads more. */
        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, limit - start);
                limit -= start;
                scanned -= start;
                start = 0;
            }
            if (limit == buffer.length) {
                // room for one byte more than the limit, so that a line over it is seen as such
                buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, maxRecordBytes + 2));
            }
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }

        private Line skipTooLong() throws IOException {
            byte[] sample = sample();
            start = limit;
            scanned = limit;
            while (true) {
                int end = newline(scanned, limit);
                if (end >= 0) {
                    start = end + 1;
                    scanned = start;
                    break;
                }
                start = limit;
                scanned = limit;
                if (eof) {
                    break;
                }
                fill();
            }
            return new Line(++number, sample, 0, sample.length, true);
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
        /** Why a value breaks a limit of {@link RecordLimits} or the time bounds; the first one found. */
        String limitProblem;
        BillingFields billing;

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
            forEachField(p, value, (name, v) -> {
                if (!name.equals("arn")) {
                    return false;
                }
                principalArn = text(p, v);
                return true;
            });
        }

        private void readTags(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            String[] pairs = new String[4];
            int size = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                    if (size == pairs.length) {
                        pairs = Arrays.copyOf(pairs, size * 2);
                    }
                    pairs[size++] = limited(name, "a requestMetadata key");
                    pairs[size++] = limited(p.getValueAsString(), "a requestMetadata value");
                } else {
                    p.skipChildren();
                }
            }
            tags = tagMap(pairs, size);
        }

        /** Most records carry one or two tags: built without an intermediate HashMap (a repeated key: last wins). */
        private static Map<String, String> tagMap(String[] pairs, int size) {
            if (size == 0) {
                return Map.of();
            }
            if (size == 2) {
                return Map.of(pairs[0], pairs[1]);
            }
            if (size == 4 && !pairs[0].equals(pairs[2])) {
                return Map.of(pairs[0], pairs[1], pairs[2], pairs[3]);
            }
            Map<String, String> read = new HashMap<>();
            for (int i = 0; i < size; i += 2) {
                read.put(pairs[i], pairs[i + 1]);
            }
            return Map.copyOf(read);
        }

        private void readInput(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> switch (name) {
                case "inputTokenCount" -> set(inputTokens = number(p, v));
                case "cacheReadInputTokenCount" -> set(cacheRead = number(p, v));
                case "cacheWriteInputTokenCount" -> set(cacheWrite = number(p, v));
                case "inputBodyS3Path" -> set(offloaded |= v == JsonToken.VALUE_STRING);
                case "inputBodyJson" -> {
                    readInputBody(p, v);
                    yield true;
                }
                default -> false;
            });
        }

        private void readOutput(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> switch (name) {
                case "outputTokenCount" -> set(outputTokens = number(p, v));
                case "outputBodyJson" -> {
                    readOutputBody(p, v);
                    yield true;
                }
                case "outputBodyS3Path" -> set(offloaded |= v == JsonToken.VALUE_STRING);
                default -> false;
            });
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
                    case "serviceTier", "service_tier" -> billing().responseServiceTier = BillingFields.tier(p, v);
                    case "performanceConfig" -> billing().readPerformance(p, v);
                    case "trace", "amazon-bedrock-trace" -> billing().readTrace(p, v);
                    case "message" -> readStreamMessage(p, v);
                    default -> p.skipChildren();
                }
            }
        }

        private void readInvocationMetrics(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> switch (name) {
                case "invocationLatency" -> set(latency = number(p, v));
                case "firstByteLatency" -> set(firstByte = number(p, v));
                case "inputTokenCount" -> set(usageInput = number(p, v));
                case "outputTokenCount" -> set(usageOutput = number(p, v));
                case "cacheReadInputTokenCount" -> set(usageCacheRead = number(p, v));
                case "cacheWriteInputTokenCount" -> set(usageCacheWrite = number(p, v));
                default -> false;
            });
        }

        private void readConverseMetrics(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> name.equals("latencyMs") && set(latency = number(p, v)));
        }

        /** Converse usage block: a fallback when the log's own token counts are missing. */
        private void readUsage(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> switch (name) {
                case "inputTokens" -> set(usageInput = number(p, v));
                case "outputTokens" -> set(usageOutput = number(p, v));
                case "cacheReadInputTokens", "cacheReadInputTokenCount" -> set(usageCacheRead = number(p, v));
                case "cacheWriteInputTokens", "cacheWriteInputTokenCount" -> set(usageCacheWrite = number(p, v));
                case "input_tokens" -> set(usageInput = number(p, v));
                case "output_tokens" -> set(usageOutput = number(p, v));
                case "cache_read_input_tokens" -> set(usageCacheRead = number(p, v));
                case "cache_creation_input_tokens" -> set(usageCacheWrite = number(p, v));
                case "cacheDetails", "cache_creation" -> {
                    billing().readCacheWrites(p, v);
                    yield true;
                }
                default -> false;
            });
        }

        // ---- what billing rules need beyond token counts (tier, cache TTL, images, guardrail units)

        private BillingFields billing() {
            if (billing == null) {
                billing = new BillingFields();
            }
            return billing;
        }

        /** The request's top-level fields that price it; the prompt itself is skipped, never read. */
        private void readInputBody(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> switch (name) {
                case "serviceTier", "service_tier" -> {
                    billing().requestServiceTier = BillingFields.tier(p, v);
                    yield true;
                }
                case "imageGenerationConfig", "taskType" -> {
                    billing().readImageRequest(p, name, v);
                    yield true;
                }
                case "inputImage", "images" -> {
                    billing().countImagesSent(p, v);
                    yield true;
                }
                default -> false;
            });
        }

        /** A streamed Anthropic {@code message_start} chunk: only its cache-write split by TTL is taken. */
        private void readStreamMessage(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> name.equals("usage") && readStreamUsage(p, v));
        }

        private boolean readStreamUsage(JsonParser p, JsonToken value) throws IOException {
            forEachField(p, value, (name, v) -> {
                if (!name.equals("cache_creation")) {
                    return false;
                }
                billing().readCacheWrites(p, v);
                return true;
            });
            return true;
        }

        /** Lets an assignment stand where a "field taken" answer is expected (no boxing on the hot path). */
        private static boolean set(long assigned) {
            return true;
        }

        private static boolean set(boolean assigned) {
            return true;
        }

        String problem() {
            if (limitProblem != null) {
                return limitProblem;
            }
            if (schemaType != null && !SCHEMA_TYPE.equals(schemaType)) {
                return "not a ModelInvocationLog (another schemaType)";
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
                    latency, firstByte, guardrail, offloaded, tags,
                    billing == null ? InvocationRecord.Billing.NONE : billing.toBilling(false));
        }

        private static long firstKnown(long logged, long fromBody) {
            if (logged >= 0) {
                return logged;
            }
            return Math.max(fromBody, 0);
        }

        private static Instant instant(String text) {
            Instant fast = Timestamps.utc(text);
            if (fast != null) {
                return fast;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notUtc) {
                return OffsetDateTime.parse(text).toInstant();
            }
        }

        private String text(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                if (p.getTextLength() > RecordLimits.MAX_FIELD_CHARS) {
                    tooLong(RecordLimits.path(p.getParsingContext()));
                    return null;
                }
                return p.getText();
            }
            if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                return limited(p.getValueAsString(), RecordLimits.path(p.getParsingContext()));
            }
            p.skipChildren();
            return null;
        }

        /**
         * A count or latency: a whole number (a quoted one too) from 0 to {@link RecordLimits#MAX_COUNT};
         * a fraction is rounded. Null means absent (-1); anything else rejects the record rather than
         * count as 0.
         */
        private long number(JsonParser p, JsonToken value) throws IOException {
            double magnitude;
            if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != NumberType.BIG_INTEGER) {
                magnitude = p.getLongValue();
            } else if (value == JsonToken.VALUE_NUMBER_INT) {
                magnitude = p.getBigIntegerValue().signum() * Double.MAX_VALUE;
            } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                magnitude = p.getDoubleValue();
            } else if (value == JsonToken.VALUE_STRING) {
                try {
                    magnitude = Long.parseLong(p.getText().trim());
                } catch (NumberFormatException e) {
                    return notACount(p, "is not a number");
                }
            } else if (value == JsonToken.VALUE_NULL) {
                return -1;
            } else {
                p.skipChildren();
                return notACount(p, "is not a number");
            }
            if (magnitude < 0) {
                return notACount(p, "is negative");
            }
            if (magnitude > RecordLimits.MAX_COUNT) {
                return notACount(p, "is above " + RecordLimits.MAX_COUNT);
            }
            return Math.round(magnitude);
        }

        private long notACount(JsonParser p, String what) {
            if (limitProblem == null) {
                limitProblem = RecordLimits.path(p.getParsingContext()) + " " + what;
            }
            return -1;
        }

        /** {@code value}, noting a problem when it is longer than an identifier may be. */
        private String limited(String value, String field) {
            if (value != null && value.length() > RecordLimits.MAX_FIELD_CHARS) {
                tooLong(field);
            }
            return value;
        }

        private void tooLong(String field) {
            if (limitProblem == null) {
                limitProblem = field + " is longer than " + RecordLimits.MAX_FIELD_CHARS + " characters";
            }
        }

        /**
         * The record, once {@link #problem()} found nothing: a record without a request id is named by
         * the hash of its bytes. Null when its timestamp is outside {@code range} (then the problem says so).
         */
        InvocationRecord checkedRecord(byte[] raw, int offset, int length, TimeBounds.Range range) {
            if (requestId == null) {
                requestId = syntheticRequestId(raw, offset, length);
            }
            InvocationRecord record = toRecord();
            limitProblem = range.problem(record.timestamp());
            return limitProblem == null ? record : null;
        }
    }

    /** {@code sha256:} and the hex SHA-256 of the record's bytes without the blanks around them. */
    static String syntheticRequestId(byte[] raw, int offset, int length) {
        int from = offset;
        int to = offset + length;
        while (from < to && Character.isWhitespace(raw[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(raw[to - 1])) {
            to--;
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(raw, from, to - from);
            return SYNTHETIC_ID_PREFIX + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
