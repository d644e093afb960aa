package org.bedrockmonitor.parse;

import java.time.Instant;

/**
 * One CloudTrail event about Bedrock (runtime or control plane), reduced to what security analytics
 * needs. {@code modelId} is taken from the request parameters when the call names a model.
 * {@code loggingDeliveryEnabled} is set only for {@code PutModelInvocationLoggingConfiguration}: whether
 * the new configuration still delivers logs, null when CloudTrail did not record the settings.
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
        boolean managementEvent,
        Boolean loggingDeliveryEnabled) {

    public AuditEvent(Instant eventTime, String eventId, String eventSource, String eventName, String awsRegion,
            String accountId, String principalArn, String principalType, String sourceIp, String userAgent,
            String errorCode, String errorMessage, String modelId, boolean readOnly, boolean managementEvent) {
        this(eventTime, eventId, eventSource, eventName, awsRegion, accountId, principalArn, principalType, sourceIp,
                userAgent, errorCode, errorMessage, modelId, readOnly, managementEvent, null);
    }

    public boolean failed() {
        return errorCode != null;
    }
}
