package org.bedrockmonitor.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.ValueHistogram;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.detect.DetectionRun;
import org.bedrockmonitor.ingest.ObjectResult;

/**
 * Turns one committed object into the metric points of {@link MetricCatalog}, timestamped at the start
 * of each aggregation window so late objects land on the minute their records happened. Every value is
 * additive across objects and replicas (CloudWatch sums them): counts as sums, latencies as the exact
 * value/count distribution (so percentiles stay right), per-request figures as their mean weighted by
 * the invocation count.
 * <p>
 * Two figures are per object and not additive: {@code UniqueUsers} (distinct principals in the object's
 * window; read it with the Maximum statistic) and {@code ModelSwitchRate} (of the principals in the
 * object's window, the share that called more than one model in it, 0..1; read with Average).
 */
public final class ObjectMetrics {

    private final String environment;
    private final TopPrincipals topPrincipals;
    private final MetricsDrops drops;
    public ObjectMetrics(String environment, TopPrincipals topPrincipals, MetricsDrops drops) {
        this.environment = environment;
        this.topPrincipals = topPrincipals;
        this.drops = drops;
    }

    public List<MetricPoint> points(ObjectResult result) {
        List<MetricPoint> points = new ArrayList<>();
        Instant now = result.latest() == null ? Instant.now() : result.latest();
        Map<String, String> env = Map.of(MetricCatalog.ENVIRONMENT, environment);
        points.add(MetricPoint.sum("LogObjectsProcessed", "Count", env, now, 1));
        if (result.summary().rejected() > 0) {
            points.add(MetricPoint.sum("RecordsRejected", "Count", env, now, result.summary().rejected()));
        }
        if (result.summary().duplicates() > 0) {
            points.add(MetricPoint.sum("DuplicateRecords", "Count", env, now, result.summary().duplicates()));
        }
        long dropped = drops.takePending();
        if (dropped > 0) {
            points.add(MetricPoint.sum("MetricPointsDropped", "Count", env, now, dropped));
        }

        Map<Instant, List<WindowStats>> byWindow = new TreeMap<>();
        result.windows().forEach(row -> byWindow.computeIfAbsent(row.windowStart(), k -> new ArrayList<>()).add(row));
        byWindow.forEach((window, rows) -> window(window, rows, points));
        return points;
    }

    /**
     * The latest anomaly score of each model and the late rows of one detection run, at the last window
     * it judged. A score is a level, not a count: a replica that publishes it again for the same window
     * changes no statistic but the sample count.
     */
    public List<MetricPoint> detectionPoints(DetectionRun.Result run) {
        List<MetricPoint> points = new ArrayList<>();
        if (run.judgedTo() == null) {
            return points;
        }
        run.anomalyScores().forEach((model, score) ->
                points.add(MetricPoint.sum("AnomalyScore", "None", modelDimensions(model), run.judgedTo(), score)));
        if (run.lateRows() > 0) {
            points.add(MetricPoint.sum("LateRows", "Count", Map.of(MetricCatalog.ENVIRONMENT, environment),
                    run.judgedTo(), run.lateRows()));
        }
        return points;
    }

    private void window(Instant window, List<WindowStats> rows, List<MetricPoint> points) {
        Stats all = new Stats();
        Map<String, Stats> byModel = new TreeMap<>();
        Map<String, Stats> byPrincipal = new TreeMap<>();
        Map<String, Set<String>> modelsOfPrincipal = new HashMap<>();
        for (WindowStats row : rows) {
            all.merge(row.stats());
            byModel.computeIfAbsent(row.modelId(), k -> new Stats()).merge(row.stats());
            // per-principal metrics are counts only: no latency distribution to merge
            byPrincipal.computeIfAbsent(topPrincipals.seriesOf(row.principalArn()), k -> new Stats()).mergeCounts(row.stats());
            modelsOfPrincipal.computeIfAbsent(row.principalArn(), k -> new HashSet<>()).add(row.modelId());
        }
        Map<String, String> env = Map.of(MetricCatalog.ENVIRONMENT, environment);
        perModel(env, window, all, points);
        byModel.forEach((model, stats) -> perModel(modelDimensions(model), window, stats, points));
        byPrincipal.forEach((principal, stats) -> perPrincipal(principal, window, stats, points));
        long switched = modelsOfPrincipal.values().stream().filter(m -> m.size() > 1).count();
        points.add(MetricPoint.sum("UniqueUsers", "Count", env, window, modelsOfPrincipal.size()));
        points.add(MetricPoint.sum("ModelSwitchRate", "None", env, window,
                modelsOfPrincipal.isEmpty() ? 0 : (double) switched / modelsOfPrincipal.size()));
    }

    private Map<String, String> modelDimensions(String model) {
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put(MetricCatalog.ENVIRONMENT, environment);
        dims.put(MetricCatalog.MODEL_ID, model);
        return dims;
    }

    private static void perModel(Map<String, String> dims, Instant at, Stats s, List<MetricPoint> points) {
        points.add(MetricPoint.sum("Invocations", "Count", dims, at, s.invocations));
        points.add(MetricPoint.sum("Errors", "Count", dims, at, s.errors));
        points.add(MetricPoint.sum("Throttles", "Count", dims, at, s.throttles));
        points.add(MetricPoint.sum("InputTokens", "Count", dims, at, s.inputTokens));
        points.add(MetricPoint.sum("OutputTokens", "Count", dims, at, s.outputTokens));
        points.add(MetricPoint.sum("CacheReadTokens", "Count", dims, at, s.cacheReadTokens));
        points.add(MetricPoint.sum("CacheWriteTokens", "Count", dims, at, s.cacheWriteTokens));
        points.add(MetricPoint.sum("EstimatedCostUsd", "None", dims, at, s.costUsd));
        distribution("LatencyMs", dims, at, s.latencyMs, points);
        distribution("TimeToFirstTokenMs", dims, at, s.timeToFirstTokenMs, points);
        if (s.invocations > 0) {
            points.add(new MetricPoint("TokensPerRequest", "Count", dims, at,
                    List.of((double) s.totalTokens() / s.invocations), List.of((double) s.invocations)));
            points.add(new MetricPoint("CostPerRequest", "None", dims, at,
                    List.of(s.costUsd / s.invocations), List.of((double) s.invocations)));
        }
    }

    private void perPrincipal(String principal, Instant at, Stats s, List<MetricPoint> points) {
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put(MetricCatalog.ENVIRONMENT, environment);
        dims.put(MetricCatalog.PRINCIPAL, principal.isEmpty() ? "unknown" : principal);
        points.add(MetricPoint.sum("Invocations", "Count", dims, at, s.invocations));
        points.add(MetricPoint.sum("EstimatedCostUsd", "None", dims, at, s.costUsd));
        points.add(MetricPoint.sum("InputTokens", "Count", dims, at, s.inputTokens));
        points.add(MetricPoint.sum("OutputTokens", "Count", dims, at, s.outputTokens));
    }

    private static void distribution(String name, Map<String, String> dims, Instant at, ValueHistogram histogram,
                                     List<MetricPoint> points) {
        if (histogram.isEmpty()) {
            return;
        }
        List<Double> values = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        long[] distinct = histogram.distinctValues();
        long[] n = histogram.valueCounts();
        for (int i = 0; i < distinct.length; i++) {
            values.add((double) distinct[i]);
            counts.add((double) n[i]);
        }
        points.add(new MetricPoint(name, "Milliseconds", dims, at, values, counts));
    }
}
