package org.bedrockmonitor.metrics;

import java.util.List;
import java.util.Set;

/**
 * Every custom metric the service publishes: name, unit and the dimension sets it is published with. The
 * single source of metric names for the code that publishes them ({@link ObjectMetrics}), the dashboards
 * and the alarms (tests check both the templates and what ObjectMetrics emits against it).
 */
public final class MetricCatalog {

    public static final String DEFAULT_NAMESPACE = "Custom/Bedrock";

    public static final String ENVIRONMENT = "Environment";
    public static final String MODEL_ID = "ModelId";
    public static final String PRINCIPAL = "Principal";
    public static final String OTHER_PRINCIPALS = "other";

    public static final Set<String> BY_ENVIRONMENT = Set.of(ENVIRONMENT);
    public static final Set<String> BY_MODEL = Set.of(ENVIRONMENT, MODEL_ID);
    public static final Set<String> BY_PRINCIPAL = Set.of(ENVIRONMENT, PRINCIPAL);

    public static final String COUNT = "Count";
    public static final String MILLISECONDS = "Milliseconds";
    public static final String NONE = "None";

    public static final String INVOCATIONS = "Invocations";
    public static final String ERRORS = "Errors";
    public static final String THROTTLES = "Throttles";
    public static final String INPUT_TOKENS = "InputTokens";
    public static final String OUTPUT_TOKENS = "OutputTokens";
    public static final String CACHE_READ_TOKENS = "CacheReadTokens";
    public static final String CACHE_WRITE_TOKENS = "CacheWriteTokens";
    public static final String ESTIMATED_COST_USD = "EstimatedCostUsd";
    public static final String LATENCY_MS = "LatencyMs";
    public static final String TIME_TO_FIRST_TOKEN_MS = "TimeToFirstTokenMs";
    public static final String TOKENS_PER_REQUEST = "TokensPerRequest";
    public static final String COST_PER_REQUEST = "CostPerRequest";
    public static final String ANOMALY_SCORE = "AnomalyScore";
    public static final String UNIQUE_USERS = "UniqueUsers";
    public static final String MODEL_SWITCH_RATE = "ModelSwitchRate";
    public static final String LOG_OBJECTS_PROCESSED = "LogObjectsProcessed";
    public static final String RECORDS_REJECTED = "RecordsRejected";
    public static final String DUPLICATE_RECORDS = "DuplicateRecords";
    public static final String METRIC_POINTS_DROPPED = "MetricPointsDropped";
    public static final String OBJECTS_MISSING = "ObjectsMissing";
    public static final String LATE_ROWS = "LateRows";

    /** One published metric and the dimension sets it carries. */
    public record Metric(String name, String unit, List<Set<String>> dimensionSets) {
    }

    public static final List<Metric> METRICS = List.of(
            new Metric(INVOCATIONS, COUNT, List.of(BY_ENVIRONMENT, BY_MODEL, BY_PRINCIPAL)),
            new Metric(ERRORS, COUNT, List.of(BY_ENVIRONMENT, BY_MODEL)),
            new Metric(THROTTLES, COUNT, List.of(BY_ENVIRONMENT, BY_MODEL)),
            new Metric(INPUT_TOKENS, COUNT, List.of(BY_ENVIRONMENT, BY_MODEL, BY_PRINCIPAL)),
            new Metric(OUTPUT_TOKENS, COUNT, List.of(BY_ENVIRONMENT, BY_MODEL, BY_PRINCIPAL)),
            new Metric(CACHE_READ_TOKENS, COUNT, List.of(BY_ENVIRONMENT, BY_MODEL)),
            new Metric(CACHE_WRITE_TOKENS, COUNT, List.of(BY_ENVIRONMENT, BY_MODEL)),
            new Metric(ESTIMATED_COST_USD, NONE, List.of(BY_ENVIRONMENT, BY_MODEL, BY_PRINCIPAL)),
            // exact value/count distributions: any percentile is right across objects and replicas
            new Metric(LATENCY_MS, MILLISECONDS, List.of(BY_ENVIRONMENT, BY_MODEL)),
            new Metric(TIME_TO_FIRST_TOKEN_MS, MILLISECONDS, List.of(BY_ENVIRONMENT, BY_MODEL)),
            // means weighted by the invocation count: read with Average
            new Metric(TOKENS_PER_REQUEST, COUNT, List.of(BY_ENVIRONMENT, BY_MODEL)),
            new Metric(COST_PER_REQUEST, NONE, List.of(BY_ENVIRONMENT, BY_MODEL)),
            // the detection box's score of a model's token series
            new Metric(ANOMALY_SCORE, NONE, List.of(BY_MODEL)),
            // per aggregation window (5 minutes by default) of one object, not additive: read with Maximum
            new Metric(UNIQUE_USERS, COUNT, List.of(BY_ENVIRONMENT)),
            // of the principals in one window of one object, the share that called more than one model (0..1)
            new Metric(MODEL_SWITCH_RATE, NONE, List.of(BY_ENVIRONMENT)),
            new Metric(LOG_OBJECTS_PROCESSED, COUNT, List.of(BY_ENVIRONMENT)),
            new Metric(RECORDS_REJECTED, COUNT, List.of(BY_ENVIRONMENT)),
            new Metric(DUPLICATE_RECORDS, COUNT, List.of(BY_ENVIRONMENT)),
            new Metric(METRIC_POINTS_DROPPED, COUNT, List.of(BY_ENVIRONMENT)),
            // announced objects that did not exist under either form of their key
            new Metric(OBJECTS_MISSING, COUNT, List.of(BY_ENVIRONMENT)),
            // rows that reached a window after detection had judged it (the window was judged again)
            new Metric(LATE_ROWS, COUNT, List.of(BY_ENVIRONMENT)));

    private MetricCatalog() {
    }

    public static boolean publishes(String metricName) {
        return METRICS.stream().anyMatch(metric -> metric.name().equals(metricName));
    }

    /** Whether the service publishes this metric with exactly these dimension names. */
    public static boolean publishes(String metricName, Set<String> dimensions) {
        return METRICS.stream().anyMatch(metric -> metric.name().equals(metricName) && metric.dimensionSets().contains(dimensions));
    }

    public static List<String> dimensions() {
        return List.of(ENVIRONMENT, MODEL_ID, PRINCIPAL);
    }
}
