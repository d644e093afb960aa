package org.bedrockmonitor.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;

/**
 * Streams CloudTrail events out of one (already decompressed) object and hands on those about Bedrock.
 *
 * <p>Accepted shapes: the CloudTrail log file {@code {"Records":[...]}} (other keys may come before or
 * after {@code Records}), a JSON array of events, and a sequence of bare event objects (one per line or
 * pretty-printed), as SIEM exports and detonation logs store them. Only one event tree is in memory at a
 * time, so a CloudTrail file of any size streams.
 *
 * <p>Kept: {@code bedrock.amazonaws.com} (CloudTrail records runtime and control-plane calls under it)
 * and any {@code bedrock-*.amazonaws.com} source ({@code bedrock-runtime}, {@code bedrock-agent},
 * {@code bedrock-agent-runtime}, {@code bedrock-agentcore}), so that agent calls are not silently dropped
 * should CloudTrail log them under their own endpoint name; and the trail, bucket and log-group calls
 * that are compliance evidence ({@link ComplianceFields}), which are not counted as Bedrock events.
 *
 * <p>An event that is valid JSON but not a usable event (not an object, no {@code eventSource}, a Bedrock
 * event without {@code eventName} or with an unreadable {@code eventTime}) is counted rejected and the
 * rest flows on. A JSON syntax error rejects the event in progress; in a sequence of bare events reading
 * resumes at the next line that opens with a brace in its first column after the broken event's start, while
 * inside {@code Records} or an array it ends the object: CloudTrail writes a log file on one line, so
 * after broken syntax there no later event boundary can be trusted. A value beyond a parser limit (nesting,
 * number, name or string size) is treated as broken syntax. A Bedrock event stamped outside the
 * {@link TimeBounds} is rejected.
 */
public final class CloudTrailReader implements AuditLogReader {

    private static final String RECORDS = "Records";
    static final String PUT_LOGGING_CONFIGURATION = "PutModelInvocationLoggingConfiguration";
    private static final List<String> MODEL_FIELDS = List.of("modelId", "modelIdentifier", "modelArn", "baseModelIdentifier");

    /** ISO-8601 with or without zone and fraction, and the SIEM form {@code 2025-03-26 17:22:33.000000000} (UTC). */
    private static final DateTimeFormatter EVENT_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private final TimeBounds timeBounds;

    public CloudTrailReader() {
        this(TimeBounds.UNBOUNDED);
    }

    public CloudTrailReader(TimeBounds timeBounds) {
        this.timeBounds = timeBounds;
    }

    @Override
    public Counts read(InputStream in, Consumer<AuditEvent> sink) throws IOException {
        Tally tally = new Tally(sink, timeBounds.now());
        RewindableInput input = new RewindableInput(in);
        Progress progress = new Progress();
        while (true) {
            progress.startParser(input.position());
            try (JsonParser parser = Json.MAPPER.getFactory().createParser(input)) {
                parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
                try {
                    readRootValues(parser, tally, progress);
                } catch (StreamConstraintsException beyondALimit) {
                    // reported without a location: resume from where the parser stopped, as after a syntax error
                    throw new JsonParseException(parser, "beyond a parser limit", parser.currentLocation(), beyondALimit);
                }
                return tally.counts();
            } catch (StreamReadException brokenSyntax) {
                tally.reject();
                long offset = brokenSyntax.getLocation() == null ? -1 : brokenSyntax.getLocation().getByteOffset();
                if (progress.insideCollection || offset < 0
                        || !resumeAfterError(input, progress.parserBase + offset, progress.valueStart)) {
                    return tally.counts();
                }
            }
        }
    }

