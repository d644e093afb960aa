package org.bedrockmonitor.metrics;

import static org.bedrockmonitor.metrics.MetricCatalog.*;

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
        Map<String, String> env = Map.of(ENVIRONMENT, environment);
        points.add(MetricPoint.sum(LOG_OBJECTS_PROCESSED, COUNT, env, now, 1));
        if (result.summary().rejected() > 0) {
            points.add(MetricPoint.sum(RECORDS_REJECTED, COUNT, env, now, result.summary().rejected()));
        }
        if (result.summary().duplicates() > 0) {
            points.add(MetricPoint.sum(DUPLICATE_RECORDS, COUNT, env, now, result.summary().duplicates()));
        }
        long dropped = drops.takePending();
        if (dropped > 0) {
            points.add(MetricPoint.sum(METRIC_POINTS_DROPPED, COUNT, env, now, dropped));
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
                points.add(MetricPoint.sum(ANOMALY_SCORE, NONE, modelDimensions(model), run.judgedTo(), score)));
        if (run.lateRows() > 0) {
            points.add(MetricPoint.sum(LATE_ROWS, COUNT, Map.of(ENVIRONMENT, environment),
                    run.judgedTo(), run.lateRows()));
        }
        return points;
    }

    /** The point counting one announced object that does not exist (it is acknowledged unread). */
    public List<MetricPoint> missing() {
        return List.of(MetricPoint.sum(OBJECTS_MISSING, COUNT, Map.of(ENVIRONMENT, environment), Instant.now(), 1));
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
        Map<String, String> env = Map.of(ENVIRONMENT, environment);
        perModel(env, window, all, points);
        byModel.forEach((model, stats) -> perModel(modelDimensions(model), window, stats, points));
        byPrincipal.forEach((principal, stats) -> perPrincipal(principal, window, stats, points));
        long switched = modelsOfPrincipal.values().stream().filter(m -> m.size() > 1).count();
        points.add(MetricPoint.sum(UNIQUE_USERS, COUNT, env, window, modelsOfPrincipal.size()));
        points.add(MetricPoint.sum(MODEL_SWITCH_RATE, NONE, env, window,
                modelsOfPrincipal.isEmpty() ? 0 : (double) switched / modelsOfPrincipal.size()));
    }

    private Map<String, String> modelDimensions(String model) {
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put(ENVIRONMENT, environment);
        dims.put(MODEL_ID, model);
        return dims;
    }

    private static void perModel(Map<String, String> dims, Instant at, Stats s, List<MetricPoint> points) {
        points.add(MetricPoint.sum(INVOCATIONS, COUNT, dims, at, s.invocations));
        points.add(MetricPoint.sum(ERRORS, COUNT, dims, at, s.errors));
        points.add(MetricPoint.sum(THROTTLES, COUNT, dims, at, s.throttles));
        points.add(MetricPoint.sum(INPUT_TOKENS, COUNT, dims, at, s.inputTokens));
        points.add(MetricPoint.sum(OUTPUT_TOKENS, COUNT, dims, at, s.outputTokens));
        points.add(MetricPoint.sum(CACHE_READ_TOKENS, COUNT, dims, at, s.cacheReadTokens));
        points.add(MetricPoint.sum(CACHE_WRITE_TOKENS, COUNT, dims, at, s.cacheWriteTokens));
        points.add(MetricPoint.sum(ESTIMATED_COST_USD, NONE, dims, at, s.costUsd));
        distribution(LATENCY_MS, dims, at, s.latencyMs, points);
        distribution(TIME_TO_FIRST_TOKEN_MS, dims, at, s.timeToFirstTokenMs, points);
        if (s.invocations > 0) {
            points.add(new MetricPoint(TOKENS_PER_REQUEST, COUNT, dims, at,
                    List.of((double) s.totalTokens() / s.invocations), List.of((double) s.invocations)));
            points.add(new MetricPoint(COST_PER_REQUEST, NONE, dims, at,
                    List.of(s.costUsd / s.invocations), List.of((double) s.invocations)));
        }
    }

    private void perPrincipal(String principal, Instant at, Stats s, List<MetricPoint> points) {
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put(ENVIRONMENT, environment);
        dims.put(PRINCIPAL, principal.isEmpty() ? "unknown" : principal);
        points.add(MetricPoint.sum(INVOCATIONS, COUNT, dims, at, s.invocations));
        points.add(MetricPoint.sum(ESTIMATED_COST_USD, NONE, dims, at, s.costUsd));
        points.add(MetricPoint.sum(INPUT_TOKENS, COUNT, dims, at, s.inputTokens));
        points.add(MetricPoint.sum(OUTPUT_TOKENS, COUNT, dims, at, s.outputTokens));
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
        points.add(new MetricPoint(name, MILLISECONDS, dims, at, values, counts));
    }
}
