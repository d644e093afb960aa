package org.bedrockmonitor.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.ValueHistogram;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.report.ReportModel.Alternative;
import org.bedrockmonitor.report.ReportModel.AlertLine;
import org.bedrockmonitor.report.ReportModel.AuditLine;
import org.bedrockmonitor.report.ReportModel.Budget;
import org.bedrockmonitor.report.ReportModel.CacheSaving;
import org.bedrockmonitor.report.ReportModel.CacheSavings;
import org.bedrockmonitor.report.ReportModel.CachingOption;
import org.bedrockmonitor.report.ReportModel.Cost;
import org.bedrockmonitor.report.ReportModel.Count;
import org.bedrockmonitor.report.ReportModel.ErrorSource;
import org.bedrockmonitor.report.ReportModel.Executive;
import org.bedrockmonitor.report.ReportModel.Kpi;
import org.bedrockmonitor.report.ReportModel.Latency;
import org.bedrockmonitor.report.ReportModel.ModelBilling;
import org.bedrockmonitor.report.ReportModel.ModelHealth;
import org.bedrockmonitor.report.ReportModel.PrincipalActivity;
import org.bedrockmonitor.report.ReportModel.Risk;
import org.bedrockmonitor.report.ReportModel.Security;
import org.bedrockmonitor.report.ReportModel.SourceIp;
import org.bedrockmonitor.report.ReportModel.Technical;
import org.bedrockmonitor.report.ReportModel.Totals;
import org.bedrockmonitor.report.ReportModel.TrendPoint;
import org.bedrockmonitor.report.ReportModel.Unpriced;
import org.bedrockmonitor.report.ReportModel.Usage;
import org.bedrockmonitor.report.ReportModel.WhatIf;
import org.bedrockmonitor.logging.LoggingCheck;
import org.bedrockmonitor.security.GeoIp;
import org.bedrockmonitor.security.SecurityAnalytics;
import org.bedrockmonitor.security.SecuritySettings;

/**
 * Builds a {@link ReportModel} from rollups: a pure function of its inputs (no clock, no I/O), so every
 * number a report shows is unit-tested. A window row belongs to the period its window starts in.
 */
public final class ReportBuilder {

    /** A bucket this many times the average is worth a capacity note. */
    private static final double PEAK_FACTOR = 1.5;
    /** Longer periods are charted by month, so a report over years stays readable. */
    static final int MAX_DAILY_BUCKETS = 62;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final ReportSettings settings;
    private final PriceLookup prices;
    private final SecurityReportBuilder security;

    /** With the documented security settings, no geography and no logging check. */
    public ReportBuilder(ReportSettings settings, PriceLookup prices) {
        this(settings, prices, new SecurityAnalytics(SecuritySettings.documentedDefaults(), GeoIp.off()), null);
    }

    /** {@code loggingCheck}: the latest {@code logging status} check recorded, or null. */
    public ReportBuilder(ReportSettings settings, PriceLookup prices, SecurityAnalytics securityAnalytics,
            LoggingCheck loggingCheck) {
        this.settings = settings;
        this.prices = prices == null ? PriceLookup.NONE : prices;
        this.security = new SecurityReportBuilder(settings, securityAnalytics, loggingCheck);
    }

    public ReportSettings settings() {
        return settings;
    }

    /** The range to read from the store for a report: the executive summary also needs the period before. */
    public static Period readRange(ReportType type, Period period) {
        return type == ReportType.EXECUTIVE ? Period.of(period.previous().firstDay(), period.endDay(), period.zone()) : period;
    }

