package org.bedrockmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.ingest.ObjectKind;
import org.bedrockmonitor.ingest.ObjectLedger;
import org.bedrockmonitor.ingest.ObjectLedgerBusyException;
import org.bedrockmonitor.ingest.ObjectLedgerFolderStore;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.ingest.S3NotificationObject;
import org.bedrockmonitor.metrics.CloudWatchBatches;
import org.bedrockmonitor.metrics.MetricCatalog;
import org.bedrockmonitor.metrics.MetricPoint;
import org.bedrockmonitor.metrics.MetricsDrops;
import org.bedrockmonitor.metrics.ObjectMetrics;
import org.bedrockmonitor.metrics.TopPrincipals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** Pure logic of the metrics box and the object ledger. */
class MetricsAndLedgerTest {

    static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");

    static WindowStats row(String model, String principal, long invocations, long... latencies) {
        Stats stats = new Stats();
        stats.invocations = invocations;
        stats.inputTokens = invocations * 10;
        stats.outputTokens = invocations * 5;
        stats.costUsd = invocations * 0.01;
        for (long latency : latencies) {
            stats.latencyMs.add(latency);
        }
        return new WindowStats(T0, 300, model, principal, "", true, stats);
    }

    static ObjectResult result(List<WindowStats> rows) {
        long invocations = rows.stream().mapToLong(r -> r.stats().invocations).sum();
        return new ObjectResult("s3://b/k", ObjectKind.INVOCATION_LOG,
                new ObjectSummary("s3://b/k", "INVOCATION_LOG", invocations, invocations, 0, 0, 0, 0),
                rows, List.of(), List.of(), List.of(), T0, T0.plusSeconds(60), "k", null);
    }

    static double value(List<MetricPoint> points, String name, Map<String, String> dims) {
        return points.stream().filter(p -> p.name().equals(name) && p.dimensions().equals(dims))
                .mapToDouble(p -> {
                    double sum = 0;
                    for (int i = 0; i < p.values().size(); i++) {
                        sum += p.values().get(i) * p.counts().get(i);
                    }
                    return sum;
                }).sum();
    }

    /**
     * MetricCatalog is the single source of metric names (the dashboards and alarms are checked against it):
     * what ObjectMetrics really emits, for an object that exercises every branch, is exactly the catalogue,
     * name, unit and dimension set.
     */
    @Test
    void whatObjectMetricsPublishesIsExactlyTheMetricCatalogue() {
        MetricsDrops drops = new MetricsDrops();
        drops.dropped(List.of(MetricDatum.builder().metricName("lost").value(1.0).build()), null);
        ObjectMetrics metrics = new ObjectMetrics("prod", new TopPrincipals(10), drops, () -> Map.of("m1", 2.5));
        WindowStats streamed = row("m1", "alice", 3, 900, 1200);
        streamed.stats().timeToFirstTokenMs.add(150);
        List<WindowStats> rows = List.of(streamed, row("m2", "bob", 2, 400));
        ObjectResult object = new ObjectResult("s3://b/k", ObjectKind.INVOCATION_LOG,
                new ObjectSummary("s3://b/k", "INVOCATION_LOG", 7, 5, 1, 1, 0, 0),
                rows, List.of(), List.of(), List.of(), T0, T0.plusSeconds(60), "k", null);

        List<MetricPoint> points = new ArrayList<>(metrics.points(object));
        points.addAll(metrics.missing());

        java.util.Set<String> published = new java.util.TreeSet<>();
        points.forEach(point -> published.add(point.name() + " " + point.unit() + " " + new java.util.TreeSet<>(point.dimensions().keySet())));
        java.util.Set<String> catalogue = new java.util.TreeSet<>();
        MetricCatalog.METRICS.forEach(metric -> metric.dimensionSets().forEach(dimensions ->
                catalogue.add(metric.name() + " " + metric.unit() + " " + new java.util.TreeSet<>(dimensions))));
        assertThat(published).containsExactlyElementsOf(catalogue);
    }

