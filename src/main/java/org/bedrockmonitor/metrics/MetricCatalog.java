package org.bedrockmonitor.metrics;

import java.util.List;

/**
 * Every custom metric the service publishes, with its dimensions: the single source for the metrics
 * route, the dashboards and the alarms (a test checks the CloudFormation templates against it).
 */
public final class MetricCatalog {

    public static final String DEFAULT_NAMESPACE = "Custom/Bedrock";

    public static final String ENVIRONMENT = "Environment";
    public static final String MODEL_ID = "ModelId";
    public static final String PRINCIPAL = "Principal";

    /** Published per Environment and per (Environment, ModelId). */
    public static final List<String> PER_MODEL = List.of(
            "Invocations", "Errors", "Throttles", "InputTokens", "OutputTokens", "CacheReadTokens",
            "CacheWriteTokens", "EstimatedCostUsd", "LatencyMs", "TimeToFirstTokenMs", "TokensPerRequest",
            "CostPerRequest", "AnomalyScore");

    /** Published per Environment only. */
    public static final List<String> PER_ENVIRONMENT = List.of(
            "UniqueUsers", "ModelSwitchRate", "LogObjectsProcessed", "RecordsRejected", "DuplicateRecords",
            "AlertsRaised", "MetricPointsDropped", "LateRows");

    /** Published per (Environment, Principal) for the top N principals, the rest as "other". */
    public static final List<String> PER_PRINCIPAL = List.of(
            "Invocations", "EstimatedCostUsd", "InputTokens", "OutputTokens");

    public static final String OTHER_PRINCIPALS = "other";

    private MetricCatalog() {
    }

    public static boolean publishes(String metricName) {
        return PER_MODEL.contains(metricName) || PER_ENVIRONMENT.contains(metricName)
                || PER_PRINCIPAL.contains(metricName);
    }

    public static List<String> dimensions() {
        return List.of(ENVIRONMENT, MODEL_ID, PRINCIPAL);
    }
}
