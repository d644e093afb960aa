package org.bedrockmonitor.parse;

import java.time.Instant;
import java.util.Map;

/**
 * One Bedrock model invocation, as read from a {@code ModelInvocationLog} record. Prompt and response
 * bodies are never part of it. Latency and time to first token are {@link #UNKNOWN} when the log
 * variant does not carry them (plain InvokeModel, most errors).
 */
public record InvocationRecord(
        Instant timestamp,
        String accountId,
        String region,
        String requestId,
        String operation,
        String modelId,
        String principalArn,
        String errorCode,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long latencyMs,
        long timeToFirstTokenMs,
        boolean guardrailIntervened,
        boolean bodyOffloaded,
        Map<String, String> tags,
        Billing billing) {

    public static final long UNKNOWN = -1;

    /** A record without the details only some billing rules need. */
    public InvocationRecord(Instant timestamp, String accountId, String region, String requestId, String operation,
                            String modelId, String principalArn, String errorCode, long inputTokens, long outputTokens,
                            long cacheReadTokens, long cacheWriteTokens, long latencyMs, long timeToFirstTokenMs,
                            boolean guardrailIntervened, boolean bodyOffloaded, Map<String, String> tags) {
        this(timestamp, accountId, region, requestId, operation, modelId, principalArn, errorCode, inputTokens,
                outputTokens, cacheReadTokens, cacheWriteTokens, latencyMs, timeToFirstTokenMs, guardrailIntervened,
                bodyOffloaded, tags, Billing.NONE);
    }

    /**
     * What some billing rules need beyond the token counts, read from the request and response bodies.
     *
     * @param requestServiceTier  {@code serviceTier} the request asked for (null when absent)
     * @param responseServiceTier {@code serviceTier} the response says served it (null when absent)
     * @param responseLatency     {@code performanceConfig.latency} of the response (null when absent)
     * @param cacheWrite1hTokens  the part of {@code cacheWriteTokens} written with a 1-hour TTL
     * @param imageGeneration     the request generates images ({@code imageGenerationConfig} or {@code taskType})
     * @param imagesRequested     {@code numberOfImages}, 0 when not given
     * @param imageWidth          0 when not given
     * @param imageQuality        null when not given
     * @param imagesSent          images in the request (embedding models price them one by one)
     * @param guardrailUnits      guardrail usage units by field ({@code contentPolicyUnits} …), summed over
     *                            the input and output assessments
     * @param batch               the record is a line of a batch inference job's output
     */
    public record Billing(String requestServiceTier, String responseServiceTier, String responseLatency,
                          long cacheWrite1hTokens, boolean imageGeneration, int imagesRequested, int imageWidth,
                          int imageHeight, String imageQuality, int imagesSent, Map<String, Long> guardrailUnits,
                          boolean batch) {

        public static final Billing NONE = new Billing(null, null, null, 0, false, 0, 0, 0, null, 0, Map.of(), false);
        public static final Billing BATCH = new Billing(null, null, null, 0, false, 0, 0, 0, null, 0, Map.of(), true);
    }

    public static final String THROTTLING = "ThrottlingException";

    public boolean failed() {
        return errorCode != null;
    }

    public boolean throttled() {
        return THROTTLING.equals(errorCode);
    }
}