    public ReportModel build(ReportType type, Period period, Rollups rollups, List<Alert> alerts, Instant generatedAt) {
        List<WindowStats> rows = within(rollups.windows(), period);
        Instant from = period.from();
        Instant to = period.to();
        List<AuditEvent> events = rollups.auditEvents().stream()
                .filter(e -> !e.eventTime().isBefore(from) && e.eventTime().isBefore(to))
                .sorted(Comparator.comparing(AuditEvent::eventTime))
                .toList();
        List<AlertLine> alertLines = alertLines(alerts == null ? List.of() : alerts, period);
        String title = type.title() + " " + period.describe();
        String subject = "[" + settings.environment() + "] Bedrock " + type.title().toLowerCase(Locale.ROOT) + " " + period.label();
        return new ReportModel(type.id(), title, subject, settings.environment(), period.label(), period.describe(),
                period.from(), period.to(), zoneName(settings.zone()), generatedAt,
                type == ReportType.TECHNICAL ? technical(rows, period, alertLines) : null,
                type == ReportType.EXECUTIVE ? executive(rows, within(rollups.windows(), period.previous()), period) : null,
                type == ReportType.SECURITY ? security.build(events, rows, period, alerts == null ? List.of() : alerts, alertLines) : null,
                type == ReportType.COST ? cost(rows, period) : null);
    }

