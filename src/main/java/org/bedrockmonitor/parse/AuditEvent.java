package org.bedrockmonitor.parse;

import java.time.Instant;

/**
 * One CloudTrail event about Bedrock (runtime or control plane), reduced to what security analytics
 * needs. {@code modelId} is taken from the request parameters when the call names a model.
 */
public record AuditEvent(
        Instant eventTime,
        String eventId,
        String eventSource,
        String eventName,
        String awsRegion,
        String accountId,
        String principalArn,
        String principalType,
        String sourceIp,
        String userAgent,
        String errorCode,
        String errorMessage,
        String modelId,
        boolean readOnly,
        boolean managementEvent) {

    public boolean failed() {
        return errorCode != null;
    }
}
