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
        Map<String, String> tags) {

    public static final long UNKNOWN = -1;

    public static final String THROTTLING = "ThrottlingException";

    public boolean failed() {
        return errorCode != null;
    }

    public boolean throttled() {
        return THROTTLING.equals(errorCode);
    }
}
