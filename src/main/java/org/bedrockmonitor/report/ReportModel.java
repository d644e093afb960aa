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
        Cost cost) {

    /** Invocation totals of a set of rollup rows. */
    public record Totals(long invocations, long succeeded, double successRate, long errors, long throttles,
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

    /** One time bucket (hour or day) of a trend chart; the shares (of the busiest / costliest bucket) scale the bars. */
    public record TrendPoint(String label, long invocations, long failed, long tokens, double costUsd, double share,
                             double costShare) {
    }

    /** Usage of one principal, application or model. {@code share} is this cost or count over the total. */
    public record Usage(String name, long invocations, long failed, long tokens, double costUsd, double share) {
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
    public record Executive(List<Kpi> kpis, List<TrendPoint> daily, List<Usage> topPrincipals,
                            List<Usage> topApplications, Budget budget, double slaSuccessRate,
                            boolean successWithinSla, String previousPeriodText) {
    }

    /**
     * A key figure this period against the previous one. {@code unit}: count, usd, percent or tokens;
     * {@code changePct} null when the previous value was 0; {@code good} whether the change is welcome.
     */
    public record Kpi(String name, String unit, double current, double previous, Double changePct, String direction,
                      boolean good) {
    }

    /**
     * Spend against the monthly budget ({@code monitor.budget.monthly-usd}; 0 = none set, then only
     * {@code actualUsd} is meaningful). {@code runwayDays}: days from the end of the period until the
     * month's budget is used up at this period's daily rate (null when nothing is spent or no budget).
     */
    public record Budget(boolean set, double monthlyUsd, double periodBudgetUsd, double actualUsd, double usedShare,
                         double dailyRateUsd, double projectedMonthEndUsd, Double runwayDays, String status) {
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

    /** What cache-read tokens would have cost as plain input, minus what they cost. */
    public record CacheSavings(List<CacheSaving> models, long cacheReadTokens, double asInputUsd, double actualUsd,
                               double savedUsd) {
    }

    public record CacheSaving(String modelId, long cacheReadTokens, double asInputUsd, double actualUsd, double savedUsd) {
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