    private static String zoneName(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    // ------------------------------------------------------------------------------------------ technical

    private Technical technical(List<WindowStats> rows, Period period, List<AlertLine> alerts) {
        Stats all = merged(rows);
        Latency latency = latency(all.latencyMs);
        Latency ttft = latency(all.timeToFirstTokenMs);
        Map<String, Stats> byModel = group(rows, WindowStats::modelId);
        List<ModelHealth> models = byModel.entrySet().stream()
                .map(e -> new ModelHealth(e.getKey(), e.getValue().invocations, e.getValue().errors, e.getValue().throttles,
                        e.getValue().serverErrors, e.getValue().errorRate(), latency(e.getValue().latencyMs),
                        latency(e.getValue().timeToFirstTokenMs), e.getValue().totalTokens()))
                .sorted(Comparator.comparingLong(ModelHealth::invocations).reversed().thenComparing(ModelHealth::modelId))
                .toList();
        List<Count> codes = counts(all.errorCodes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (double) e.getValue())), Integer.MAX_VALUE);
        List<ErrorSource> sources = groupCounts(rows, r -> r.principalArn() + "\n" + r.modelId()).entrySet().stream()
                .filter(e -> e.getValue().errors + e.getValue().throttles > 0)
                .map(e -> {
                    String[] key = e.getKey().split("\n", 2);
                    return new ErrorSource(key[0], key[1], e.getValue().errors, e.getValue().throttles,
                            topCode(e.getValue().errorCodes));
                })
                .sorted(Comparator.comparingLong((ErrorSource s) -> s.errors() + s.throttles()).reversed()
                        .thenComparing(ErrorSource::principal))
                .limit(settings.top())
                .toList();
        List<TrendPoint> trend = period.days() <= 2 ? hourly(rows, period) : daily(rows, period);
        Boolean latencyOk = latency.p95() == null ? null : latency.p95() <= settings.slaLatencyP95Ms();
        Boolean ttftOk = ttft.p95() == null ? null : ttft.p95() <= settings.slaTtftP95Ms();
        return new Technical(totals(rows), settings.slaSuccessRate(), latency, ttft, settings.slaLatencyP95Ms(), settings.slaTtftP95Ms(),
                latencyOk, ttftOk, models, codes, trend, sources, capacityNotes(all, latency, models, trend), alerts);
    }

    /** A few sentences an on-call engineer acts on: one per kind of capacity problem, worst models first. */
    private List<String> capacityNotes(Stats all, Latency latency, List<ModelHealth> models, List<TrendPoint> trend) {
        List<String> notes = new ArrayList<>();
        List<ModelHealth> throttled = models.stream()
                .filter(m -> m.throttles() > 0 && (double) m.throttles() / m.invocations() >= 0.01)
                .sorted(Comparator.comparingDouble((ModelHealth m) -> (double) m.throttles() / m.invocations()).reversed())
                .toList();
        if (!throttled.isEmpty()) {
            long throttles = throttled.stream().mapToLong(ModelHealth::throttles).sum();
            long requests = throttled.stream().mapToLong(ModelHealth::invocations).sum();
            notes.add(String.format(Locale.ROOT, "Throttling on %d model(s): %d of %d requests (%.1f%%); worst %s. Ask for a "
                            + "higher quota, spread load over a cross-region inference profile, or buy provisioned throughput.",
                    throttled.size(), throttles, requests, 100.0 * throttles / requests,
                    listed(throttled, m -> String.format(Locale.ROOT, "%s %d of %d (%.1f%%)", m.modelId(), m.throttles(),
                            m.invocations(), 100.0 * m.throttles() / m.invocations()))));
        }
        List<ModelHealth> failing = models.stream().filter(m -> m.serverErrors() > 0)
                .sorted(Comparator.comparingLong(ModelHealth::serverErrors).reversed()).toList();
        if (!failing.isEmpty()) {
            notes.add(String.format(Locale.ROOT, "%d server-side error(s) on %d model(s) (the model or service failed, not the "
                            + "callers): %s.", all.serverErrors, failing.size(),
                    listed(failing, m -> m.modelId() + " " + m.serverErrors())));
        }
        if (latency.p95() != null && latency.p95() > settings.slaLatencyP95Ms()) {
            models.stream().filter(m -> m.latency().p95() != null)
                    .max(Comparator.comparingLong(m -> m.latency().p95()))
                    .ifPresent(slowest -> notes.add(String.format(Locale.ROOT,
                            "p95 latency %d ms is over the %d ms objective; slowest model %s (p95 %d ms).",
                            latency.p95(), settings.slaLatencyP95Ms(), slowest.modelId(), slowest.latency().p95())));
        }
        double mean = trend.isEmpty() ? 0 : (double) all.invocations / trend.size();
        trend.stream().max(Comparator.comparingLong(TrendPoint::invocations))
                .filter(peak -> peak.invocations() >= PEAK_FACTOR * mean && peak.invocations() > 0)
                .ifPresent(peak -> notes.add(String.format(Locale.ROOT,
                        "Peak at %s: %d requests, %.1fx the average of %.0f; size quotas for the peak, not the average.",
                        peak.label(), peak.invocations(), peak.invocations() / mean, mean)));
        if (all.throttles == 0 && all.serverErrors == 0 && all.invocations > 0) {
            notes.add("No throttling and no server-side errors: capacity was sufficient.");
        }
        return notes;
    }

    /** The first three as "a, b, c", then "and N more". */
    private static <T> String listed(List<T> items, Function<T, String> text) {
        String shown = items.stream().limit(3).map(text).collect(Collectors.joining(", "));
        return items.size() > 3 ? shown + " and " + (items.size() - 3) + " more" : shown;
    }

    // ------------------------------------------------------------------------------------------ executive

    private Executive executive(List<WindowStats> rows, List<WindowStats> previousRows, Period period) {
        Totals now = totals(rows);
        Totals before = totals(previousRows);
        List<Kpi> kpis = List.of(
                kpi("Active principals", "count", now.principals(), before.principals(), true),
                kpi("Invocations", "count", now.invocations(), before.invocations(), true),
                kpi("Tokens", "tokens", now.totalTokens(), before.totalTokens(), true),
                kpi("Cost", "usd", now.costUsd(), before.costUsd(), false),
                kpi("Cost per 1K requests", "usd", perThousand(now), perThousand(before), false),
                kpi("Success rate", "percent", now.successRate(), before.successRate(), true));
        return new Executive(kpis, daily(rows, period),
                usage(rows, WindowStats::principalArn, settings.top(), now),
                usage(rows, WindowStats::application, settings.top(), now),
                budget(now.costUsd(), period), settings.slaSuccessRate(),
                now.successRate() >= settings.slaSuccessRate(), period.previous().describe());
    }

    private static double perThousand(Totals totals) {
        return totals.invocations() == 0 ? 0 : totals.costUsd() / totals.invocations() * 1000;
    }

    private static Kpi kpi(String name, String unit, double current, double previous, boolean goodWhenUp) {
        Double change = previous == 0 ? null : (current - previous) / previous * 100;
        double delta = current - previous;
        String direction = Math.abs(delta) < 1e-9 ? "flat" : delta > 0 ? "up" : "down";
        boolean good = direction.equals("flat") || direction.equals("up") == goodWhenUp;
        return new Kpi(name, unit, current, previous, change, direction, good);
    }

    // ------------------------------------------------------------------------------------------ cost

    private Cost cost(List<WindowStats> rows, Period period) {
        Totals totals = totals(rows);
        List<Usage> byModel = usage(rows, WindowStats::modelId, Integer.MAX_VALUE, totals);
        double unattributed = rows.stream().filter(r -> r.application().isEmpty()).mapToDouble(r -> r.stats().costUsd).sum();
        Map<String, Stats> modelStats = groupCounts(rows.stream().filter(WindowStats::priced).toList(), WindowStats::modelId);
        List<Unpriced> unpriced = groupCounts(rows.stream().filter(r -> !r.priced()).toList(), WindowStats::modelId).entrySet().stream()
                .map(e -> new Unpriced(e.getKey(), e.getValue().invocations, e.getValue().totalTokens()))
                .sorted(Comparator.comparingLong(Unpriced::invocations).reversed()).toList();
        return new Cost(totals, byModel,
                usage(rows, WindowStats::principalArn, settings.top(), totals),
                usage(rows, WindowStats::application, Integer.MAX_VALUE, totals),
                daily(rows, period), budget(totals.costUsd(), period), cacheSavings(modelStats), unpriced,
                unattributed, totals.costUsd() == 0 ? 0 : unattributed / totals.costUsd(),
                whatIf(modelStats, totals.costUsd()), rows.stream().mapToDouble(r -> r.stats().guardrailCostUsd).sum(),
                billing(rows), prices.commitments(period.from(), period.to()));
    }

    /** Per model, costliest first: the price books, tiers and rules its rows were priced with. */
    private static List<ModelBilling> billing(List<WindowStats> rows) {
        Map<String, List<WindowStats>> byModel = rows.stream()
                .collect(Collectors.groupingBy(r -> nonNull(r.modelId()), TreeMap::new, Collectors.toList()));
        return byModel.entrySet().stream()
                .map(e -> {
                    Stats s = new Stats();
                    e.getValue().forEach(r -> s.mergeCounts(r.stats()));
                    return new ModelBilling(e.getKey(), s.invocations, s.costUsd, s.guardrailCostUsd,
                            distinct(e.getValue(), r -> r.priced() ? r.costBasis().priceBook() : ""),
                            distinct(e.getValue(), r -> r.costBasis().tier()),
                            distinct(e.getValue(), r -> r.costBasis().rule()));
                })
                .sorted(Comparator.comparingDouble((ModelBilling b) -> b.costUsd() + b.guardrailCostUsd()).reversed()
                        .thenComparing(ModelBilling::modelId))
                .toList();
    }

    private static List<String> distinct(List<WindowStats> rows, Function<WindowStats, String> value) {
        return rows.stream().map(value).filter(v -> v != null && !v.isEmpty()).distinct().sorted().toList();
    }

    private CacheSavings cacheSavings(Map<String, Stats> modelStats) {
        List<CacheSaving> savings = new ArrayList<>();
        modelStats.forEach((model, stats) -> {
            PriceLookup.ModelPrice price = prices.priceOf(model);
            if (price != null && stats.cacheReadTokens > 0) {
                double asInput = stats.cacheReadTokens * price.inputPer1k() / 1000;
                double actual = stats.cacheReadTokens * price.cacheReadPer1k() / 1000;
                savings.add(new CacheSaving(model, stats.cacheReadTokens, asInput, actual, asInput - actual));
            }
        });
        savings.sort(Comparator.comparingDouble(CacheSaving::savedUsd).reversed());
        return new CacheSavings(savings, savings.stream().mapToLong(CacheSaving::cacheReadTokens).sum(),
                sum(savings, CacheSaving::asInputUsd), sum(savings, CacheSaving::actualUsd), sum(savings, CacheSaving::savedUsd));
    }

    private WhatIf whatIf(Map<String, Stats> modelStats, double pricedCost) {
        List<Alternative> alternatives = new ArrayList<>();
        List<CachingOption> caching = new ArrayList<>();
        modelStats.forEach((model, s) -> {
            PriceLookup.ModelPrice price = prices.priceOf(model);
            if (price == null) {
                return;
            }
            String alternativeId = alternativeOf(model);
            PriceLookup.ModelPrice alternative = alternativeId == null ? null : prices.priceOf(alternativeId);
            if (alternative != null) {
                double current = price.costUsd(s.inputTokens, s.outputTokens, s.cacheReadTokens, s.cacheWriteTokens);
                double repriced = alternative.supportsCaching()
                        ? alternative.costUsd(s.inputTokens, s.outputTokens, s.cacheReadTokens, s.cacheWriteTokens)
                        : alternative.costUsd(s.inputTokens + s.cacheReadTokens + s.cacheWriteTokens, s.outputTokens, 0, 0);
                alternatives.add(new Alternative(model, alternativeId, s.invocations, current, repriced, current - repriced));
            }
            if (price.supportsCaching() && s.inputTokens > 0 && settings.cacheShare() > 0) {
                double current = s.inputTokens * price.inputPer1k() / 1000;
                double cached = s.inputTokens * settings.cacheShare() * price.cacheReadPer1k() / 1000
                        + s.inputTokens * (1 - settings.cacheShare()) * price.inputPer1k() / 1000;
                caching.add(new CachingOption(model, s.inputTokens, current, cached, current - cached));
            }
        });
        alternatives.sort(Comparator.comparingDouble(Alternative::savingUsd).reversed());
        caching.sort(Comparator.comparingDouble(CachingOption::savingUsd).reversed());
        return new WhatIf(alternatives, sum(alternatives, Alternative::savingUsd), caching, sum(caching, CachingOption::savingUsd),
                settings.cacheShare(), settings.batchDiscount(), pricedCost, pricedCost * settings.batchDiscount());
    }

    /** The configured alternative of a model id, also when the id carries a cross-region prefix. */
    private String alternativeOf(String model) {
        String direct = settings.alternatives().get(model);
        if (direct != null) {
            return direct;
        }
        String base = org.bedrockmonitor.price.ModelIds.withoutScopePrefix(model);
        return base.equals(model) ? null : settings.alternatives().get(base);
    }

    /** Spend against the monthly budget at this period's daily pace (see {@link Budget}). */
    Budget budget(double actual, Period period) {
        double monthly = settings.budgetMonthlyUsd();
        int monthDays = period.firstDay().lengthOfMonth();
        double dailyRate = actual / period.days();
        double projected = dailyRate * monthDays;
        if (monthly <= 0) {
            return new Budget(false, 0, 0, actual, 0, dailyRate, projected, null, "no budget set");
        }
        double periodBudget = monthly * Math.min(period.days(), monthDays) / monthDays;
        Double runway = dailyRate > 0 ? monthly / dailyRate : null;
        String status = projected > monthly ? "over budget" : projected > monthly * 0.9 ? "close to budget" : "within budget";
        return new Budget(true, monthly, periodBudget, actual, actual / periodBudget, dailyRate, projected, runway, status);
    }

    // ------------------------------------------------------------------------------------------ shared

    private static List<WindowStats> within(List<WindowStats> rows, Period period) {
        Instant from = period.from();
        Instant to = period.to();
        return rows.stream()
                .filter(r -> !r.windowStart().isBefore(from) && r.windowStart().isBefore(to))
                .toList();
    }

    private static Stats merged(List<WindowStats> rows) {
        Stats all = new Stats();
        rows.forEach(r -> all.merge(r.stats()));
        return all;
    }

    private static Map<String, Stats> group(List<WindowStats> rows, Function<WindowStats, String> key) {
        Map<String, Stats> groups = new TreeMap<>();
        rows.forEach(r -> groups.computeIfAbsent(nonNull(key.apply(r)), k -> new Stats()).merge(r.stats()));
        return groups;
    }

    /** As {@link #group} without the latency distributions, for groups that show no percentile. */
    private static Map<String, Stats> groupCounts(List<WindowStats> rows, Function<WindowStats, String> key) {
        Map<String, Stats> groups = new TreeMap<>();
        rows.forEach(r -> groups.computeIfAbsent(nonNull(key.apply(r)), k -> new Stats()).mergeCounts(r.stats()));
        return groups;
    }

    static Totals totals(List<WindowStats> rows) {
        Stats s = new Stats();
        rows.forEach(r -> s.mergeCounts(r.stats()));
        Set<String> principals = new HashSet<>();
        rows.forEach(r -> principals.add(r.principalArn()));
        return new Totals(s.invocations, s.invocations - s.errors - s.throttles, s.successRate(), s.errors, s.throttles,
                s.serverErrors, s.inputTokens, s.outputTokens, s.cacheReadTokens, s.cacheWriteTokens, s.totalTokens(),
                s.costUsd, s.guardrailInterventions, principals.size());
    }

    private static Latency latency(ValueHistogram h) {
        return new Latency(h.percentile(50), h.percentile(95), h.percentile(99), h.isEmpty() ? null : h.max(), h.count());
    }

    /** Top entries by cost, then invocations; {@code share} is the entry's part of the total cost (or of invocations when nothing cost money). */
    private static List<Usage> usage(List<WindowStats> rows, Function<WindowStats, String> key, int limit, Totals totals) {
        return groupCounts(rows, key).entrySet().stream()
                .map(e -> {
                    Stats s = e.getValue();
                    double share = totals.costUsd() > 0 ? s.costUsd / totals.costUsd()
                            : totals.invocations() == 0 ? 0 : (double) s.invocations / totals.invocations();
                    return new Usage(e.getKey(), s.invocations, s.errors + s.throttles, s.totalTokens(), s.costUsd, share);
                })
                .sorted(Comparator.comparingDouble(Usage::costUsd).reversed()
                        .thenComparing(Comparator.comparingLong(Usage::invocations).reversed())
                        .thenComparing(Usage::name))
                .limit(limit)
                .toList();
    }

    private static List<TrendPoint> hourly(List<WindowStats> rows, Period period) {
        Map<Instant, Stats> buckets = new LinkedHashMap<>();
        for (Instant hour = period.from(); hour.isBefore(period.to()); hour = hour.plus(Duration.ofHours(1))) {
            buckets.put(hour, new Stats());
        }
        long firstSecond = period.from().getEpochSecond();
        rows.forEach(r -> {
            Instant hour = r.windowStart().minusSeconds(Math.floorMod(r.windowStart().getEpochSecond() - firstSecond, 3600L));
            buckets.computeIfAbsent(hour, h -> new Stats()).mergeCounts(r.stats());
        });
        Map<String, Stats> labelled = new LinkedHashMap<>();
        buckets.forEach((hour, stats) -> labelled.merge(
                period.days() == 1 ? HOUR.format(hour.atZone(period.zone())) : hour.atZone(period.zone()).toLocalDateTime().toString(),
                stats, Stats::mergeCounts));
        return trend(labelled);
    }

    private static List<TrendPoint> daily(List<WindowStats> rows, Period period) {
        Map<String, Stats> buckets = new LinkedHashMap<>();
        calendarBuckets(period).forEach(d -> buckets.put(d, new Stats()));
        rows.forEach(r -> buckets.computeIfAbsent(calendarBucket(r.windowStart(), period), d -> new Stats())
                .mergeCounts(r.stats()));
        return trend(buckets);
    }

    private static List<TrendPoint> trend(Map<String, Stats> buckets) {
        long peak = buckets.values().stream().mapToLong(s -> s.invocations).max().orElse(0);
        double peakCost = buckets.values().stream().mapToDouble(s -> s.costUsd).max().orElse(0);
        return buckets.entrySet().stream()
                .map(e -> new TrendPoint(e.getKey(), e.getValue().invocations, e.getValue().errors + e.getValue().throttles,
                        e.getValue().totalTokens(), e.getValue().costUsd, peak == 0 ? 0 : (double) e.getValue().invocations / peak,
                        peakCost <= 0 ? 0 : e.getValue().costUsd / peakCost))
                .toList();
    }

    /** Labels of the calendar buckets of a period: its days, or its months when it is longer than {@value #MAX_DAILY_BUCKETS} days. */
    static List<String> calendarBuckets(Period period) {
        List<String> labels = new ArrayList<>();
        if (period.days() > MAX_DAILY_BUCKETS) {
            for (YearMonth m = YearMonth.from(period.firstDay()); !m.isAfter(YearMonth.from(period.lastDay())); m = m.plusMonths(1)) {
                labels.add(m.toString());
            }
        } else {
            for (LocalDate d = period.firstDay(); d.isBefore(period.endDay()); d = d.plusDays(1)) {
                labels.add(d.toString());
            }
        }
        return labels;
    }

    static String calendarBucket(Instant instant, Period period) {
        LocalDate day = LocalDate.ofInstant(instant, period.zone());
        return period.days() > MAX_DAILY_BUCKETS ? YearMonth.from(day).toString() : day.toString();
    }

    /** Largest first, at most {@code limit}; shares relative to the largest value (bar widths). */
    static List<Count> counts(Map<String, Double> values, int limit) {
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return values.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new Count(e.getKey(), e.getValue(), max == 0 ? 0 : e.getValue() / max))
                .toList();
    }

    /** In the map's own order (time series); shares relative to the largest value. */
    static List<Count> scaled(Map<String, Double> values) {
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return values.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue(), max == 0 ? 0 : e.getValue() / max)).toList();
    }

    private static List<AlertLine> alertLines(List<Alert> alerts, Period period) {
        return alerts.stream()
                .filter(a -> a.window() == null || a.window().from() == null
                        || a.window().from().isBefore(period.to()) && (a.window().to() == null || a.window().to().isAfter(period.from())))
                .sorted(Comparator.comparing((Alert a) -> a.severity() == null ? 3 : -a.severity().ordinal())
                        .thenComparing(a -> a.window() == null || a.window().from() == null ? Instant.EPOCH : a.window().from()))
                .map(a -> new AlertLine(a.severity() == null ? "" : a.severity().wire(), a.type(), a.model(), a.principal(),
                        a.window() == null ? null : a.window().from(), a.message()))
                .toList();
    }

    /** The most frequent code; on a tie the alphabetically first. */
    private static String topCode(Map<String, Long> codes) {
        String top = "";
        long most = 0;
        for (Map.Entry<String, Long> code : new TreeMap<>(codes).entrySet()) {
            if (code.getValue() > most) {
                top = code.getKey();
                most = code.getValue();
            }
        }
        return top;
    }

    private static <T> double sum(List<T> items, ToDoubleFunction<T> value) {
        return items.stream().mapToDouble(value).sum();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
