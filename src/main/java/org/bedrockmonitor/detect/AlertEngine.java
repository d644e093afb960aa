package org.bedrockmonitor.detect;

import static org.bedrockmonitor.detect.AlertTypes.COST_BUDGET;
import static org.bedrockmonitor.detect.AlertTypes.HIGH_ERROR_RATE;
import static org.bedrockmonitor.detect.AlertTypes.HIGH_LATENCY;
import static org.bedrockmonitor.detect.AlertTypes.LOG_INGESTION_STALLED;
import static org.bedrockmonitor.detect.AlertTypes.LOW_SUCCESS_RATE;
import static org.bedrockmonitor.detect.AlertTypes.SERVICE_ERRORS;
import static org.bedrockmonitor.detect.AlertTypes.STATISTICAL_ANOMALY;
import static org.bedrockmonitor.detect.AlertTypes.TOKEN_USAGE_SPIKE;
import static org.bedrockmonitor.detect.AlertTypes.UNAPPROVED_MODEL;
import static org.bedrockmonitor.detect.AlertTypes.USAGE_SPIKE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.bedrockmonitor.aggregate.ErrorCodes;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.detect.Alert.Severity;
import org.bedrockmonitor.detect.Alert.Window;

/**
 * Evaluates the alert rules over aggregated windows. Rows of one window may arrive in several batches
 * (one per source object, late and out of order), so the engine merges them into its own state per
 * window and evaluates a window once it is closed: when the newest window seen ends at least the grace
 * period after it, or on {@link #flush()} at the end of an analysis. Model-level rules (error rate,
 * success rate, latency, server errors, anomaly) run per model; volume rules (token and usage spikes) run
 * per model and per principal; the budget runs on the account total.
 */
public final class AlertEngine {

    private static final double DAY_SECONDS = 86_400.0;

    private final DetectionSettings settings;
    private final ToDoubleFunction<String> outputPricePer1k;
    private final Clock clock;

    private final NavigableMap<Instant, WindowState> pending = new TreeMap<>();
    private Instant newestWindowEnd;
    private Instant lastEvaluatedStart;
    private long lateRows;

    private final Map<String, Series> models = new TreeMap<>();
    private final Map<String, Series> principals = new TreeMap<>();
    private final Series total = new Series(null, null);
    private final Map<String, Alert> firing = new HashMap<>();
    private final Map<String, Double> anomalyScores = new TreeMap<>();

    private final Map<YearMonth, Double> monthCost = new HashMap<>();
    private final Map<YearMonth, Instant> monthFirstWindow = new HashMap<>();
    private final Map<YearMonth, Severity> budgetRaised = new HashMap<>();

    private Instant lastObjectArrival;
    private Alert stallAlert;
    private Alert stallResolution;

    public AlertEngine(DetectionSettings settings, ToDoubleFunction<String> outputPricePer1k, Clock clock) {
        this.settings = settings;
        this.outputPricePer1k = outputPricePer1k;
        this.clock = clock;
    }

    /** Merges the rows of one source object and returns the alerts of every window that closed. */
    public synchronized List<Alert> accept(List<WindowStats> rows) {
        Map<String, Alert> raised = new LinkedHashMap<>();
        for (WindowStats row : rows) {
            YearMonth month = YearMonth.from(row.windowStart().atOffset(ZoneOffset.UTC));
            monthCost.merge(month, row.stats().costUsd, Double::sum);
            monthFirstWindow.merge(month, row.windowStart(), (a, b) -> a.isBefore(b) ? a : b);
            checkModelUse(row).ifPresent(alert -> raised.putIfAbsent(alert.id(), alert));
            if (lastEvaluatedStart != null && !row.windowStart().isAfter(lastEvaluatedStart)) {
                lateRows++;
                continue;
            }
            pending.computeIfAbsent(row.windowStart(), start -> new WindowState(row.windowSeconds())).add(row);
            if (newestWindowEnd == null || row.windowEnd().isAfter(newestWindowEnd)) {
                newestWindowEnd = row.windowEnd();
            }
        }
        List<Alert> alerts = new ArrayList<>(raised.values());
        if (newestWindowEnd != null) {
            evaluateClosedBy(newestWindowEnd.minus(settings.grace), alerts);
        }
        return alerts;
    }

