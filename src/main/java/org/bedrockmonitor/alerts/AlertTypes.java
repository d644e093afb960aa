package org.bedrockmonitor.alerts;

import java.util.Set;

/** The alert types, split into the two families an incident can show (metrics and security). */
public final class AlertTypes {

    public static final String HIGH_ERROR_RATE = "HIGH_ERROR_RATE";
    public static final String HIGH_LATENCY = "HIGH_LATENCY";
    public static final String LOW_SUCCESS_RATE = "LOW_SUCCESS_RATE";
    public static final String TOKEN_USAGE_SPIKE = "TOKEN_USAGE_SPIKE";
    public static final String USAGE_SPIKE = "USAGE_SPIKE";
    public static final String COST_BUDGET = "COST_BUDGET";
    public static final String UNAPPROVED_MODEL = "UNAPPROVED_MODEL";
    public static final String SERVICE_ERRORS = "SERVICE_ERRORS";
    public static final String LOG_INGESTION_STALLED = "LOG_INGESTION_STALLED";
    public static final String STATISTICAL_ANOMALY = "STATISTICAL_ANOMALY";

    public static final String FAILED_AUTH_SPIKE = "FAILED_AUTH_SPIKE";
    public static final String UNUSUAL_ACCESS = "UNUSUAL_ACCESS";
    public static final String SUSPICIOUS_USER_AGENT = "SUSPICIOUS_USER_AGENT";
    public static final String MODEL_MANAGEMENT_CHANGE = "MODEL_MANAGEMENT_CHANGE";
    public static final String LOGGING_DISABLED = "LOGGING_DISABLED";
    public static final String NEW_GEOGRAPHY = "NEW_GEOGRAPHY";
    public static final String EXFILTRATION_INDICATOR = "EXFILTRATION_INDICATOR";

    /** Raised by the CloudTrail security detector and delivered through the same alerts route. */
    public static final Set<String> SECURITY = Set.of(
            FAILED_AUTH_SPIKE, UNUSUAL_ACCESS, SUSPICIOUS_USER_AGENT, MODEL_MANAGEMENT_CHANGE, LOGGING_DISABLED,
            NEW_GEOGRAPHY, EXFILTRATION_INDICATOR);

    /** Conditions that are bad below their threshold (the rest are bad above it). */
    public static final Set<String> BAD_BELOW = Set.of(LOW_SUCCESS_RATE);

    private AlertTypes() {
    }

    public static boolean isSecurity(String type) {
        return SECURITY.contains(type);
    }
}
