package org.bedrockmonitor.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;

/**
 * The same metric points as CloudWatch Embedded Metric Format lines: one JSON object per point, which
 * CloudWatch Logs turns into metrics when the lines reach a log group (or which a folder keeps locally).
 * A distribution is written as its values repeated by their counts, at most {@value #MAX_VALUES} per line.
 */
public final class EmfLines {

    static final int MAX_VALUES = 100;

    private final String namespace;

    public EmfLines(String namespace) {
        this.namespace = namespace;
    }

    public String lines(List<MetricPoint> points) {
        StringBuilder out = new StringBuilder();
        for (MetricPoint point : points) {
            List<Double> expanded = new ArrayList<>();
            for (int i = 0; i < point.values().size(); i++) {
                for (long n = 0; n < Math.round(point.counts().get(i)); n++) {
                    expanded.add(point.values().get(i));
                }
            }
            for (int from = 0; from < expanded.size(); from += MAX_VALUES) {
                out.append(line(point, expanded.subList(from, Math.min(expanded.size(), from + MAX_VALUES))))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** Prints EMF lines on stdout (monitor.metrics.mode=emf in a container: the log driver ships them). */
    public void print(String lines) {
        System.out.print(lines);
        System.out.flush();
    }

    private String line(MetricPoint point, List<Double> values) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", point.timestamp().toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        point.dimensions().keySet().forEach(dimensionSet::add);
        ObjectNode metric = directive.putArray("Metrics").addObject();
        metric.put("Name", point.name());
        metric.put("Unit", point.unit());
        for (Map.Entry<String, String> d : point.dimensions().entrySet()) {
            root.put(d.getKey(), d.getValue());
        }
        if (values.size() == 1) {
            root.put(point.name(), values.get(0));
        } else {
            ArrayNode array = root.putArray(point.name());
            values.forEach(array::add);
        }
        return root.toString();
    }
}