    /** Evaluates every window still open: the input is complete (end of an analysis). */
    public synchronized List<Alert> flush() {
        List<Alert> alerts = new ArrayList<>();
        evaluateClosedBy(Instant.MAX, alerts);
        for (Series series : models.values()) {
            completeHour(series, alerts);
        }
        for (Series series : principals.values()) {
            completeHour(series, alerts);
        }
        return alerts;
    }

    public void objectArrived() {
        objectArrived(clock.instant());
    }

    /** Records that a log object arrived: the heartbeat {@link #checkIngestion(Instant)} watches. */
    public synchronized void objectArrived(Instant now) {
        if (stallAlert != null) {
            Window window = new Window(stallAlert.window().from(), now);
            stallResolution = stallAlert.resolvedBy(window, 0, String.format(Locale.ROOT,
                    "Log objects arrive again after %d minutes without any.",
                    Duration.between(stallAlert.window().from(), now).toMinutes()));
            firing.remove(key(stallAlert));
            stallAlert = null;
        }
        lastObjectArrival = now;
    }

    public List<Alert> checkIngestion() {
        return checkIngestion(clock.instant());
    }

    /**
     * LOG_INGESTION_STALLED when no log object arrived for the stall period although the last hour of
     * data had traffic (a quiet account is not a blind spot); its resolution once objects arrive again.
     */
    public synchronized List<Alert> checkIngestion(Instant now) {
        List<Alert> alerts = new ArrayList<>();
        if (stallResolution != null) {
            alerts.add(stallResolution);
            stallResolution = null;
        }
        if (lastObjectArrival == null || stallAlert != null) {
            return alerts;
        }
        Duration silence = Duration.between(lastObjectArrival, now);
        long recentInvocations = recentInvocations();
        if (silence.compareTo(settings.ingestionStall) > 0
                && recentInvocations >= settings.ingestionMinExpectedInvocations) {
            stallAlert = Alert.of(LOG_INGESTION_STALLED, Severity.CRITICAL, null, null,
                    new Window(lastObjectArrival, now), silence.toMinutes(), settings.ingestionStall.toMinutes(),
                    String.format(Locale.ROOT,
                            "No log object arrived for %d minutes (limit %d) although the last hour of data had %,d invocations.",
                            silence.toMinutes(), settings.ingestionStall.toMinutes(), recentInvocations));
            firing.put(key(stallAlert), stallAlert);
            alerts.add(stallAlert);
        }
        return alerts;
    }

    /** The latest robust anomaly score of each model's tokens per window (the AnomalyScore metric). */
    public synchronized Map<String, Double> anomalyScores() {
        return Map.copyOf(anomalyScores);
    }

    /** Rows that arrived for a window already evaluated (counted in cost, not re-evaluated). */
    public synchronized long lateRows() {
        return lateRows;
    }

