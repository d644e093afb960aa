package org.bedrockmonitor.detect;

import java.time.Duration;
import java.util.Set;

/**
 * Every threshold of the detection rules. The defaults are the seed's documented values where it gives
 * one; {@link DetectionConfiguration} fills the fields from the {@code monitor.alert.*} properties, whose
 * comments in application.properties are the operator's documentation.
 */
public final class DetectionSettings {

    public int windowSeconds = 300;
    /** A window is evaluated once the newest window seen ends this much later (late objects). */
    public Duration grace = Duration.ofMinutes(10);
    /** Rate and latency rules ignore windows with fewer invocations (one failure in three is not 33%). */
    public long minRequests = 50;

    public double errorRatePercent = 5.0;
    public Duration errorRateSustained = Duration.ofMinutes(10);
    /** Three failures in sixty calls is 5% but also ordinary bad luck at a 1% base rate. */
    public long errorRateMinFailures = 10;

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

    int windowsCovering(Duration span) {
        return (int) Math.max(1, (span.toSeconds() + windowSeconds - 1) / windowSeconds);
    }
}
