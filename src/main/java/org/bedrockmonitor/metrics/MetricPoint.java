package org.bedrockmonitor.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric value (or value/count distribution) to publish: the form both the CloudWatch API and the
 * Embedded Metric Format lines are made from.
 *
 * @param unit       a CloudWatch unit name (Count, Milliseconds, None, Percent)
 * @param dimensions dimension name to value, in publishing order
 * @param values     the values; with {@code counts}, how often each occurred (a distribution)
 */
public record MetricPoint(String name, String unit, Map<String, String> dimensions, Instant timestamp,
                          List<Double> values, List<Double> counts) {

    public MetricPoint {
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        values = List.copyOf(values);
        counts = List.copyOf(counts);
    }

    public static MetricPoint sum(String name, String unit, Map<String, String> dimensions, Instant timestamp,
                                  double value) {
        return new MetricPoint(name, unit, dimensions, timestamp, List.of(value), List.of(1.0));
    }
}