    private void evaluateClosedBy(Instant watermark, List<Alert> alerts) {
        Iterator<Map.Entry<Instant, WindowState>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Instant, WindowState> entry = it.next();
            Instant start = entry.getKey();
            WindowState state = entry.getValue();
            if (start.plusSeconds(state.windowSeconds).isAfter(watermark)) {
                break;
            }
            evaluate(start, state, alerts);
            lastEvaluatedStart = start;
            it.remove();
        }
    }

    private void evaluate(Instant start, WindowState state, List<Alert> alerts) {
        Window window = new Window(start, start.plusSeconds(state.windowSeconds));
        state.byModel.forEach((model, stats) -> {
            Series series = models.computeIfAbsent(model, m -> new Series(m, null));
            rateRules(series, window, stats, alerts);
            volumeRules(series, window, stats, alerts);
        });
        state.byPrincipal.forEach((principal, stats) -> {
            Series series = principals.computeIfAbsent(principal, p -> new Series(null, p));
            volumeRules(series, window, stats, alerts);
        });
        total.remember(new Point(start, state.total.invocations, 0, state.total.totalTokens(), false, false),
                capacity());
        budgetRule(window, alerts);
    }

    // ---- rules on rates and latency (per model) -------------------------------------------------------

    private void rateRules(Series series, Window window, Stats stats, List<Alert> alerts) {
        long failures = stats.errors + stats.throttles;
        boolean enoughRequests = stats.invocations >= settings.minRequests;
        boolean errorBreach = enoughRequests && stats.errorRate() * 100 > settings.errorRatePercent;
        series.pendingErrorBreach = errorBreach;

        int sustained = settings.windowsCovering(settings.errorRateSustained);
        List<Point> run = series.consecutiveRun(window.from(), sustained - 1, settings.windowSeconds);
        long spanInvocations = stats.invocations + (run == null ? 0 : run.stream().mapToLong(Point::invocations).sum());
        long spanFailures = failures + (run == null ? 0 : run.stream().mapToLong(Point::failures).sum());
        if (errorBreach && run != null && run.stream().allMatch(Point::errorBreach)
                && spanFailures >= settings.errorRateMinFailures) {
            long invocations = spanInvocations;
            long failed = spanFailures;
            double percent = 100.0 * failed / invocations;
            Window span = new Window(window.to().minusSeconds((long) sustained * settings.windowSeconds), window.to());
            fire(alerts, Alert.of(HIGH_ERROR_RATE, Severity.CRITICAL, series.model, null, span, percent,
                    settings.errorRatePercent, String.format(Locale.ROOT,
                            "Error rate of %s was %.1f%% (%,d of %,d invocations failed or were throttled) over %d minutes, above %.1f%%.",
                            series.model, percent, failed, invocations, span.from().until(span.to(), ChronoUnit.MINUTES),
                            settings.errorRatePercent)));
        } else if (enoughRequests && !errorBreach) {
            clear(alerts, HIGH_ERROR_RATE, series, window, stats.errorRate() * 100,
                    () -> String.format(Locale.ROOT, "Error rate of %s is back to %.1f%% (threshold %.1f%%).",
                            series.model, stats.errorRate() * 100, settings.errorRatePercent));
        }

        Instant periodStart = window.to().minus(settings.successRatePeriod);
        if (series.firstWindow != null && !series.firstWindow.isAfter(periodStart)) {
            long invocations = stats.invocations;
            long failed = failures;
            for (Point point : series.recent) {
                if (point.start().isBefore(periodStart)) {
                    continue;
                }
                invocations += point.invocations();
                failed += point.failures();
            }
            if (invocations >= settings.minRequests) {
                double successPercent = 100.0 * (invocations - failed) / invocations;
                Window period = new Window(periodStart, window.to());
                if (successPercent < settings.successRatePercent) {
                    fire(alerts, Alert.of(LOW_SUCCESS_RATE, Severity.WARNING, series.model, null, period,
                            successPercent, settings.successRatePercent, String.format(Locale.ROOT,
                                    "Success rate of %s was %.1f%% over the last %d minutes (%,d of %,d invocations), below %.1f%%.",
                                    series.model, successPercent, settings.successRatePeriod.toMinutes(),
                                    invocations - failed, invocations, settings.successRatePercent)));
                } else {
                    clear(alerts, LOW_SUCCESS_RATE, series, window, successPercent, () -> String.format(Locale.ROOT,
                            "Success rate of %s is back to %.1f%% over the last %d minutes (threshold %.1f%%).",
                            series.model, successPercent, settings.successRatePeriod.toMinutes(),
                            settings.successRatePercent));
                }
            }
        }

        if (stats.latencyMs.count() >= settings.minRequests) {
            double average = stats.latencyMs.mean();
            long p95 = stats.latencyMs.percentile(95);
            boolean averageBreach = average > settings.latencyAverageMs;
            if (averageBreach || p95 > settings.latencyP95Ms) {
                fire(alerts, Alert.of(HIGH_LATENCY, Severity.WARNING, series.model, null, window,
                        averageBreach ? average : p95, averageBreach ? settings.latencyAverageMs : settings.latencyP95Ms,
                        String.format(Locale.ROOT,
                                "Latency of %s: average %.1f s and p95 %.1f s over %,d invocations, above the limit of %.1f s (average) or %.1f s (p95).",
                                series.model, average / 1000, p95 / 1000.0, stats.latencyMs.count(),
                                settings.latencyAverageMs / 1000, settings.latencyP95Ms / 1000)));
            } else {
                clear(alerts, HIGH_LATENCY, series, window, average, () -> String.format(Locale.ROOT,
                        "Latency of %s is back to an average of %.1f s and p95 %.1f s.", series.model,
                        average / 1000, p95 / 1000.0));
            }
        }

        if (stats.serverErrors > settings.serviceErrorsThreshold) {
            fire(alerts, Alert.of(SERVICE_ERRORS, Severity.CRITICAL, series.model, null, window, stats.serverErrors,
                    settings.serviceErrorsThreshold, String.format(Locale.ROOT,
                            "Bedrock returned %,d server-side errors for %s in %d minutes (%s), above %,d.",
                            stats.serverErrors, series.model, settings.windowSeconds / 60, serverErrorCodes(stats),
                            settings.serviceErrorsThreshold)));
        } else if (stats.invocations > 0) {
            clear(alerts, SERVICE_ERRORS, series, window, stats.serverErrors, () -> String.format(Locale.ROOT,
                    "Server-side errors for %s are back to %,d per window.", series.model, stats.serverErrors));
        }
    }

    private static String serverErrorCodes(Stats stats) {
        StringBuilder codes = new StringBuilder();
        stats.errorCodes.forEach((code, count) -> {
            if (ErrorCodes.isServerSide(code)) {
                codes.append(codes.length() == 0 ? "" : ", ").append(code).append(' ').append(count);
            }
        });
        return codes.toString();
    }

    // ---- rules on volume (per model and per principal) ------------------------------------------------

    private void volumeRules(Series series, Window window, Stats stats, List<Alert> alerts) {
        long tokens = stats.totalTokens();
        boolean warm = series.recent.size() >= settings.warmupWindows;

        boolean spike = false;
        if (warm) {
            double[] history = series.oldestFirstTokens(settings.tokenSpikeBaselineWindows);
            double baseline = RobustStats.median(history);
            double limit = settings.tokenSpikePercent / 100.0 * baseline;
            double score = RobustStats.trendTolerantScore(tokens, history, history.length, 0);
            spike = tokens >= settings.tokenSpikeMinTokens && tokens > limit && score >= settings.tokenSpikeMinScore;
            List<Point> run = series.consecutiveRun(window.from(), settings.tokenSpikeSustainedWindows - 1,
                    settings.windowSeconds);
            if (spike && run != null && run.stream().allMatch(Point::tokenSpike)) {
                long minutes = (long) settings.tokenSpikeSustainedWindows * settings.windowSeconds / 60;
                fire(alerts, Alert.of(TOKEN_USAGE_SPIKE, Severity.WARNING, series.model, series.principal,
                        new Window(window.to().minusSeconds(minutes * 60), window.to()), tokens, limit,
                        String.format(Locale.ROOT,
                                "%s used %,d tokens in %d minutes, %.0f%% of its baseline of %,.0f (limit %.0f%%), for %d minutes in a row.",
                                series.describe(), tokens, settings.windowSeconds / 60, 100.0 * tokens / baseline, baseline,
                                settings.tokenSpikePercent, minutes)));
            } else if (!spike) {
                clear(alerts, TOKEN_USAGE_SPIKE, series, window, tokens, () -> String.format(Locale.ROOT,
                        "%s is back to %,d tokens per window (limit %,.0f).", series.describe(), tokens, limit));
            }
        }

        boolean anomalous = false;
        if (series.model != null && warm) {
            boolean seasonal = series.usesHourOfWeek(window.from(), settings);
            double[] history = series.anomalyHistory(window.from(), settings);
            double score = seasonal
                    ? RobustStats.score(tokens, history, settings.anomalyMinRelativeDeviation)
                    : RobustStats.trendTolerantScore(tokens, history, settings.anomalyLocationWindows,
                            settings.anomalyMinRelativeDeviation);
            anomalyScores.put(series.model, score);
            anomalous = score > settings.anomalyThreshold;
            List<Point> run = series.consecutiveRun(window.from(), settings.anomalySustainedWindows - 1,
                    settings.windowSeconds);
            if (anomalous && run != null && run.stream().allMatch(Point::anomalous)) {
                double typical = seasonal ? RobustStats.median(history)
                        : RobustStats.median(Arrays.copyOfRange(history,
                                Math.max(0, history.length - settings.anomalyLocationWindows), history.length));
                fire(alerts, Alert.of(STATISTICAL_ANOMALY, Severity.INFO, series.model, null,
                        new Window(window.to().minusSeconds((long) settings.anomalySustainedWindows * settings.windowSeconds),
                                window.to()),
                        score, settings.anomalyThreshold, String.format(Locale.ROOT,
                                "Tokens of %s are unusual: %,d in the last window against a typical %,.0f (%s), robust score %.1f above %.1f for %d windows in a row.",
                                series.model, tokens, typical, seasonal ? "same hour in previous weeks" : "recent windows",
                                score, settings.anomalyThreshold, settings.anomalySustainedWindows)));
            } else if (!anomalous) {
                clear(alerts, STATISTICAL_ANOMALY, series, window, score, () -> String.format(Locale.ROOT,
                        "Tokens of %s are back to normal (robust score %.1f).", series.model, score));
            }
        }

        usageRules(series, window, tokens, alerts);
        series.remember(new Point(window.from(), stats.invocations, stats.errors + stats.throttles, tokens,
                spike, anomalous, series.pendingErrorBreach), capacity());
        series.pendingErrorBreach = false;
        series.rememberHourOfWeek(window.from(), tokens, settings.anomalyHistoryWeeks);
    }

    /**
     * USAGE_SPIKE, two horizons of the seed's "200% of the daily average": a day so far against the
     * average of the previous days (fires once a day, as soon as it is crossed), and a completed hour
     * against the average hour of the last 24 active hours (catches a burst the same day).
     */
    private void usageRules(Series series, Window window, long tokens, List<Alert> alerts) {
        Instant hour = window.from().truncatedTo(ChronoUnit.HOURS);
        if (series.currentHour != null && !series.currentHour.equals(hour)) {
            completeHour(series, alerts);
        }
        series.currentHour = hour;
        series.currentHourTokens += tokens;

        LocalDate day = LocalDate.ofInstant(window.from(), ZoneOffset.UTC);
        if (series.currentDay != null && !series.currentDay.equals(day)) {
            series.dayTotals.addLast(series.dayTokens);
            while (series.dayTotals.size() > 7) {
                series.dayTotals.removeFirst();
            }
            series.dayTokens = 0;
        }
        series.currentDay = day;
        series.dayTokens += tokens;
        if (!series.dayTotals.isEmpty() && !day.equals(series.dailySpikeRaised)) {
            double average = series.dayTotals.stream().mapToLong(Long::longValue).average().orElse(0);
            double limit = settings.usageSpikePercent / 100.0 * average;
            if (series.dayTokens >= settings.usageSpikeMinTokens && series.dayTokens > limit) {
                series.dailySpikeRaised = day;
                Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                fire(alerts, Alert.of(USAGE_SPIKE, Severity.WARNING, series.model, series.principal,
                        new Window(dayStart, window.to()), series.dayTokens, limit, String.format(Locale.ROOT,
                                "%s used %,d tokens on %s so far, %.0f%% of its daily average of %,.0f over the previous %d days (limit %.0f%%).",
                                series.describe(), series.dayTokens, day, 100.0 * series.dayTokens / average, average,
                                series.dayTotals.size(), settings.usageSpikePercent)));
            }
        }
    }

    private void completeHour(Series series, List<Alert> alerts) {
        if (series.currentHour == null) {
            return;
        }
        long tokens = series.currentHourTokens;
        Window hourWindow = new Window(series.currentHour, series.currentHour.plus(1, ChronoUnit.HOURS));
        if (series.hourTotals.size() >= settings.usageSpikeWarmupHours) {
            double average = series.hourTotals.stream().mapToLong(Long::longValue).average().orElse(0);
            double limit = settings.usageSpikePercent / 100.0 * average;
            if (tokens >= settings.usageSpikeMinTokens && tokens > limit) {
                fire(alerts, Alert.of(USAGE_SPIKE, Severity.WARNING, series.model, series.principal, hourWindow,
                        tokens, limit, String.format(Locale.ROOT,
                                "%s used %,d tokens in the hour from %s, %.0f%% of its average hour of %,.0f (limit %.0f%%).",
                                series.describe(), tokens, series.currentHour, 100.0 * tokens / average, average,
                                settings.usageSpikePercent)));
            } else {
                clear(alerts, USAGE_SPIKE, series, hourWindow, tokens, () -> String.format(Locale.ROOT,
                        "%s is back to %,d tokens an hour (limit %,.0f).", series.describe(), tokens, limit));
            }
        }
        series.hourTotals.addLast(tokens);
        while (series.hourTotals.size() > 24) {
            series.hourTotals.removeFirst();
        }
        series.currentHour = null;
        series.currentHourTokens = 0;
    }

    // ---- budget (account total) -----------------------------------------------------------------------

    private void budgetRule(Window window, List<Alert> alerts) {
        double budget = settings.monthlyBudgetUsd;
        if (budget <= 0) {
            return;
        }
        YearMonth month = YearMonth.from(window.from().atOffset(ZoneOffset.UTC));
        double spent = monthCost.getOrDefault(month, 0.0);
        double limit = settings.budgetPercent / 100.0 * budget;
        if (spent <= limit) {
            return;
        }
        Severity severity = spent >= budget ? Severity.CRITICAL : Severity.WARNING;
        Severity already = budgetRaised.get(month);
        if (already != null && already.compareTo(severity) >= 0) {
            return;
        }
        budgetRaised.put(month, severity);
        Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        double observedDays = Math.max(Duration.between(monthFirstWindow.get(month), window.to()).toSeconds(), 3600)
                / DAY_SECONDS;
        double perDay = spent / observedDays;
        double remainingDays = Math.max(0, Duration.between(window.to(), monthEnd).toSeconds()) / DAY_SECONDS;
        double projected = spent + perDay * remainingDays;
        double runwayDays = spent >= budget ? 0 : (budget - spent) / perDay;
        fire(alerts, Alert.of(COST_BUDGET, severity, null, null, new Window(monthStart, window.to()), spent, limit,
                String.format(Locale.ROOT,
                        "Month-to-date cost $%,.2f is %.0f%% of the $%,.2f monthly budget; at $%,.2f a day the month ends near $%,.2f and the budget %s.",
                        spent, 100 * spent / budget, budget, perDay, projected,
                        runwayDays == 0 ? "is already spent" : String.format(Locale.ROOT, "runs out in %.1f days", runwayDays))));
    }

    // ---- model policy (on arrival, no baseline needed) ------------------------------------------------

    private Optional<Alert> checkModelUse(WindowStats row) {
        String model = row.modelId();
        String principal = row.principalArn();
        Window window = new Window(row.windowStart(), row.windowEnd());
        if (!settings.approvedModels.isEmpty() && !isApproved(model)) {
            return Optional.of(Alert.of(UNAPPROVED_MODEL, Severity.WARNING, model, principal, window,
                    row.stats().invocations, 0, String.format(Locale.ROOT,
                            "%s called %s %,d times; the model is not on the approved list.",
                            principal, model, row.stats().invocations)));
        }
        double price = outputPricePer1k.applyAsDouble(model);
        if (settings.expensiveOutputPricePer1k > 0 && price > settings.expensiveOutputPricePer1k
                && !settings.expensiveModelPrincipals.contains(principal)) {
            return Optional.of(Alert.of(UNAPPROVED_MODEL, Severity.WARNING, model, principal, window, price,
                    settings.expensiveOutputPricePer1k, String.format(Locale.ROOT,
                            "%s called the expensive model %s ($%.4f per 1k output tokens, limit $%.4f) %,d times without approval.",
                            principal, model, price, settings.expensiveOutputPricePer1k, row.stats().invocations)));
        }
        return Optional.empty();
    }

    private boolean isApproved(String model) {
        return settings.approvedModels.contains(model) || settings.approvedModels.contains(withoutRegionPrefix(model));
    }

    static String withoutRegionPrefix(String model) {
        return org.bedrockmonitor.price.ModelIds.withoutScopePrefix(model);
    }

    // ---- firing and resolution ------------------------------------------------------------------------

    private void fire(List<Alert> alerts, Alert alert) {
        firing.put(key(alert), alert);
        alerts.add(alert);
    }

    /** The message is built only when an alert is firing: most windows clear nothing. */
    private void clear(List<Alert> alerts, String type, Series series, Window window, double observed,
                       Supplier<String> message) {
        Alert fired = firing.remove(String.join("|", type, String.valueOf(series.model), String.valueOf(series.principal)));
        if (fired != null) {
            alerts.add(fired.resolvedBy(window, observed, message.get()));
        }
    }

    private static String key(Alert alert) {
        return String.join("|", alert.condition(), String.valueOf(alert.model()), String.valueOf(alert.principal()));
    }

    private long recentInvocations() {
        long invocations = pending.values().stream().mapToLong(state -> state.total.invocations).sum();
        Instant since = newestWindowEnd == null ? Instant.MIN : newestWindowEnd.minus(Duration.ofHours(1));
        for (Point point : total.recent) {
            if (!point.start().isBefore(since)) {
                invocations += point.invocations();
            }
        }
        return invocations;
    }

    private int capacity() {
        return Math.max(Math.max(settings.tokenSpikeBaselineWindows, settings.anomalyBaselineWindows),
                Math.max(settings.windowsCovering(settings.successRatePeriod), settings.warmupWindows)) + 1
                + Math.max(settings.windowsCovering(settings.errorRateSustained),
                        Math.max(settings.tokenSpikeSustainedWindows, settings.anomalySustainedWindows));
    }

    // ---- state ----------------------------------------------------------------------------------------

    /** The merged rows of one window, not yet evaluated. */
    private static final class WindowState {
        final int windowSeconds;
        final Map<String, Stats> byModel = new TreeMap<>();
        final Map<String, Stats> byPrincipal = new TreeMap<>();
        final Stats total = new Stats();

        WindowState(int windowSeconds) {
            this.windowSeconds = windowSeconds;
        }

        /** Only the per-model rules read latency: principals and the total merge counts alone. */
        void add(WindowStats row) {
            byModel.computeIfAbsent(row.modelId(), m -> new Stats()).merge(row.stats());
            byPrincipal.computeIfAbsent(row.principalArn(), p -> new Stats()).mergeCounts(row.stats());
            total.mergeCounts(row.stats());
        }
    }

    /** One evaluated window of a series, with the per-window verdicts the sustained rules chain. */
    record Point(Instant start, long invocations, long failures, long tokens, boolean tokenSpike, boolean anomalous,
            boolean errorBreach) {
        Point(Instant start, long invocations, long failures, long tokens, boolean tokenSpike, boolean anomalous) {
            this(start, invocations, failures, tokens, tokenSpike, anomalous, false);
        }
    }

    /** The history of one model, one principal or the account total. */
    private static final class Series {
        final String model;
        final String principal;
        final Deque<Point> recent = new ArrayDeque<>();
        final Map<Integer, Deque<long[]>> hourOfWeek = new HashMap<>();
        Instant firstWindow;
        boolean pendingErrorBreach;
        Instant currentHour;
        long currentHourTokens;
        final Deque<Long> hourTotals = new ArrayDeque<>();
        LocalDate currentDay;
        long dayTokens;
        final Deque<Long> dayTotals = new ArrayDeque<>();
        LocalDate dailySpikeRaised;

        Series(String model, String principal) {
            this.model = model;
            this.principal = principal;
        }

        String describe() {
            return model != null ? "Model " + model : "Principal " + principal;
        }

        void remember(Point point, int capacity) {
            if (firstWindow == null) {
                firstWindow = point.start();
            }
            recent.addLast(point);
            while (recent.size() > capacity) {
                recent.removeFirst();
            }
        }

        List<Double> lastTokens(int count) {
            List<Double> tokens = new ArrayList<>();
            Iterator<Point> it = recent.descendingIterator();
            while (it.hasNext() && tokens.size() < count) {
                tokens.add((double) it.next().tokens());
            }
            return tokens;
        }

        /**
         * The {@code count} points right before {@code start}, oldest first, if they are consecutive
         * windows (a gap without traffic breaks a "sustained" run); null otherwise.
         */
        List<Point> consecutiveRun(Instant start, int count, int windowSeconds) {
            List<Point> run = new ArrayList<>();
            Instant expected = start.minusSeconds(windowSeconds);
            Iterator<Point> it = recent.descendingIterator();
            while (run.size() < count) {
                if (!it.hasNext()) {
                    return null;
                }
                Point point = it.next();
                if (!point.start().equals(expected)) {
                    return null;
                }
                run.add(0, point);
                expected = expected.minusSeconds(windowSeconds);
            }
            return run;
        }

        static int hourOfWeek(Instant start) {
            var time = start.atOffset(ZoneOffset.UTC);
            return (time.getDayOfWeek().getValue() - 1) * 24 + time.getHour();
        }

        static long week(Instant start) {
            return Math.floorDiv(start.getEpochSecond(), 7 * 86_400L);
        }

        void rememberHourOfWeek(Instant start, long tokens, int historyWeeks) {
            Deque<long[]> samples = hourOfWeek.computeIfAbsent(hourOfWeek(start), h -> new ArrayDeque<>());
            samples.addLast(new long[] {week(start), tokens});
            long oldest = week(start) - historyWeeks;
            while (!samples.isEmpty() && samples.peekFirst()[0] < oldest) {
                samples.removeFirst();
            }
        }

        boolean usesHourOfWeek(Instant start, DetectionSettings settings) {
            Deque<long[]> samples = hourOfWeek.get(hourOfWeek(start));
            if (samples == null) {
                return false;
            }
            long thisWeek = week(start);
            return samples.stream().filter(s -> s[0] < thisWeek).mapToLong(s -> s[0]).distinct().count()
                    >= settings.anomalyMinWeeks;
        }

        /** Same hour of the week in earlier weeks when enough weeks are known, else the recent windows. */
        double[] anomalyHistory(Instant start, DetectionSettings settings) {
            if (usesHourOfWeek(start, settings)) {
                long thisWeek = week(start);
                return hourOfWeek.get(hourOfWeek(start)).stream().filter(s -> s[0] < thisWeek)
                        .mapToDouble(s -> s[1]).toArray();
            }
            return oldestFirstTokens(settings.anomalyBaselineWindows);
        }

        double[] oldestFirstTokens(int count) {
            List<Double> newestFirst = lastTokens(count);
            double[] oldestFirst = new double[newestFirst.size()];
            for (int i = 0; i < oldestFirst.length; i++) {
                oldestFirst[i] = newestFirst.get(oldestFirst.length - 1 - i);
            }
            return oldestFirst;
        }
    }
}
