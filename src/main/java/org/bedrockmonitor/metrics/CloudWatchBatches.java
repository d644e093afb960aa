package org.bedrockmonitor.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Packs metric points into PutMetricData requests within CloudWatch's limits: at most
 * {@value #MAX_DATUMS} data (metrics) and under 1 MB per request, at most {@value #MAX_VALUES} distinct
 * values per datum (a longer distribution is split over several data).
 */
public final class CloudWatchBatches {

    public static final int MAX_DATUMS = 1000;
    public static final int MAX_VALUES = 150;
    /** Below the 1 MB request limit with room for the envelope; sizes are estimated generously. */
    static final int MAX_REQUEST_BYTES = 900_000;

    private CloudWatchBatches() {
    }

    public static List<List<MetricDatum>> of(List<MetricPoint> points) {
        List<List<MetricDatum>> batches = new ArrayList<>();
        List<MetricDatum> batch = new ArrayList<>();
        int bytes = 0;
        for (MetricPoint point : points) {
            for (int from = 0; from < point.values().size(); from += MAX_VALUES) {
                int to = Math.min(point.values().size(), from + MAX_VALUES);
                MetricDatum datum = datum(point, from, to);
                int size = estimatedBytes(point, to - from);
                if (!batch.isEmpty() && (batch.size() == MAX_DATUMS || bytes + size > MAX_REQUEST_BYTES)) {
                    batches.add(batch);
                    batch = new ArrayList<>();
                    bytes = 0;
                }
                batch.add(datum);
                bytes += size;
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static MetricDatum datum(MetricPoint point, int from, int to) {
        List<Dimension> dimensions = new ArrayList<>();
        for (Map.Entry<String, String> d : point.dimensions().entrySet()) {
            dimensions.add(Dimension.builder().name(d.getKey()).value(d.getValue()).build());
        }
        return MetricDatum.builder()
                .metricName(point.name())
                .unit(StandardUnit.fromValue(point.unit()))
                .timestamp(point.timestamp())
                .dimensions(dimensions)
                .values(point.values().subList(from, to))
                .counts(point.counts().subList(from, to))
                .build();
    }

    private static int estimatedBytes(MetricPoint point, int values) {
        int bytes = 64 + point.name().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, String> d : point.dimensions().entrySet()) {
            bytes += 16 + d.getKey().getBytes(StandardCharsets.UTF_8).length
                    + d.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes + values * 20;
    }
}
