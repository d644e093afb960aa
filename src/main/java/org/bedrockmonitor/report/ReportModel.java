package org.bedrockmonitor.report;

import java.time.Instant;
import java.util.List;

/**
 * Everything one report shows, computed from rollups by {@link ReportBuilder} and rendered by the
 * templates; archived as JSON next to the HTML. Exactly one of the sections is set, matching
 * {@code type}. Values taken from logs (ARNs, model ids, tags, IPs, user agents) are raw here: the HTML
 * templates escape them.
 */
public record ReportModel(
        String type,
        String title,
        String subject,
        String environment,
        String periodLabel,
        String periodText,
        Instant from,
        Instant to,
        String timeZone,
        Instant generatedAt,
        Technical technical,
        Executive executive,
        Security security,
        Cost cost,
        List<String> definitions,
        List<String> dataNotes) {

    /** How the figures every report shares are defined, stated at the foot of each report. */
    public static final List<String> DEFINITIONS = List.of(
            "Tokens: input + output + cache read + cache write, failed calls included (the tokens they logged).",
            "Principals: distinct identities in the model invocation logs; CloudTrail principals are counted apart, in the security report.",
            "Success rate: requests that neither failed nor were throttled, of all requests; a period without requests has no rate.",
            "Month-end projection: " + org.bedrockmonitor.aggregate.MonthEndProjection.METHOD + ".",
            "Cache savings: what cache-read tokens would have cost as plain input, minus what they cost, minus what cache writes cost above plain input.");

    /**
     * Invocation totals of a set of rollup rows. {@code totalTokens} is input + output + cache read + cache
     * write; {@code successRate} is null when there were no requests; {@code principals} counts the distinct
     * identities of the invocation logs.
     */
    public record Totals(long invocations, long succeeded, Double successRate, long errors, long throttles,
                         long serverErrors, long inputTokens, long outputTokens, long cacheReadTokens,
                         long cacheWriteTokens, long totalTokens, double costUsd, long guardrailInterventions,
                         long principals) {
    }

    /** Nearest-rank percentiles in milliseconds; null members when nothing was measured. */
    public record Latency(Long p50, Long p95, Long p99, Long max, long samples) {
    }

    /** One bar of a chart or one row of a breakdown: {@code share} is value / largest value (0..1), for bar widths. */
    public record Count(String name, double value, double share) {
    }

    /**
     * One time bucket (hour or day) of a trend chart; the shares (of the busiest / costliest bucket) scale the
     * bars. {@code costPer1kUsd} is null for a bucket without requests; {@code principals} counts the distinct
     * invocation-log principals of the bucket.
     */
    public record TrendPoint(String label, long invocations, long failed, long tokens, double costUsd, double share,
                             double costShare, Double costPer1kUsd, long principals) {
    }

    /**
     * Usage of one principal, application or model. {@code share} is this cost or count over the total;
     * {@code label} is what readers see (a principal's display name, else the name itself).
     */
    public record Usage(String name, String label, long invocations, long failed, long tokens, double costUsd, double share) {
    }

    public record AlertLine(String severity, String type, String model, String principal, Instant from, String message) {
    }

    // ------------------------------------------------------------------------------------------ technical
    public record Technical(Totals totals, double slaSuccessRate, Latency latency, Latency timeToFirstToken, long slaLatencyP95Ms,
                            long slaTtftP95Ms, Boolean latencyWithinSla, Boolean ttftWithinSla,
                            List<ModelHealth> models, List<Count> errorCodes, List<TrendPoint> hourly,
                            List<ErrorSource> topErrorSources, List<String> capacityNotes, List<AlertLine> alerts) {
    }

    public record ModelHealth(String modelId, long invocations, long errors, long throttles, long serverErrors,
                              double errorRate, Latency latency, Latency timeToFirstToken, long tokens) {
    }

    public record ErrorSource(String principal, String modelId, long errors, long throttles, String topCode) {
    }

    // ------------------------------------------------------------------------------------------ executive

    /**
     * @param comparison      the heading of the comparison with the previous period ("Day over day",
     *                        "Week over week", "Month over month", "Against the previous 3 days")
     * @param earlierData     whether the store holds traffic from before the period: without it nothing is
     *                        compared ("no earlier data"), and nothing is red
     * @param whatChanged     three sentences: the biggest movers in cost, usage and failures, with their causes where known
     */
    public record Executive(String comparison, String previousPeriodText, boolean earlierData, List<Kpi> kpis,
                            Adoption adoption, List<Growth> growth, Availability availability,
                            List<AlertTime> alertTimes, Double meanMinutesToResolve, List<String> whatChanged,
                            List<Recommendation> recommendations, List<TrendPoint> daily, List<Usage> topPrincipals,
                            List<Usage> topApplications, Budget budget, double slaSuccessRate, Boolean successWithinSla) {
    }

    /**
     * A key figure this period against the previous one. {@code unit}: count, usd, percent or tokens;
     * {@code current} null when the period has no value (a rate without requests); {@code previous} null when
     * there is nothing to compare with (no earlier data, or no rate then); {@code changePct} null when the
     * previous value was 0 or absent; {@code good} whether the change is welcome (true when not compared).
     */
    public record Kpi(String name, String unit, Double current, Double previous, Double changePct, String direction,
                      boolean good) {
    }

    /**
     * Who uses Bedrock: distinct invocation-log principals in the period, on an average day of it and in the
     * 30 days to its end, those seen for the first time in the store's history (which starts at
     * {@code historyStart}), and, counted apart, the principals of the period's CloudTrail events.
     */
    public record Adoption(long activePrincipals, double dailyActiveAverage, long monthlyActive, String monthlyActiveSpan,
                           List<Named> newPrincipals, long cloudTrailPrincipals, Instant historyStart) {
    }

    /** A principal's ARN and the name readers see. */
    public record Named(String arn, String name) {
    }

    /** Growth over the {@code days} days to the period's end against the {@code days} before (null changes: no earlier data). */
    public record Growth(String span, int days, Change invocations, Change costUsd, Change activePrincipals) {
    }

    /** A figure now and before; {@code changePct} null when it cannot be computed (nothing before, or no earlier data). */
    public record Change(double current, Double previous, Double changePct) {
    }

    /**
     * The share of the period's aggregation windows with traffic in which requests met the availability
     * objective: at most (100 - objective)% of them failed on the service side (5xx: the model or Bedrock
     * failed; throttles and the caller's errors count in the success rate instead). Windows without
     * traffic are not scored. {@code share} null when no window had traffic.
     */
    public record Availability(Double share, long windowsMet, long windows, double objectivePercent, long windowSeconds) {
    }

    /**
     * Alerts of one type raised in the period: {@code resolved} of them closed by the period's end, in
     * {@code meanMinutesToResolve} on average (null when none closed); {@code stillOpen} open at the end,
     * the oldest open for {@code longestOpenMinutes} by then; {@code oneOff} one-off events, which do not resolve.
     */
    public record AlertTime(String type, long raised, long resolved, Double meanMinutesToResolve, long stillOpen,
                            Double longestOpenMinutes, long oneOff) {
    }

    /** Something to do, with the money it is worth in the period and per month at the period's pace. */
    public record Recommendation(String text, double periodUsd, double monthlyUsd) {
    }

    /**
     * Spend against the monthly budget ({@code monitor.budget.monthly-usd}; 0 = none set). The month is the
     * one the period ends in; {@code projection} is {@link org.bedrockmonitor.aggregate.MonthEndProjection}
     * of it as of the period's end (or, for a period not over yet, the end of its last hour with traffic).
     * {@code runwayDays}: days from then until the budget is used up at the month's pace (0 when it is,
     * null when nothing is spent or no budget); {@code suggestedMonthlyUsd}: without a budget, what to set
     * (the projection with a fifth of headroom, rounded up).
     */
    public record Budget(boolean set, double monthlyUsd, double periodBudgetUsd, double actualUsd, Double usedShare,
                         String month, double monthToDateUsd, double dailyRateUsd, double projectedMonthEndUsd,
                         Double runwayDays, String status, String method, Double suggestedMonthlyUsd) {
    }

    // ------------------------------------------------------------------------------------------ security
    /**
     * {@code events}, {@code failed}, {@code principals}, {@code sourceIps} and the breakdowns count calls to
     * Bedrock recorded by CloudTrail ({@code principals}: the CloudTrail principals); the trail, bucket and
     * log-group calls feed {@code compliance}, {@code loggingChanges} and the actors' scores.
     * {@code invocationLogPrincipals} counts the principals of the period's model invocation logs, a different
     * population (callers of models, not of the Bedrock API as CloudTrail sees it), shown under its own label. {@code riskLevel} is the highest actor's ({@code actors}, highest score first), or
     * medium when there is no CloudTrail evidence at all. {@code geography} says which database placed the
     * source addresses, or that geography is off.
     */
    public record Security(long events, long failed, long principals, long sourceIps, List<String> days,
                           List<Count> failedByDay, List<Count> failedByCode, List<SourceIp> topSourceIps,
                           List<Count> userAgentFamilies, List<PrincipalActivity> principalActivity,
                           long managementActionCount, List<AuditLine> managementActions, List<AuditLine> loggingChanges,
                           long guardrailInterventions, List<Count> guardrailsByModel, String riskLevel,
                           List<Risk> risks, List<AlertLine> alerts, String geography, boolean geographyOn,
                           List<Count> countries, List<ActorRisk> actors, long actorsScored,
                           List<ComplianceItem> compliance, long invocationLogPrincipals) {
    }

    /** {@code country}: ISO code, {@code unknown}, {@code public} (geography off), private, loopback, link-local or AWS internal. */
    public record SourceIp(String ip, long events, long failed, long principals, String agentFamilies, String country) {
    }

    /** One principal's calls per day of the period ({@code perDay} follows {@code Security.days}). */
    public record PrincipalActivity(String principal, String principalType, long events, long failed, long sourceIps,
                                    Instant firstSeen, Instant lastSeen, List<Long> perDay, String agentFamilies,
                                    String countries) {
    }

    public record AuditLine(Instant time, String principal, String eventName, String modelId, String sourceIp,
                            String agentFamily, String errorCode) {
    }

    /** {@code level}: critical, high, medium, low, or info for context that does not rate the period. */
    public record Risk(String level, String text) {
    }

    /** One principal's risk from all its signals of the period: the score is the sum of the signals' points. */
    public record ActorRisk(String principal, String level, int score, List<Signal> signals, String countries) {
    }

    /** One reason a principal scores: what was seen, with its numbers, and the points it adds. */
    public record Signal(String name, int points, String evidence) {
    }

    /**
     * One setting of the audit trail and the logs as the period's evidence shows it. {@code state}: ok,
     * attention, or unknown (no evidence in the period); {@code date} of the evidence, null when none.
     */
    public record ComplianceItem(String area, String subject, String status, String state, String evidence, Instant date) {
    }

    // ------------------------------------------------------------------------------------------ cost
    public record Cost(Totals totals, List<Usage> byModel, List<Usage> byPrincipal, List<Usage> byApplication,
                       List<TrendPoint> byDay, Budget budget, CacheSavings cacheSavings, List<Unpriced> unpriced,
                       double unattributedUsd, double unattributedShare, WhatIf whatIf, double guardrailCostUsd,
                       List<ModelBilling> billing, List<PriceLookup.Commitment> provisioned) {
    }

    /**
     * How one model's cost was computed: the price books, tiers served and billing rules of its rows
     * ({@code priceBooks} empty when nothing was priced), and the guardrail policy cost billed apart.
     */
    public record ModelBilling(String modelId, long invocations, double costUsd, double guardrailCostUsd,
                               List<String> priceBooks, List<String> tiers, List<String> rules) {
    }

    /**
     * Prompt caching net of its cost: what the billed cache-read tokens would have cost as plain input minus
     * what they cost ({@code readSavingUsd}), minus what the billed cache writes cost above plain input
     * ({@code writePremiumUsd}, 5-minute and 1-hour writes at their rates).
     */
    public record CacheSavings(List<CacheSaving> models, long cacheReadTokens, long cacheWriteTokens, double readSavingUsd,
                               double writePremiumUsd, double netSavedUsd) {
    }

    public record CacheSaving(String modelId, long cacheReadTokens, long cacheWriteTokens, double readSavingUsd,
                              double writePremiumUsd, double netSavedUsd) {
    }

    public record Unpriced(String modelId, long invocations, long tokens) {
    }

    /**
     * Repricing of the period's priced traffic. {@code cacheShare}: assumed share of plain input tokens a
     * prompt cache would serve; {@code batchDiscount}: the discount of batch inference.
     */
    public record WhatIf(List<Alternative> alternatives, double alternativesSavingUsd, List<CachingOption> caching,
                         double cachingSavingUsd, double cacheShare, double batchDiscount, double batchEligibleUsd,
                         double batchSavingUsd) {
    }

    public record Alternative(String modelId, String alternativeId, long invocations, double currentUsd,
                              double alternativeUsd, double savingUsd) {
    }

    public record CachingOption(String modelId, long inputTokens, double currentUsd, double withCachingUsd,
                                double savingUsd) {
    }
}
