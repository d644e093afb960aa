package org.bedrockmonitor.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * Counts metric points given up after every retry failed, so none is lost silently: each drop is logged
 * and the total is published as {@code MetricPointsDropped} with the next object's metrics.
 */
public final class MetricsDrops {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsDrops.class);

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    public void dropped(List<MetricDatum> batch, Exception cause) {
        long points = batch.stream().mapToLong(d -> d.hasValues() ? d.values().size() : 1).sum();
        pending.addAndGet(points);
        total.addAndGet(points);
        LOG.error("CloudWatch rejected {} metric points after all retries ({}); counted in MetricPointsDropped",
                points, cause == null ? "unknown cause" : cause.getMessage());
    }

    /** Dropped points not yet reported; resets the pending count. */
    public long takePending() {
        return pending.getAndSet(0);
    }

    public long total() {
        return total.get();
    }
}
