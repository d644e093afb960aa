package org.bedrockmonitor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * What one invocation record may carry, and why a record that breaks a limit is rejected, in the
 * reader's own words. Any limit rejects the record, never its object. Reasons never quote the input:
 * JSON parsers quote the offending token, which may be prompt text, so a reason names only the kind of
 * problem, where it is (line, column) and the path of schema fields leading to it.
 */
final class RecordLimits {

    /** Longest identifier or tag a record may carry (ARNs are at most 2,048 characters). */
    static final int MAX_FIELD_CHARS = 2048;
    /** Largest token count or latency in milliseconds: no call comes near it, and a sum of 9 million stays exact. */
    static final long MAX_COUNT = 1_000_000_000_000L;

    static final int MAX_NESTING_DEPTH = 1000;
    static final int MAX_NUMBER_DIGITS = 1000;
    static final int MAX_NAME_CHARS = 50_000;
    static final int MAX_STRING_CHARS = 20_000_000;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_DIGITS)
            .maxNameLength(MAX_NAME_CHARS)
            .maxStringLength(MAX_STRING_CHARS)
            .build();

    /** Field names of the log schema: the only names a reason's path shows (any other name may be caller text). */
    private static final Set<String> SCHEMA_NAMES = Set.of(
            "schemaType", "schemaVersion", "timestamp", "accountId", "identity", "arn", "region", "requestId",
            "operation", "modelId", "errorCode", "requestMetadata", "input", "output", "inputContentType",
            "outputContentType", "inputBodyJson", "outputBodyJson", "inputBodyS3Path", "outputBodyS3Path",
            "inputTokenCount", "outputTokenCount", "cacheReadInputTokenCount", "cacheWriteInputTokenCount",
            "amazon-bedrock-invocationMetrics", "amazon-bedrock-guardrailAction", "invocationLatency",
            "firstByteLatency", "metrics", "latencyMs", "usage", "inputTokens", "outputTokens",
            "cacheReadInputTokens", "cacheWriteInputTokens", "stopReason", "stop_reason");
    private static final int MAX_PATH_SEGMENTS = 8;

    private RecordLimits() {
    }

    /** A parser factory with the limits above set explicitly, so that they do not move with a library upgrade. */
    static JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    }

    /**
     * Why the text is not a usable JSON record: the kind of error, its line (of the file, the record
     * starting at {@code firstLine}) and column, and the schema path where it happened.
     */
    static String notJson(JsonProcessingException e, JsonParser parser, long firstLine) {
        StringBuilder reason = new StringBuilder(e instanceof StreamConstraintsException ? "" : "not JSON: ")
                .append(kind(e));
        // limits are reported without a location: the parser still knows where it stopped
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        if (at != null && at.getLineNr() > 0) {
            reason.append(" at line ").append(firstLine + at.getLineNr() - 1).append(", column ").append(at.getColumnNr());
        }
        String path = path(parser.getParsingContext());
        if (!path.isEmpty()) {
            reason.append(" (near ").append(path).append(')');
        }
        return reason.toString();
    }

    private static String kind(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().toLowerCase(Locale.ROOT);
        if (e instanceof StreamConstraintsException) {
            if (message.contains("nesting")) {
                return "nested deeper than " + MAX_NESTING_DEPTH + " levels";
            }
            if (message.contains("number")) {
                return "a number longer than " + MAX_NUMBER_DIGITS + " digits";
            }
            if (message.contains("name")) {
                return "a field name longer than " + MAX_NAME_CHARS + " characters";
            }
            if (message.contains("string")) {
                return "a string longer than " + MAX_STRING_CHARS + " characters";
            }
            return "beyond a parser limit";
        }
        if (message.contains("unrecognized token")) {
            return "a bare word where a value belongs";
        }
        if (message.contains("illegal unquoted character")) {
            return "an unescaped control character in a string";
        }
        if (message.contains("utf-8") || message.contains("utf8")) {
            return "invalid UTF-8";
        }
        if (message.contains("close marker")) {
            return "a bracket that does not match";
        }
        if (message.contains("escape")) {
            return "an invalid escape sequence";
        }
        if (message.contains("numeric value") || message.contains("number")) {
            return "a malformed number";
        }
        if (message.contains("unexpected character")) {
            return "an unexpected character";
        }
        return "a syntax error";
    }

    /** {@code /input/inputBodyJson/*}: schema names and array indices; any other name shows as {@code *}. */
    static String path(JsonStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.add(String.valueOf(Math.max(0, c.getCurrentIndex())));
            } else if (c.getCurrentName() != null) {
                segments.add(SCHEMA_NAMES.contains(c.getCurrentName()) ? c.getCurrentName() : "*");
            }
        }
        StringBuilder path = new StringBuilder();
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.size() - 1 - i == MAX_PATH_SEGMENTS) {
                path.append("/…");
                break;
            }
            path.append('/').append(segments.get(i));
        }
        return path.toString();
    }
}