    @Test
    void modelSwitchRateIsTheShareOfPrincipalsWhoCalledMoreThanOneModel() {
        ObjectMetrics metrics = new ObjectMetrics("prod", new TopPrincipals(10), new MetricsDrops(), Map::of);
        List<MetricPoint> points = metrics.points(result(List.of(
                row("m1", "alice", 3), row("m2", "alice", 1), row("m1", "bob", 2), row("m1", "carol", 1),
                row("m3", "dave", 1))));

        assertThat(value(points, "UniqueUsers", Map.of("Environment", "prod"))).isEqualTo(4);
        assertThat(value(points, "ModelSwitchRate", Map.of("Environment", "prod"))).isEqualTo(0.25);
        assertThat(value(points, "Invocations", Map.of("Environment", "prod"))).isEqualTo(8);
        assertThat(value(points, "Invocations", Map.of("Environment", "prod", "ModelId", "m1"))).isEqualTo(6);
        assertThat(value(points, "TokensPerRequest", Map.of("Environment", "prod", "ModelId", "m1"))).isEqualTo(15 * 6);
    }

    @Test
    void principalsBeyondTheTopNArePublishedAsOther() {
        ObjectMetrics metrics = new ObjectMetrics("prod", new TopPrincipals(2), new MetricsDrops(), Map::of);
        List<MetricPoint> points = metrics.points(result(List.of(
                row("m1", "a", 1), row("m1", "b", 2), row("m1", "c", 4), row("m1", "d", 8))));

        List<String> principals = points.stream().filter(p -> p.dimensions().containsKey("Principal"))
                .map(p -> p.dimensions().get("Principal")).distinct().sorted().toList();
        assertThat(principals).containsExactly("a", "b", "other");
        assertThat(value(points, "Invocations", Map.of("Environment", "prod", "Principal", "other"))).isEqualTo(12);
    }

    @Test
    void latenciesArePublishedAsTheirExactDistributionAndAnomalyScoresWhenDetectionHasThem() {
        ObjectMetrics metrics = new ObjectMetrics("prod", new TopPrincipals(10), new MetricsDrops(),
                () -> Map.of("m1", 3.5));
        List<MetricPoint> points = metrics.points(result(List.of(row("m1", "a", 4, 100, 100, 250, 900))));

        MetricPoint latency = points.stream().filter(p -> p.name().equals("LatencyMs")
                && p.dimensions().containsKey("ModelId")).findFirst().orElseThrow();
        assertThat(latency.values()).containsExactly(100.0, 250.0, 900.0);
        assertThat(latency.counts()).containsExactly(2.0, 1.0, 1.0);
        assertThat(value(points, "AnomalyScore", Map.of("Environment", "prod", "ModelId", "m1"))).isEqualTo(3.5);
    }

    @Test
    void batchesRespectTheThousandDatumAndHundredFiftyValueLimits() {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            points.add(MetricPoint.sum("Invocations", "Count", Map.of("Environment", "e"), T0, i));
        }
        List<Double> values = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            values.add((double) i);
            counts.add(2.0);
        }
        points.add(new MetricPoint("LatencyMs", "Milliseconds", Map.of("Environment", "e"), T0, values, counts));

        List<List<MetricDatum>> batches = CloudWatchBatches.of(points);

        assertThat(batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(1000));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(2500 + 3);
        assertThat(batches.stream().flatMap(List::stream).filter(d -> d.metricName().equals("LatencyMs"))
                .mapToInt(d -> d.values().size())).containsExactly(150, 150, 100);
    }

    @Test
    void theLedgerClaimsOnceSkipsDoneObjectsAndTakesOverExpiredClaims(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        ObjectLedgerFolderStore store = new ObjectLedgerFolderStore(dir);
        ObjectLedger replicaA = new ObjectLedger(store, Duration.ofSeconds(60), clock);
        ObjectLedger replicaB = new ObjectLedger(store, Duration.ofSeconds(60), clock);
        String key = ObjectLedger.keyOf(new S3NotificationObject("b", "k", "etag1", 10L, null));
        String otherVersion = ObjectLedger.keyOf(new S3NotificationObject("b", "k", "etag2", 10L, null));

        assertThat(replicaA.add(key)).isTrue();
        assertThatThrownBy(() -> replicaB.add(key)).isInstanceOf(ObjectLedgerBusyException.class);
        assertThat(replicaB.add(otherVersion)).isTrue();
        clock.now = clock.now.plusSeconds(61);
        assertThat(replicaB.add(key)).isTrue();
        assertThat(replicaA.remove(key)).isFalse();
        replicaB.confirm(key);
        assertThat(replicaA.add(key)).isFalse();
        assertThat(replicaA.contains(key)).isTrue();

        assertThat(replicaA.remove(otherVersion)).isFalse();
        assertThat(replicaB.remove(otherVersion)).isTrue();
        assertThat(replicaA.add(otherVersion)).isTrue();
    }

    static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
