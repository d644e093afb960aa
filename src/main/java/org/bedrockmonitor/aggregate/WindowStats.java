package org.bedrockmonitor.aggregate;

import java.time.Instant;

/**
 * One rollup row: the stats of one time window for one (model, principal, application). Rows are the
 * unit written to the rollup store, merged by reports and evaluated by detection.
 *
 * @param application the application tag from {@code requestMetadata} ("" when untagged)
 * @param priced      false when the model had no row in the pricing table (its cost is 0)
 */
public record WindowStats(
        Instant windowStart,
        int windowSeconds,
        String modelId,
        String principalArn,
        String application,
        boolean priced,
        Stats stats) {

    public Instant windowEnd() {
        return windowStart.plusSeconds(windowSeconds);
    }

    public long invocationCount() {
        return stats.invocations;
    }
}
