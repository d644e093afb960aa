package org.bedrockmonitor.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Keeps prompt and response text inside the process: the sample of a rejected record keeps only the
 * fields of the record's envelope that come before anything else (schema type, time, account, identity,
 * region, request id, operation, model id, error code), unless the operator allows bodies out. Everything
 * from the first other field on is withheld: the input and output blocks and every body field in them
 * ({@code inputBodyJson}, Titan's {@code inputText} and {@code results}, {@code prompt}, {@code messages},
 * {@code system}, {@code generation}, {@code completion}, images...), request metadata, and any field a
 * damaged record shows where a body used to be. A record that is broken is kept only up to the field where
 * its syntax breaks, and an envelope value with blanks or control characters (what a body fragment looks
 * like, never an id) ends the sample too. What does not start as a record is withheld whole.
 */
public final class BodyText {

    private static final Set<String> ENVELOPE = Set.of(
            "schemaType", "schemaVersion", "timestamp", "accountId", "identity", "region", "requestId", "operation",
            "modelId", "errorCode");
    private static final JsonFactory JSON = new JsonFactory();
    public static final String WITHHELD = "[body withheld]";

    private BodyText() {
    }

    public static String sample(byte[] raw, int offset, int length, int maxBytes, boolean bodiesAllowed) {
        String text = new String(raw, offset, Math.min(length, maxBytes), StandardCharsets.UTF_8);
        if (bodiesAllowed) {
            return text;
        }
        int kept = envelopeEnd(text);
        if (kept < 0) {
            return WITHHELD;
        }
        return kept == text.length() ? text : text.substring(0, kept) + WITHHELD;
    }

    /**
     * Where the leading envelope fields end: the whole text when it is a record of envelope fields only,
     * -1 when not even one envelope field starts it.
     */
    private static int envelopeEnd(String text) {
        int end = -1;
        int read = -1;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                // a field is kept once what follows it reads as JSON too: a damaged record may close a string early
                end = read;
                if (!ENVELOPE.contains(parser.currentName()) || !plainValue(parser)) {
                    return end;
                }
                read = (int) parser.currentLocation().getCharOffset();
            }
            if (token == JsonToken.END_OBJECT && read >= 0) {
                // a damaged record may close early: whatever follows the brace is not kept
                int close = (int) parser.currentLocation().getCharOffset();
                return text.substring(close).isBlank() ? text.length() : close;
            }
        } catch (IOException brokenHere) {
            // the field being read is not kept: the sample ends after the last whole one
        }
        return end;
    }

    /** Reads the field's value: true when it is a scalar, or an object of scalars, without blanks or control characters. */
    private static boolean plainValue(JsonParser parser) throws IOException {
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_OBJECT) {
            while ((value = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (!plainScalar(parser, parser.nextToken())) {
                    return false;
                }
            }
            return value == JsonToken.END_OBJECT;
        }
        return plainScalar(parser, value);
    }

    private static boolean plainScalar(JsonParser parser, JsonToken value) throws IOException {
        if (value == null || !value.isScalarValue()) {
            return false;
        }
        if (value != JsonToken.VALUE_STRING) {
            return true;
        }
        String text = parser.getText();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) || Printable.unsafe(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
