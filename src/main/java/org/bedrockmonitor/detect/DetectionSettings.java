package org.bedrockmonitor.detect;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/**
 * Every threshold of the detection rules. The defaults are the seed's documented values where it gives
 * one; {@link DetectionConfiguration} fills the fields from the {@code monitor.alert.*} properties, whose
 * comments in application.properties are the operator's documentation.
 */
public final class DetectionSettings {

    public int windowSeconds = 300;
    /** A window is judged once its end plus this much wall-clock time has passed (log delivery delay). */
    public Duration allowedLateness = Duration.ofSeconds(120);
    /** A condition resolves after this many clear windows in a row. */
    public int resolveAfterWindows = 2;
    /** Alerts about windows older than this are recorded but not published (a backfill does not page). */
    public Duration notifyMaxAge = Duration.ofHours(24);
    /** One-sided confidence of the failure-rate bound the rate rules compare (one failure in three is not 33%). */
    public double rateConfidence = 0.99;

    public double errorRatePercent = 5.0;
    public Duration errorRateSustained = Duration.ofMinutes(10);

    /** The latency rule needs this many latencies in a window (a p95 of five calls means nothing). */
    public long latencyMinRequests = 20;
    public double latencyAverageMs = 30_000;
    public double latencyP95Ms = 60_000;

    public double successRatePercent = 95.0;
    public Duration successRatePeriod = Duration.ofMinutes(60);

    public double tokenSpikePercent = 150.0;
    public int tokenSpikeBaselineWindows = 12;
    public int tokenSpikeSustainedWindows = 3;
    public long tokenSpikeMinTokens = 10_000;
    /** The excess must also be beyond the series' own noise (robust standard deviations). */
    public double tokenSpikeMinScore = 3.0;

    public double usageSpikePercent = 200.0;
    public int usageSpikeWarmupHours = 6;
    public long usageSpikeMinTokens = 100_000;

    /** Windows of history a baseline needs before its rules may fire. */
    public int warmupWindows = 12;

    public double monthlyBudgetUsd = 0;
    public double budgetPercent = 80.0;
    /** The calendar months of the budget are those of the report time zone, as in the reports. */
    public ZoneId budgetZone = ZoneId.of("UTC");

    public Set<String> approvedModels = Set.of();
    public double expensiveOutputPricePer1k = 0.05;
    public Set<String> expensiveModelPrincipals = Set.of();

    public long serviceErrorsThreshold = 5;

    public Duration ingestionStall = Duration.ofMinutes(30);
    public long ingestionMinExpectedInvocations = 10;

    public double anomalyThreshold = 2.0;
    public int anomalySustainedWindows = 4;
    public int anomalyBaselineWindows = 24;
    public int anomalyLocationWindows = 12;
    public int anomalyMinWeeks = 3;
    public int anomalyHistoryWeeks = 4;
    public double anomalyMinRelativeDeviation = 0.15;

    public Duration cooldown = Duration.ofMinutes(60);
    public Duration correlation = Duration.ofMinutes(10);

    int windowsCovering(Duration span) {
        return (int) Math.max(1, (span.toSeconds() + windowSeconds - 1) / windowSeconds);
    }
}
