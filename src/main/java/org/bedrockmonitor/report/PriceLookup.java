package org.bedrockmonitor.report;

import java.time.Instant;
import java.util.List;

/**
 * List prices the reports need to reprice traffic (cache savings, what-if). The pricing bean of the core
 * pipeline implements it; region prefixes and version suffixes resolve as they do for pricing itself.
 */
public interface PriceLookup {

    /**
     * USD per 1,000 tokens of each kind; a cache rate of 0 means the model has no prompt caching.
     * {@code cacheWritePer1k} is the 5-minute write rate, {@code cacheWrite1hPer1k} the 1-hour one.
     */
    record ModelPrice(double inputPer1k, double outputPer1k, double cacheReadPer1k, double cacheWritePer1k,
                      double cacheWrite1hPer1k) {

        /** A price whose 1-hour cache writes cost what 5-minute ones do. */
        public ModelPrice(double inputPer1k, double outputPer1k, double cacheReadPer1k, double cacheWritePer1k) {
            this(inputPer1k, outputPer1k, cacheReadPer1k, cacheWritePer1k, cacheWritePer1k);
        }

        public double costUsd(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
            return (inputTokens * inputPer1k + outputTokens * outputPer1k
                    + cacheReadTokens * cacheReadPer1k + cacheWriteTokens * cacheWritePer1k) / 1000.0;
        }

        public boolean supportsCaching() {
            return cacheReadPer1k > 0;
        }
    }

    /** The prices of a model id, or null when the model is not in the pricing table. */
    ModelPrice priceOf(String modelId);

    /** Provisioned throughput bought for [from, to), where the pricing table gives the model units. */
    default List<Commitment> commitments(Instant from, Instant to) {
        return List.of();
    }

    /** {@code modelUnits} of {@code provisionedModel} (serving {@code modelId}) at {@code usdPerUnitHour} for {@code hours}. */
    record Commitment(String provisionedModel, String modelId, int modelUnits, double usdPerUnitHour, double hours,
                      double commitmentUsd, String priceBook) {
    }

    /** No prices known: every model is unpriced, so repricing sections say so instead of guessing. */
    PriceLookup NONE = modelId -> null;
}
