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
import java.util.HashMap;
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

import org.bedrockmonitor.aggregate.MonthEndProjection;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.ValueHistogram;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertNotification;
import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.report.ReportModel.Alternative;
import org.bedrockmonitor.report.ReportModel.AlertLine;
import org.bedrockmonitor.report.ReportModel.AlertTime;
import org.bedrockmonitor.report.ReportModel.Availability;
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
    /** The span of "monthly" active principals and of the month-over-month growth. */
    static final int ACTIVE_MONTH_DAYS = 30;

    private final ReportSettings settings;
    private final PriceLookup prices;
    private final SecurityReportBuilder security;
    private final PrincipalNames names;

    /** With the documented security settings, no geography and no logging check. */
    public ReportBuilder(ReportSettings settings, PriceLookup prices) {
        this(settings, prices, PrincipalNames.none());
    }

    public ReportBuilder(ReportSettings settings, PriceLookup prices, PrincipalNames names) {
        this(settings, prices, names, new SecurityAnalytics(SecuritySettings.documentedDefaults(), GeoIp.off()), null);
    }

    /** {@code loggingCheck}: the latest {@code logging status} check recorded, or null. */
    public ReportBuilder(ReportSettings settings, PriceLookup prices, PrincipalNames names, SecurityAnalytics securityAnalytics,
            LoggingCheck loggingCheck) {
        this.settings = settings;
        this.prices = prices == null ? PriceLookup.NONE : prices;
        this.names = names == null ? PrincipalNames.none() : names;
        this.security = new SecurityReportBuilder(settings, securityAnalytics, loggingCheck);
    }

    public ReportSettings settings() {
        return settings;
    }

    /** The range to read from the store for a report: the executive summary also needs the period before. */
    public static Period readRange(ReportType type, Period period) {
        return type == ReportType.EXECUTIVE ? Period.of(period.previous().firstDay(), period.endDay(), period.zone()) : period;
    }

    /** A report whose history is the rollups given and whose alert journal is the FIRING alerts given. */
    public ReportModel build(ReportType type, Period period, Rollups rollups, List<Alert> alerts, Instant generatedAt) {
        List<AlertJournal.Entry> journal = (alerts == null ? List.<Alert>of() : alerts).stream()
                .map(a -> new AlertJournal.Entry(a, AlertNotification.Status.FIRING,
                        a.window() == null || a.window().from() == null ? period.from() : a.window().from(), false, null, true))
                .toList();
        return build(type, period, rollups, UsageHistory.ofRows(rollups.windows()), journal, generatedAt);
    }

    /**
     * @param history  the store's history up to the period's end (for the executive and cost reports)
     * @param journal  the alert journal's entries from a day before the period to a day after it
     */
    public ReportModel build(ReportType type, Period period, Rollups rollups, UsageHistory history,
                             List<AlertJournal.Entry> journal, Instant generatedAt) {
        List<WindowStats> rows = within(rollups.windows(), period);
        List<AuditEvent> events = auditEvents(rollups, period);
        List<Alert> firing = journal.stream().filter(e -> e.status() == AlertNotification.Status.FIRING)
                .map(AlertJournal.Entry::alert).toList();
        List<AlertLine> alertLines = alertLines(firing, period);
        String title = type.title() + " " + period.describe();
        String subject = "[" + settings.environment() + "] Bedrock " + type.title().toLowerCase(Locale.ROOT) + " " + period.label();
        return new ReportModel(type.id(), title, subject, settings.environment(), period.label(), period.describe(),
                period.from(), period.to(), zoneName(settings.zone()), generatedAt,
                type == ReportType.TECHNICAL ? technical(rows, period, alertLines) : null,
                type == ReportType.EXECUTIVE ? executive(rows, within(rollups.windows(), period.previous()), events, period,
                        history, journal, generatedAt) : null,
                type == ReportType.SECURITY ? security.build(events, rows, period, firing, alertLines) : null,
                type == ReportType.COST ? cost(rows, period, history, generatedAt) : null,
                ReportModel.DEFINITIONS, dataNotes(rollups));
    }

    /** What the reader must know about the data behind the figures: stored rows that could not be read. */
    private static List<String> dataNotes(Rollups rollups) {
        if (rollups.skippedLines() == 0) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "%,d line(s) of the stored rollups could not be read and are left out of these "
                + "figures: the service log names each file (\"rollup file ... lines unreadable\").", rollups.skippedLines()));
    }

    private static List<AuditEvent> auditEvents(Rollups rollups, Period period) {
        Instant from = period.from();
        Instant to = period.to();
        return rollups.auditEvents().stream()
                .filter(e -> !e.eventTime().isBefore(from) && e.eventTime().isBefore(to))
                .sorted(Comparator.comparing(AuditEvent::eventTime))
                .toList();
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

    private Executive executive(List<WindowStats> rows, List<WindowStats> previousRows, List<AuditEvent> events, Period period,
                                UsageHistory history, List<AlertJournal.Entry> journal, Instant generatedAt) {
        Totals now = totals(rows);
        boolean earlier = history.hasTrafficBefore(period.from());
        Totals before = earlier ? totals(previousRows) : null;
        Availability availability = availability(rows);
        Availability availabilityBefore = earlier ? availability(previousRows) : null;
        List<Kpi> kpis = List.of(
                kpi("Active principals", "count", (double) now.principals(), before == null ? null : (double) before.principals(), true),
                kpi("Invocations", "count", (double) now.invocations(), before == null ? null : (double) before.invocations(), true),
                kpi("Tokens", "tokens", (double) now.totalTokens(), before == null ? null : (double) before.totalTokens(), true),
                kpi("Cost", "usd", now.costUsd(), before == null ? null : before.costUsd(), false),
                kpi("Cost per 1K requests", "usd", perThousand(now), before == null ? null : perThousand(before), false),
                kpi("Success rate", "percent", now.successRate(), before == null ? null : before.successRate(), true),
                kpi("Availability", "percent", availability.share(),
                        availabilityBefore == null ? null : availabilityBefore.share(), true));
        Map<String, String> labels = names.namesOf(principalsOf(rows, previousRows));
        List<AlertTime> alertTimes = AlertTimes.of(journal, period);
        return new Executive(comparison(period), period.previous().describe(), earlier, kpis,
                adoption(rows, events, period, history), growth(period, history), availability, alertTimes,
                AlertTimes.meanMinutesToResolve(alertTimes),
                WhatChanged.sentences(rows, earlier ? previousRows : null, labels::get, journal, period),
                recommendations(rows, period, now),
                period.days() <= 2 ? hourly(rows, period) : daily(rows, period),
                usage(rows, WindowStats::principalArn, settings.top(), now, labels::get),
                usage(rows, WindowStats::application, settings.top(), now, null),
                budget(now.costUsd(), period, history, generatedAt), settings.slaSuccessRate(),
                now.successRate() == null ? null : now.successRate() >= settings.slaSuccessRate());
    }

    /** The heading of a comparison with the period before, in the period's own terms. */
    static String comparison(Period period) {
        if (period.days() == 1) {
            return "Day over day";
        }
        if (period.days() == 7) {
            return "Week over week";
        }
        if (period.isCalendarMonth()) {
            return "Month over month";
        }
        return "Against the previous " + period.days() + " days";
    }

    private static Set<String> principalsOf(List<WindowStats> rows, List<WindowStats> more) {
        Set<String> arns = new TreeSet<>();
        rows.stream().map(WindowStats::principalArn).filter(ReportBuilder::isPrincipal).forEach(arns::add);
        more.stream().map(WindowStats::principalArn).filter(ReportBuilder::isPrincipal).forEach(arns::add);
        return arns;
    }

    private static Double perThousand(Totals totals) {
        return totals.invocations() == 0 ? null : totals.costUsd() / totals.invocations() * 1000;
    }

    private static Kpi kpi(String name, String unit, Double current, Double previous, boolean goodWhenUp) {
        if (current == null || previous == null) {
            return new Kpi(name, unit, current, previous, null, "none", true);
        }
        Double change = previous == 0 ? null : (current - previous) / previous * 100;
        double delta = current - previous;
        String direction = Math.abs(delta) < 1e-9 ? "flat" : delta > 0 ? "up" : "down";
        boolean good = direction.equals("flat") || direction.equals("up") == goodWhenUp;
        return new Kpi(name, unit, current, previous, change, direction, good);
    }

    private ReportModel.Adoption adoption(List<WindowStats> rows, List<AuditEvent> events, Period period, UsageHistory history) {
        Map<LocalDate, Set<String>> byDay = new TreeMap<>();
        for (LocalDate d = period.firstDay(); d.isBefore(period.endDay()); d = d.plusDays(1)) {
            byDay.put(d, new HashSet<>());
        }
        rows.stream().filter(r -> isPrincipal(r.principalArn()))
                .forEach(r -> byDay.computeIfAbsent(LocalDate.ofInstant(r.windowStart(), period.zone()), d -> new HashSet<>())
                        .add(r.principalArn()));
        double dailyAverage = byDay.values().stream().mapToInt(Set::size).average().orElse(0);
        Instant monthFrom = period.to().minus(Duration.ofDays(ACTIVE_MONTH_DAYS));
        Set<String> monthly = history.principals(monthFrom, period.to());
        Set<String> active = new TreeSet<>();
        rows.stream().map(WindowStats::principalArn).filter(ReportBuilder::isPrincipal).forEach(active::add);
        Map<String, Instant> firstSeen = history.firstSeen(period.to());
        Set<String> fresh = new TreeSet<>();
        active.stream().filter(p -> !firstSeen.getOrDefault(p, period.from()).isBefore(period.from())).forEach(fresh::add);
        Map<String, String> labels = names.namesOf(fresh);
        long cloudTrail = events.stream().map(AuditEvent::principalArn).filter(ReportBuilder::isPrincipal).distinct().count();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
        return new ReportModel.Adoption(active.size(), dailyAverage, monthly.size(),
                ACTIVE_MONTH_DAYS + " days to " + day.format(period.lastDay()),
                fresh.stream().map(arn -> new ReportModel.Named(arn, labels.get(arn))).toList(), cloudTrail,
                history.firstTraffic());
    }

    /** Growth over the last 7 and 30 days to the period's end, each against the same number of days before. */
    private static List<ReportModel.Growth> growth(Period period, UsageHistory history) {
        List<ReportModel.Growth> growth = new ArrayList<>();
        for (int days : new int[] {7, ACTIVE_MONTH_DAYS}) {
            Instant end = period.to();
            Instant start = end.minus(Duration.ofDays(days));
            Instant earlierStart = start.minus(Duration.ofDays(days));
            boolean comparable = history.hasTrafficBefore(start);
            growth.add(new ReportModel.Growth(days == 7 ? "Last 7 days against the 7 before" : "Last 30 days against the 30 before",
                    days,
                    change(history.invocations(start, end), history.invocations(earlierStart, start), comparable),
                    change(history.costUsd(start, end), history.costUsd(earlierStart, start), comparable),
                    change(history.principals(start, end).size(), history.principals(earlierStart, start).size(), comparable)));
        }
        return growth;
    }

    private static ReportModel.Change change(double current, double previous, boolean comparable) {
        if (!comparable) {
            return new ReportModel.Change(current, null, null);
        }
        return new ReportModel.Change(current, previous, previous == 0 ? null : (current - previous) / previous * 100);
    }

    /** Windows of the rows with traffic, and those meeting the availability objective (see {@link Availability}). */
    private Availability availability(List<WindowStats> rows) {
        Map<Instant, long[]> windows = new TreeMap<>();
        rows.forEach(r -> {
            long[] counts = windows.computeIfAbsent(r.windowStart(), w -> new long[2]);
            counts[0] += r.stats().invocations;
            counts[1] += r.stats().serverErrors;
        });
        double objective = settings.slaAvailabilityPercent();
        long withTraffic = windows.values().stream().filter(c -> c[0] > 0).count();
        long met = windows.values().stream()
                .filter(c -> c[0] > 0 && (c[0] - c[1]) * 100.0 / c[0] >= objective - 1e-9).count();
        long windowSeconds = rows.isEmpty() ? 0 : rows.get(0).windowSeconds();
        return new Availability(withTraffic == 0 ? null : (double) met / withTraffic, met, withTraffic, objective, windowSeconds);
    }

    /** What to do about spend, with the money: cheaper models, prompt caching, batch, idle provisioned throughput. */
    private List<ReportModel.Recommendation> recommendations(List<WindowStats> rows, Period period, Totals totals) {
        List<ReportModel.Recommendation> out = new ArrayList<>();
        double toMonth = (double) period.lastDay().lengthOfMonth() / period.days();
        WhatIf whatIf = whatIf(groupCounts(rows.stream().filter(WindowStats::priced).toList(), WindowStats::modelId), totals.costUsd());
        whatIf.alternatives().stream().filter(a -> a.savingUsd() > 0.005).limit(2).forEach(a -> out.add(new ReportModel.Recommendation(
                String.format(Locale.ROOT, "Move %s to %s, the cheaper model of its family, where its quality is enough: "
                        + "%s less on this period's %,d requests.", a.modelId(), a.alternativeId(), money(a.savingUsd()), a.invocations()),
                a.savingUsd(), a.savingUsd() * toMonth)));
        whatIf.caching().stream().filter(c -> c.savingUsd() > 0.005).limit(1).forEach(c -> out.add(new ReportModel.Recommendation(
                String.format(Locale.ROOT, "Turn on prompt caching for %s: if %.0f%% of its input is a repeated prefix, %s less "
                        + "(before cache-write charges).", c.modelId(), 100 * whatIf.cacheShare(), money(c.savingUsd())),
                c.savingUsd(), c.savingUsd() * toMonth)));
        for (PriceLookup.Commitment commitment : prices.commitments(period.from(), period.to())) {
            long requests = rows.stream().filter(r -> commitment.provisionedModel().equals(r.modelId()))
                    .mapToLong(r -> r.stats().invocations).sum();
            if (requests < commitment.hours()) {
                out.add(new ReportModel.Recommendation(String.format(Locale.ROOT,
                        "Provisioned throughput %s (%d model units) cost %s for %,d requests, fewer than one an hour: "
                                + "delete it or move its traffic to on-demand.", commitment.provisionedModel(),
                        commitment.modelUnits(), money(commitment.commitmentUsd()), requests),
                        commitment.commitmentUsd(), commitment.commitmentUsd() * toMonth));
            }
        }
        if (whatIf.batchSavingUsd() > 0.005) {
            out.add(new ReportModel.Recommendation(String.format(Locale.ROOT,
                    "Send work that can wait (indexing, nightly jobs, evaluations) as batch inference at %.0f%% off: "
                            + "up to %s if all of this period's traffic could wait.", 100 * whatIf.batchDiscount(),
                    money(whatIf.batchSavingUsd())), whatIf.batchSavingUsd(), whatIf.batchSavingUsd() * toMonth));
        }
        out.sort(Comparator.comparingDouble(ReportModel.Recommendation::periodUsd).reversed());
        return out;
    }

    static String money(double usd) {
        return usd != 0 && Math.abs(usd) < 0.01 ? String.format(Locale.ROOT, "$%.4f", usd) : String.format(Locale.ROOT, "$%,.2f", usd);
    }

    // ------------------------------------------------------------------------------------------ cost

    private Cost cost(List<WindowStats> rows, Period period, UsageHistory history, Instant generatedAt) {
        Totals totals = totals(rows);
        List<Usage> byModel = usage(rows, WindowStats::modelId, Integer.MAX_VALUE, totals, null);
        double unattributed = rows.stream().filter(r -> r.application().isEmpty()).mapToDouble(r -> r.stats().costUsd).sum();
        Map<String, Stats> modelStats = groupCounts(rows.stream().filter(WindowStats::priced).toList(), WindowStats::modelId);
        List<Unpriced> unpriced = groupCounts(rows.stream().filter(r -> !r.priced()).toList(), WindowStats::modelId).entrySet().stream()
                .map(e -> new Unpriced(e.getKey(), e.getValue().invocations, e.getValue().totalTokens()))
                .sorted(Comparator.comparingLong(Unpriced::invocations).reversed()).toList();
        Map<String, String> labels = names.namesOf(principalsOf(rows, List.of()));
        return new Cost(totals, byModel,
                usage(rows, WindowStats::principalArn, settings.top(), totals, labels::get),
                usage(rows, WindowStats::application, Integer.MAX_VALUE, totals, null),
                daily(rows, period), budget(totals.costUsd(), period, history, generatedAt), cacheSavings(modelStats), unpriced,
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

    /** Prompt caching net of its cost, per priced model, at the current list prices (see {@link CacheSavings}). */
    private CacheSavings cacheSavings(Map<String, Stats> modelStats) {
        List<CacheSaving> savings = new ArrayList<>();
        modelStats.forEach((model, stats) -> {
            PriceLookup.ModelPrice price = prices.priceOf(model);
            long reads = stats.cacheReadTokens - stats.unbilledCacheReadTokens;
            long writes = stats.cacheWriteTokens - stats.unbilledCacheWriteTokens;
            if (price == null || reads <= 0 && writes <= 0) {
                return;
            }
            long writes1h = Math.min(writes, stats.cacheWrite1hTokens);
            double readSaving = reads * (price.inputPer1k() - price.cacheReadPer1k()) / 1000;
            double writePremium = ((writes - writes1h) * (price.cacheWritePer1k() - price.inputPer1k())
                    + writes1h * (price.cacheWrite1hPer1k() - price.inputPer1k())) / 1000;
            savings.add(new CacheSaving(model, reads, writes, readSaving, writePremium, readSaving - writePremium));
        });
        savings.sort(Comparator.comparingDouble(CacheSaving::netSavedUsd).reversed().thenComparing(CacheSaving::modelId));
        return new CacheSavings(savings, savings.stream().mapToLong(CacheSaving::cacheReadTokens).sum(),
                savings.stream().mapToLong(CacheSaving::cacheWriteTokens).sum(), sum(savings, CacheSaving::readSavingUsd),
                sum(savings, CacheSaving::writePremiumUsd), sum(savings, CacheSaving::netSavedUsd));
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

    /**
     * Spend against the monthly budget, and the month-end projection of the month the period ends in, as of
     * the period's end: or, for a period not over when the report is made, as of the end of the last hour
     * with traffic (so days still to come are not counted as $0). See {@link Budget}.
     */
    Budget budget(double actual, Period period, UsageHistory history, Instant generatedAt) {
        ZoneId zone = period.zone();
        YearMonth month = YearMonth.from(period.lastDay());
        Instant monthStart = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant asOf = projectionTime(period, history, generatedAt);
        if (asOf.isBefore(monthStart)) {
            asOf = monthStart;
        }
        double monthToDate = history.costUsd(monthStart, asOf);
        MonthEndProjection projection = MonthEndProjection.of(monthToDate, history.firstTraffic(monthStart, asOf), asOf, monthEnd);
        double monthly = settings.budgetMonthlyUsd();
        if (monthly <= 0) {
            return new Budget(false, 0, 0, actual, null, month.toString(), monthToDate, projection.perDayUsd(),
                    projection.projectedUsd(), null, "no budget set", MonthEndProjection.METHOD,
                    projection.projectedUsd() > 0 ? suggestedBudget(projection.projectedUsd()) : null);
        }
        int monthDays = month.lengthOfMonth();
        double periodBudget = monthly * Math.min(period.days(), monthDays) / monthDays;
        double projected = projection.projectedUsd();
        String status = projected > monthly ? "over budget" : projected > monthly * 0.9 ? "close to budget" : "within budget";
        return new Budget(true, monthly, periodBudget, actual, actual / periodBudget, month.toString(), monthToDate,
                projection.perDayUsd(), projected, projection.runwayDays(monthly), status, MonthEndProjection.METHOD, null);
    }

    /** When the month-end projection is made: the period's end, or the end of its traffic so far while it is not over. */
    static Instant projectionTime(Period period, UsageHistory history, Instant generatedAt) {
        if (generatedAt == null || !generatedAt.isBefore(period.to())) {
            return period.to();
        }
        Instant lastTraffic = history.lastTrafficEnd(period.to());
        return lastTraffic == null || lastTraffic.isBefore(period.from()) ? period.from() : lastTraffic;
    }

    /** A budget to start with: the projection and a fifth on top, rounded up to two significant digits. */
    static double suggestedBudget(double projectedUsd) {
        double target = projectedUsd * 1.2;
        double step = Math.pow(10, Math.floor(Math.log10(target)) - 1);
        return Math.ceil(target / step - 1e-9) * step;
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
        rows.stream().map(WindowStats::principalArn).filter(ReportBuilder::isPrincipal).forEach(principals::add);
        return new Totals(s.invocations, s.invocations - s.errors - s.throttles, s.invocations == 0 ? null : s.successRate(),
                s.errors, s.throttles, s.serverErrors, s.inputTokens, s.outputTokens, s.cacheReadTokens, s.cacheWriteTokens,
                s.totalTokens(), s.costUsd, s.guardrailInterventions, principals.size());
    }

    /** A row's principal counts when the log named one (an empty identity is no principal). */
    static boolean isPrincipal(String arn) {
        return arn != null && !arn.isEmpty();
    }

    private static Latency latency(ValueHistogram h) {
        return new Latency(h.percentile(50), h.percentile(95), h.percentile(99), h.isEmpty() ? null : h.max(), h.count());
    }

    /**
     * Top entries by cost, then invocations; {@code share} is the entry's part of the total cost (or of
     * invocations when nothing cost money); {@code label} names an entry for readers (null: its name).
     */
    private static List<Usage> usage(List<WindowStats> rows, Function<WindowStats, String> key, int limit, Totals totals,
                                     Function<String, String> label) {
        return groupCounts(rows, key).entrySet().stream()
                .map(e -> {
                    Stats s = e.getValue();
                    double share = totals.costUsd() > 0 ? s.costUsd / totals.costUsd()
                            : totals.invocations() == 0 ? 0 : (double) s.invocations / totals.invocations();
                    String shown = label == null ? null : label.apply(e.getKey());
                    return new Usage(e.getKey(), shown == null ? e.getKey() : shown, s.invocations, s.errors + s.throttles,
                            s.totalTokens(), s.costUsd, share);
                })
                .sorted(Comparator.comparingDouble(Usage::costUsd).reversed()
                        .thenComparing(Comparator.comparingLong(Usage::invocations).reversed())
                        .thenComparing(Usage::name))
                .limit(limit)
                .toList();
    }

    private static List<TrendPoint> hourly(List<WindowStats> rows, Period period) {
        Map<String, Stats> buckets = new LinkedHashMap<>();
        for (Instant hour = period.from(); hour.isBefore(period.to()); hour = hour.plus(Duration.ofHours(1))) {
            buckets.putIfAbsent(hourLabel(hour, period), new Stats());
        }
        Map<String, Set<String>> principals = new HashMap<>();
        long firstSecond = period.from().getEpochSecond();
        rows.forEach(r -> {
            Instant hour = r.windowStart().minusSeconds(Math.floorMod(r.windowStart().getEpochSecond() - firstSecond, 3600L));
            String label = hourLabel(hour, period);
            buckets.computeIfAbsent(label, h -> new Stats()).mergeCounts(r.stats());
            addPrincipal(principals, label, r);
        });
        return trend(buckets, principals);
    }

    private static String hourLabel(Instant hour, Period period) {
        return period.days() == 1 ? HOUR.format(hour.atZone(period.zone())) : hour.atZone(period.zone()).toLocalDateTime().toString();
    }

    private static List<TrendPoint> daily(List<WindowStats> rows, Period period) {
        Map<String, Stats> buckets = new LinkedHashMap<>();
        calendarBuckets(period).forEach(d -> buckets.put(d, new Stats()));
        Map<String, Set<String>> principals = new HashMap<>();
        rows.forEach(r -> {
            String label = calendarBucket(r.windowStart(), period);
            buckets.computeIfAbsent(label, d -> new Stats()).mergeCounts(r.stats());
            addPrincipal(principals, label, r);
        });
        return trend(buckets, principals);
    }

    private static void addPrincipal(Map<String, Set<String>> principals, String bucket, WindowStats row) {
        if (isPrincipal(row.principalArn())) {
            principals.computeIfAbsent(bucket, b -> new HashSet<>()).add(row.principalArn());
        }
    }

    private static List<TrendPoint> trend(Map<String, Stats> buckets, Map<String, Set<String>> principals) {
        long peak = buckets.values().stream().mapToLong(s -> s.invocations).max().orElse(0);
        double peakCost = buckets.values().stream().mapToDouble(s -> s.costUsd).max().orElse(0);
        return buckets.entrySet().stream()
                .map(e -> {
                    Stats s = e.getValue();
                    return new TrendPoint(e.getKey(), s.invocations, s.errors + s.throttles, s.totalTokens(), s.costUsd,
                            peak == 0 ? 0 : (double) s.invocations / peak, peakCost <= 0 ? 0 : s.costUsd / peakCost,
                            s.invocations == 0 ? null : s.costUsd / s.invocations * 1000,
                            principals.getOrDefault(e.getKey(), Set.of()).size());
                })
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
