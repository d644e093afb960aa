package org.bedrockmonitor.aggregate;

import java.util.Map;
import java.util.TreeMap;

import org.bedrockmonitor.parse.InvocationRecord;
import org.bedrockmonitor.price.Priced;

/**
 * Mergeable counters for a set of invocations: the {@code Stats} of summary.json and of every rollup
 * row. Mutable on purpose (it is the accumulator on the per-record hot path); share it only after it is
 * complete. Token sums saturate at {@link Long#MAX_VALUE} instead of wrapping to a negative number: a
 * record carries at most 10^12 tokens of each kind, so only millions of records at that bound reach it,
 * and a total pinned at the maximum is visibly not a real one.
 */
public final class Stats {

    public long invocations;
    public long errors;
    public long throttles;
    public long serverErrors;
    public long inputTokens;
    public long outputTokens;
    public long cacheReadTokens;
    public long cacheWriteTokens;
    public double costUsd;
    /** Guardrail policy units, priced apart from the model's tokens (as AWS bills them). */
    public double guardrailCostUsd;
    /** The part of {@code cacheWriteTokens} billed as written with a 1-hour TTL. */
    public long cacheWrite1hTokens;
    /** Images billed: generated, or sent to an embedding model. */
    public long images;
    /** Tokens that failed calls logged: counted above, billed by nobody (a reprice leaves them out). */
    public long unbilledInputTokens;
    public long unbilledOutputTokens;
    public long unbilledCacheReadTokens;
    public long unbilledCacheWriteTokens;
    public long guardrailInterventions;
    public final ValueHistogram latencyMs = new ValueHistogram();
    public final ValueHistogram timeToFirstTokenMs = new ValueHistogram();
    /** Error codes (throttling included) and how often each occurred. */
    public final Map<String, Long> errorCodes = new TreeMap<>();
    /**
     * The exact sums behind {@code costUsd} and {@code guardrailCostUsd} once this merged others: a sum of
     * doubles depends on the order of its terms, an exact sum rounded once does not, so totals merged
     * from the same rows in any order (objects finishing in any order, one replica or three) are equal.
     */
    private ExactSum exactCost;
    private ExactSum exactGuardrailCost;
    /** What {@code costUsd} and {@code guardrailCostUsd} were set to from the exact sums. */
    private double roundedCost;
    private double roundedGuardrailCost;

    public void add(InvocationRecord record, Priced priced) {
        add(record, priced.costUsd());
        guardrailCostUsd += priced.guardrailCostUsd();
        images += priced.images();
        if (!priced.failed()) {
            cacheWrite1hTokens += Math.min(record.cacheWriteTokens(), Math.max(0, record.billing().cacheWrite1hTokens()));
        } else {
            unbilledInputTokens += record.inputTokens();
            unbilledOutputTokens += record.outputTokens();
            unbilledCacheReadTokens += record.cacheReadTokens();
            unbilledCacheWriteTokens += record.cacheWriteTokens();
        }
    }

    public void add(InvocationRecord record, double cost) {
        invocations++;
        if (record.errorCode() != null) {
            if (record.throttled()) {
                throttles++;
            } else {
                errors++;
            }
            if (ErrorCodes.isServerSide(record.errorCode())) {
                serverErrors++;
            }
            errorCodes.merge(record.errorCode(), 1L, Long::sum);
        }
        inputTokens = plus(inputTokens, record.inputTokens());
        outputTokens = plus(outputTokens, record.outputTokens());
        cacheReadTokens = plus(cacheReadTokens, record.cacheReadTokens());
        cacheWriteTokens = plus(cacheWriteTokens, record.cacheWriteTokens());
        costUsd += cost;
        if (record.guardrailIntervened()) {
            guardrailInterventions++;
        }
        if (record.latencyMs() != InvocationRecord.UNKNOWN) {
            latencyMs.add(record.latencyMs());
        }
        if (record.timeToFirstTokenMs() != InvocationRecord.UNKNOWN) {
            timeToFirstTokenMs.add(record.timeToFirstTokenMs());
        }
    }

    public Stats merge(Stats other) {
        mergeCounts(other);
        latencyMs.merge(other.latencyMs);
        timeToFirstTokenMs.merge(other.timeToFirstTokenMs);
        return this;
    }

    /**
     * Merges everything but the two latency distributions: totals that never ask for a percentile skip
     * the only part of a merge whose cost grows with the data.
     */
    public Stats mergeCounts(Stats other) {
        invocations += other.invocations;
        errors += other.errors;
        throttles += other.throttles;
        serverErrors += other.serverErrors;
        inputTokens = plus(inputTokens, other.inputTokens);
        outputTokens = plus(outputTokens, other.outputTokens);
        cacheReadTokens = plus(cacheReadTokens, other.cacheReadTokens);
        cacheWriteTokens = plus(cacheWriteTokens, other.cacheWriteTokens);
        if (Double.isFinite(costUsd) && Double.isFinite(other.costUsd)) {
            ExactSum sum = exact(exactCost, roundedCost, costUsd);
            sum.add(other == this ? sum.copy() : exact(other.exactCost, other.roundedCost, other.costUsd));
            exactCost = sum;
            costUsd = roundedCost = sum.value();
        } else {
            costUsd += other.costUsd;
        }
        if (Double.isFinite(guardrailCostUsd) && Double.isFinite(other.guardrailCostUsd)) {
            ExactSum sum = exact(exactGuardrailCost, roundedGuardrailCost, guardrailCostUsd);
            sum.add(other == this ? sum.copy()
                    : exact(other.exactGuardrailCost, other.roundedGuardrailCost, other.guardrailCostUsd));
            exactGuardrailCost = sum;
            guardrailCostUsd = roundedGuardrailCost = sum.value();
        } else {
            guardrailCostUsd += other.guardrailCostUsd;
        }
        cacheWrite1hTokens += other.cacheWrite1hTokens;
        images += other.images;
        unbilledInputTokens += other.unbilledInputTokens;
        unbilledOutputTokens += other.unbilledOutputTokens;
        unbilledCacheReadTokens += other.unbilledCacheReadTokens;
        unbilledCacheWriteTokens += other.unbilledCacheWriteTokens;
        guardrailInterventions += other.guardrailInterventions;
        other.errorCodes.forEach((code, n) -> errorCodes.merge(code, n, Long::sum));
        return this;
    }

    /**
     * The exact value behind a sum, or the double itself when it changed since (a record added, a field
     * set). Only this Stats' own sum is returned for changing; the other's is only read.
     */
    private static ExactSum exact(ExactSum sum, double rounded, double value) {
        return sum != null && rounded == value ? sum : ExactSum.of(value);
    }

    public long totalTokens() {
        return plus(plus(inputTokens, outputTokens), plus(cacheReadTokens, cacheWriteTokens));
    }

    /** {@code a + b}, or the nearest bound when the exact sum is outside the range of a long. */
    public static long plus(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** Share of invocations that neither failed nor were throttled, 1.0 when there were none. */
    public double successRate() {
        return invocations == 0 ? 1.0 : (double) (invocations - errors - throttles) / invocations;
    }

    public double errorRate() {
        return invocations == 0 ? 0.0 : (double) (errors + throttles) / invocations;
    }
}
