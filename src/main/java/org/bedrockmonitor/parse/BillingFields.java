package org.bedrockmonitor.parse;

import static org.bedrockmonitor.parse.JsonFields.forEachField;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Collects, while a record or batch line is walked, what billing rules need beyond the token counts:
 * the tier asked for and served, the cache writes with a 1-hour TTL, an image request's size, quality
 * and count, images sent, and guardrail policy units. Only small scalar fields are read; prompts,
 * images and outputs are skipped token by token.
 */
final class BillingFields {

    String requestServiceTier;
    String responseServiceTier;
    String responseLatency;
    long cacheWrite1h;
    boolean imageGeneration;
    int imagesRequested;
    int imageWidth;
    int imageHeight;
    String imageQuality;
    int imagesSent;
    Map<String, Long> guardrailUnits;

    InvocationRecord.Billing toBilling(boolean batch) {
        return new InvocationRecord.Billing(requestServiceTier, responseServiceTier, responseLatency, cacheWrite1h,
                imageGeneration, imagesRequested, imageWidth, imageHeight, imageQuality, imagesSent,
                // in name order: a cost summed over them must not depend on a map's per-JVM iteration order
                guardrailUnits == null ? Map.of() : Collections.unmodifiableMap(guardrailUnits), batch);
    }

    /** {@code "flex"} (InvokeModel bodies) or {@code {"type": "flex"}} (Converse). */
    static String tier(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        String[] type = {null};
        forEachField(p, value, (name, v) -> {
            if (!name.equals("type") || v != JsonToken.VALUE_STRING) {
                return false;
            }
            type[0] = p.getText();
            return true;
        });
        return type[0];
    }

    void readPerformance(JsonParser p, JsonToken value) throws IOException {
        forEachField(p, value, (name, v) -> {
            if (!name.equals("latency") || v != JsonToken.VALUE_STRING) {
                return false;
            }
            responseLatency = p.getText();
            return true;
        });
    }

    /**
     * Converse {@code usage.cacheDetails} ({@code [{"inputTokens": n, "ttl": "1h"}, …]}) or Anthropic
     * {@code usage.cache_creation} ({@code {"ephemeral_5m_input_tokens": n, "ephemeral_1h_input_tokens": m}}).
     * Both split the same cache-write count, so they set the 1-hour part rather than add to it.
     */
    void readCacheWrites(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.START_ARRAY) {
            long oneHour = 0;
            JsonToken element;
            while ((element = p.nextToken()) != JsonToken.END_ARRAY && element != null) {
                long[] tokens = {0};
                boolean[] hour = {false};
                forEachField(p, element, (name, v) -> switch (name) {
                    case "inputTokens" -> {
                        tokens[0] = count(p, v);
                        yield true;
                    }
                    case "ttl" -> {
                        hour[0] = v == JsonToken.VALUE_STRING && p.getText().equals("1h");
                        yield true;
                    }
                    default -> false;
                });
                if (hour[0]) {
                    oneHour += tokens[0];
                }
            }
            cacheWrite1h = oneHour;
            return;
        }
        forEachField(p, value, (name, v) -> {
            if (!name.equals("ephemeral_1h_input_tokens")) {
                return false;
            }
            cacheWrite1h = count(p, v);
            return true;
        });
    }

    /** {@code taskType} (Nova Canvas, Titan Image) or {@code imageGenerationConfig} mark an image request. */
    void readImageRequest(JsonParser p, String field, JsonToken value) throws IOException {
        imageGeneration = true;
        if (!field.equals("imageGenerationConfig")) {
            p.skipChildren();
            return;
        }
        forEachField(p, value, (name, v) -> switch (name) {
            case "numberOfImages" -> {
                imagesRequested = (int) Math.min(Integer.MAX_VALUE, count(p, v));
                yield true;
            }
            case "width" -> {
                imageWidth = (int) Math.min(Integer.MAX_VALUE, count(p, v));
                yield true;
            }
            case "height" -> {
                imageHeight = (int) Math.min(Integer.MAX_VALUE, count(p, v));
                yield true;
            }
            case "quality" -> {
                imageQuality = v == JsonToken.VALUE_STRING ? p.getText() : null;
                yield true;
            }
            default -> false;
        });
    }

    /** {@code inputImage} (one base64 string) or {@code images} (an array of them). */
    void countImagesSent(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            imagesSent += 1;
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken element;
        while ((element = p.nextToken()) != JsonToken.END_ARRAY && element != null) {
            imagesSent++;
            p.skipChildren();
        }
    }

    /** The {@code guardrail} part of a response trace: every {@code usage} object in it adds its units. */
    void readTrace(JsonParser p, JsonToken value) throws IOException {
        forEachField(p, value, (name, v) -> {
            if (!name.equals("guardrail")) {
                return false;
            }
            sumUsage(p, v);
            return true;
        });
    }

    private void sumUsage(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.START_ARRAY) {
            JsonToken element;
            while ((element = p.nextToken()) != JsonToken.END_ARRAY && element != null) {
                sumUsage(p, element);
            }
            return;
        }
        forEachField(p, value, (name, v) -> {
            if (name.equals("usage") && v == JsonToken.START_OBJECT) {
                addUnits(p, v);
            } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                sumUsage(p, v);
            } else {
                return false;
            }
            return true;
        });
    }

    private void addUnits(JsonParser p, JsonToken value) throws IOException {
        forEachField(p, value, (name, v) -> {
            if (!name.endsWith("Units") || !v.isNumeric()) {
                return false;
            }
            long units = count(p, v);
            if (units > 0) {
                if (guardrailUnits == null) {
                    guardrailUnits = new TreeMap<>();
                }
                guardrailUnits.merge(name, units, (a, b) -> Math.min(Long.MAX_VALUE / 2, a + b));
            }
            return true;
        });
    }

    /** A non-negative whole number, 0 for anything else. */
    static long count(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return Math.max(0, p.getValueAsLong());
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return Double.isFinite(d) && d > 0 ? (long) Math.min(d, Long.MAX_VALUE / 2) : 0;
        }
        p.skipChildren();
        return 0;
    }
}
