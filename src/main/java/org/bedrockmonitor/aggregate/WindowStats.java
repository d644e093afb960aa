package org.bedrockmonitor.aggregate;

import java.time.Instant;

import org.bedrockmonitor.price.CostBasis;

/**
 * One rollup row: the stats of one time window for one (model, principal, application). Rows are the
 * unit written to the rollup store, merged by reports and evaluated by detection.
 *
 * @param application the application tag from {@code requestMetadata} ("" when untagged)
 * @param priced      false when the model had no row in the pricing table (its cost is 0)
 * @param costBasis   the price book, tier, source region and billing rule the row's cost was computed with
 */
public record WindowStats(
        Instant windowStart,
        int windowSeconds,
        String modelId,
        String principalArn,
        String application,
        boolean priced,
        Stats stats,
        CostBasis costBasis) {

    /** A row priced before price books existed (or by a caller that does not price). */
    public WindowStats(Instant windowStart, int windowSeconds, String modelId, String principalArn, String application,
                       boolean priced, Stats stats) {
        this(windowStart, windowSeconds, modelId, principalArn, application, priced, stats, CostBasis.LEGACY);
    }

    public Instant windowEnd() {
        return windowStart.plusSeconds(windowSeconds);
    }

    public long invocationCount() {
        return stats.invocations;
    }
}
