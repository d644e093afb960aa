package org.bedrockmonitor.parse;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One CloudTrail event about Bedrock (runtime or control plane), or one call that changes how the
 * audit trail and the logs are kept ({@link ComplianceFields}), reduced to what security analytics
 * needs. {@code modelId} is taken from the request parameters when the call names a model.
 * {@code loggingDeliveryEnabled} is set only for {@code PutModelInvocationLoggingConfiguration}: whether
 * the new configuration still delivers logs, null when CloudTrail did not record the settings.
 * {@code details} holds the settings a compliance call names (trail, bucket, log group, destinations,
 * encryption, retention), never request or response bodies of model calls.
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
        Boolean loggingDeliveryEnabled,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> details) {

    public AuditEvent {
        details = details == null || details.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public AuditEvent(Instant eventTime, String eventId, String eventSource, String eventName, String awsRegion,
            String accountId, String principalArn, String principalType, String sourceIp, String userAgent,
            String errorCode, String errorMessage, String modelId, boolean readOnly, boolean managementEvent,
            Boolean loggingDeliveryEnabled) {
        this(eventTime, eventId, eventSource, eventName, awsRegion, accountId, principalArn, principalType, sourceIp,
                userAgent, errorCode, errorMessage, modelId, readOnly, managementEvent, loggingDeliveryEnabled, Map.of());
    }

    public AuditEvent(Instant eventTime, String eventId, String eventSource, String eventName, String awsRegion,
            String accountId, String principalArn, String principalType, String sourceIp, String userAgent,
            String errorCode, String errorMessage, String modelId, boolean readOnly, boolean managementEvent) {
        this(eventTime, eventId, eventSource, eventName, awsRegion, accountId, principalArn, principalType, sourceIp,
                userAgent, errorCode, errorMessage, modelId, readOnly, managementEvent, null);
    }

    public boolean failed() {
        return errorCode != null;
    }

    /** A call to Bedrock itself; the others are the trail, bucket and log-group calls kept as compliance evidence. */
    public boolean aboutBedrock() {
        return eventSource != null && CloudTrailReader.isBedrock(eventSource);
    }
}