    private static void readRootValues(JsonParser parser, Tally tally, Progress progress) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            progress.valueStart = progress.parserBase + parser.currentTokenLocation().getByteOffset();
            if (token == JsonToken.START_OBJECT) {
                readRootObject(parser, tally, progress);
            } else if (token == JsonToken.START_ARRAY) {
                progress.insideCollection = true;
                readEventArray(parser, tally);
                progress.insideCollection = false;
            } else {
                tally.reject();
            }
        }
    }

    /**
     * Places the input at the next bare event after a syntax error: the first line after the one where the
     * broken value began that opens with '{' in its first column. Pretty-printers indent what is inside an
     * event, so that line starts the next one; an event that an unclosed bracket pulled into the broken
     * value is read again. When the start of the broken value is no longer retained, the search starts at
     * the error. False when nothing is left to read.
     */
    private static boolean resumeAfterError(RewindableInput input, long error, long valueStart) throws IOException {
        long from = input.isRetained(valueStart) ? valueStart : error;
        if (!input.isRetained(from)) {
            return false;
        }
        input.rewindTo(from);
        while (true) {
            int next;
            do {
                next = input.read();
            } while (next >= 0 && next != '\n');
            long lineStart = input.position();
            int first = input.read();
            if (first < 0) {
                return false;
            }
            input.rewindTo(lineStart);
            if (first == '{') {
                return true;
            }
        }
    }

    /** Either the {@code Records} envelope or one bare event: which one is known only at its end. */
    private static void readRootObject(JsonParser parser, Tally tally, Progress progress) throws IOException {
        ObjectNode bareEvent = Json.MAPPER.createObjectNode();
        boolean envelope = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (RECORDS.equals(field) && value == JsonToken.START_ARRAY) {
                envelope = true;
                progress.insideCollection = true;
                readEventArray(parser, tally);
                progress.insideCollection = false;
            } else if (envelope) {
                parser.skipChildren();
            } else {
                bareEvent.set(field, readValue(parser));
            }
        }
        if (!envelope) {
            tally.offer(bareEvent);
        }
    }

    private static void readEventArray(JsonParser parser, Tally tally) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            tally.offer(readValue(parser));
        }
    }

    private static JsonNode readValue(JsonParser parser) throws IOException {
        JsonNode node = Json.MAPPER.readTree(parser);
        return node == null ? NullNode.getInstance() : node;
    }

    /**
     * The Bedrock or compliance event in {@code node} ({@link ComplianceFields}), null for any other event;
     * throws when it is unusable.
     */
    static AuditEvent toAuditEvent(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedEvent("not an object");
        }
        String eventSource = text(node, "eventSource");
        if (eventSource == null) {
            throw new MalformedEvent("no eventSource");
        }
        boolean bedrock = isBedrock(eventSource);
        String eventName = text(node, "eventName");
        if (!bedrock && !ComplianceFields.isKept(eventSource, eventName)) {
            return null;
        }
        if (eventName == null) {
            throw new MalformedEvent("no eventName");
        }
        Instant eventTime = eventTime(node.get("eventTime"));
        JsonNode identity = node.path("userIdentity");
        String accountId = firstNonNull(text(node, "recipientAccountId"), text(identity, "accountId"));
        return new AuditEvent(
                eventTime,
                text(node, "eventID"),
                eventSource,
                eventName,
                text(node, "awsRegion"),
                accountId,
                principal(identity),
                text(identity, "type"),
                text(node, "sourceIPAddress"),
                text(node, "userAgent"),
                text(node, "errorCode"),
                text(node, "errorMessage"),
                modelId(node.path("requestParameters")),
                flag(node.get("readOnly"), false),
                managementEvent(node),
                PUT_LOGGING_CONFIGURATION.equals(eventName) ? loggingDeliveryEnabled(node.path("requestParameters")) : null,
                ComplianceFields.details(eventSource, eventName, node));
    }

    static boolean isBedrock(String eventSource) {
        String source = eventSource.toLowerCase(Locale.ROOT);
        return source.equals("bedrock.amazonaws.com")
                || source.startsWith("bedrock-") && source.endsWith(".amazonaws.com");
    }

    static Instant eventTime(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new MalformedEvent("no eventTime");
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        try {
            TemporalAccessor parsed = EVENT_TIME.parse(value.asText().trim());
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
                    : ZoneOffset.UTC;
            return LocalDateTime.from(parsed).toInstant(offset);
        } catch (DateTimeException unreadable) {
            throw new MalformedEvent("unreadable eventTime");
        }
    }

    /**
     * The identity's ARN; identities without one are named by what CloudTrail does give: the calling
     * service for {@code AWSService}, the account for {@code AWSAccount}, else the principal id.
     */
    private static String principal(JsonNode identity) {
        String arn = text(identity, "arn");
        if (arn != null) {
            return arn;
        }
        String type = text(identity, "type");
        if ("AWSService".equals(type) && text(identity, "invokedBy") != null) {
            return text(identity, "invokedBy");
        }
        if ("AWSAccount".equals(type) && text(identity, "accountId") != null) {
            return "account:" + text(identity, "accountId");
        }
        return firstNonNull(text(identity, "principalId"), "unknown");
    }

    private static String modelId(JsonNode requestParameters) {
        for (String field : MODEL_FIELDS) {
            String value = text(requestParameters, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * Whether a new model-invocation logging configuration still delivers anything: it needs a destination
     * (CloudWatch Logs or S3) and at least one data type left on. Null when CloudTrail left the settings out.
     */
    static Boolean loggingDeliveryEnabled(JsonNode requestParameters) {
        JsonNode config = requestParameters.path("loggingConfig");
        if (!config.isObject()) {
            return null;
        }
        boolean destination = config.path("cloudWatchConfig").isObject() || config.path("s3Config").isObject();
        if (!destination) {
            return false;
        }
        boolean anyDataTypeFlag = false;
        boolean anyDataTypeOn = false;
        for (var field : config.properties()) {
            if (field.getKey().endsWith("DataDeliveryEnabled")) {
                anyDataTypeFlag = true;
                anyDataTypeOn |= flag(field.getValue(), false);
            }
        }
        return !anyDataTypeFlag || anyDataTypeOn;
    }

    /** Events from before CloudTrail wrote {@code managementEvent} are management events unless categorised Data. */
    private static boolean managementEvent(JsonNode node) {
        JsonNode flag = node.get("managementEvent");
        if (flag != null && !flag.isNull()) {
            return flag(flag, true);
        }
        return !"Data".equalsIgnoreCase(text(node, "eventCategory"));
    }

    private static boolean flag(JsonNode value, boolean absent) {
        if (value == null || value.isNull()) {
            return absent;
        }
        return value.isBoolean() ? value.booleanValue() : Boolean.parseBoolean(value.asText());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    static final class MalformedEvent extends RuntimeException {
        MalformedEvent(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Where reading stands, so that a syntax error can be judged: which value broke, and inside what. */
    private static final class Progress {
        long parserBase;
        long valueStart;
        boolean insideCollection;

        void startParser(long base) {
            parserBase = base;
            valueStart = base;
            insideCollection = false;
        }
    }

    private static final class Tally {
        private final Consumer<AuditEvent> sink;
        private final TimeBounds.Range range;
        private long eventsRead;
        private long bedrockEvents;
        private long rejected;

        Tally(Consumer<AuditEvent> sink, TimeBounds.Range range) {
            this.sink = sink;
            this.range = range;
        }

        void offer(JsonNode node) {
            eventsRead++;
            AuditEvent event;
            try {
                event = toAuditEvent(node);
            } catch (MalformedEvent unusable) {
                rejected++;
                return;
            }
            if (event != null && range.problem(event.eventTime()) != null) {
                rejected++;
                return;
            }
            if (event != null) {
                if (event.aboutBedrock()) {
                    bedrockEvents++;
                }
                sink.accept(event);
            }
        }

        void reject() {
            eventsRead++;
            rejected++;
        }

        Counts counts() {
            return new Counts(eventsRead, bedrockEvents, rejected);
        }
    }
}
