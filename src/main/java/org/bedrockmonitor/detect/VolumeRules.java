package org.bedrockmonitor.detect;

import static org.bedrockmonitor.alerts.AlertTypes.STATISTICAL_ANOMALY;
import static org.bedrockmonitor.alerts.AlertTypes.TOKEN_USAGE_SPIKE;
import static org.bedrockmonitor.alerts.AlertTypes.USAGE_SPIKE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;
import org.bedrockmonitor.detect.DetectionState.Point;
import org.bedrockmonitor.detect.DetectionState.Series;

/**
 * Rules on how much a model or principal uses, against its own history: TOKEN_USAGE_SPIKE (a window
 * far above the recent baseline, sustained), STATISTICAL_ANOMALY (models: a robust score against recent
 * windows or the same hour in earlier weeks) and USAGE_SPIKE (a completed hour against the average
 * hour, and the day so far against the average day). A spike resolves only once the tokens are back
 * under the limit it was raised at, however the baseline moved meanwhile.
 */
final class VolumeRules {

    private VolumeRules() {
    }

    /** Judges one series in a window with traffic and remembers the window in its history. */
    static void judge(Judgement j, Series series, Stats stats, boolean errorBreach) {
        DetectionSettings settings = j.settings();
        long tokens = stats.totalTokens();
        boolean warm = series.recent.size() >= settings.warmupWindows;
        boolean spike = warm && tokenSpike(j, series, tokens);
        boolean anomalous = series.model != null && warm && anomaly(j, series, tokens);
        usage(j, series, tokens);
        series.remember(new Point(j.start(), stats.invocations, stats.errors + stats.throttles, tokens, spike,
                anomalous, errorBreach), j.capacity());
        if (series.model != null) {
            series.rememberHourOfWeek(j.start(), tokens, settings.anomalyHistoryWeeks);
        }
    }

    /**
     * Closes the hour of every series whose hour ended before {@code now}: a series that went quiet is
     * judged too. {@code now} is Instant.MAX at the end of an analysis (the input is complete).
     */
    static void completeHoursBefore(Judgement j, Instant now) {
        for (Series series : j.state().models.values()) {
            if (series.currentHour != null && !series.currentHour.plus(1, ChronoUnit.HOURS).isAfter(now)) {
                completeHour(j, series);
            }
        }
        for (Series series : j.state().principals.values()) {
            if (series.currentHour != null && !series.currentHour.plus(1, ChronoUnit.HOURS).isAfter(now)) {
                completeHour(j, series);
            }
        }
    }

    private static boolean tokenSpike(Judgement j, Series series, long tokens) {
        DetectionSettings settings = j.settings();
        double[] history = series.baselineTokens(settings.tokenSpikeBaselineWindows);
        double baseline = RobustStats.median(history);
        double limit = settings.tokenSpikePercent / 100.0 * baseline;
        double score = RobustStats.trendTolerantScore(tokens, history, history.length, 0);
        boolean spike = tokens >= settings.tokenSpikeMinTokens && tokens > limit && score >= settings.tokenSpikeMinScore;
        List<Point> run = series.consecutiveRun(j.start(), settings.tokenSpikeSustainedWindows - 1, settings.windowSeconds);
        if (spike && run != null && run.stream().allMatch(Point::tokenSpike)) {
            long minutes = (long) settings.tokenSpikeSustainedWindows * settings.windowSeconds / 60;
            j.findings().fire(Alert.of(TOKEN_USAGE_SPIKE, Severity.WARNING, series.model, series.principal,
                    new Window(j.window().to().minusSeconds(minutes * 60), j.window().to()), tokens, limit,
                    String.format(Locale.ROOT,
                            "%s used %,d tokens in %d minutes, %.0f%% of its baseline of %,.0f (limit %.0f%%), for %d minutes in a row.",
                            series.describe(), tokens, settings.windowSeconds / 60, 100.0 * tokens / baseline, baseline,
                            settings.tokenSpikePercent, minutes)));
        } else if (!spike) {
            j.findings().clear(TOKEN_USAGE_SPIKE, series.model, series.principal, tokens, firing -> String.format(Locale.ROOT,
                    "%s is back to %,d tokens per window (limit %,.0f when the spike was raised).", series.describe(), tokens,
                    firing.threshold()));
        }
        return spike;
    }

    private static boolean anomaly(Judgement j, Series series, long tokens) {
        DetectionSettings settings = j.settings();
        boolean seasonal = series.usesHourOfWeek(j.start(), settings);
        double[] history = series.anomalyHistory(j.start(), settings);
        double score = seasonal
                ? RobustStats.score(tokens, history, settings.anomalyMinRelativeDeviation)
                : RobustStats.trendTolerantScore(tokens, history, settings.anomalyLocationWindows,
                        settings.anomalyMinRelativeDeviation);
        j.state().anomalyScores.put(series.model, score);
        boolean anomalous = score > settings.anomalyThreshold;
        List<Point> run = series.consecutiveRun(j.start(), settings.anomalySustainedWindows - 1, settings.windowSeconds);
        if (anomalous && run != null && run.stream().allMatch(Point::anomalous)) {
            double typical = seasonal ? RobustStats.median(history)
                    : RobustStats.median(Arrays.copyOfRange(history,
                            Math.max(0, history.length - settings.anomalyLocationWindows), history.length));
            j.findings().fire(Alert.of(STATISTICAL_ANOMALY, Severity.INFO, series.model, null,
                    new Window(j.window().to().minusSeconds((long) settings.anomalySustainedWindows * settings.windowSeconds),
                            j.window().to()),
                    score, settings.anomalyThreshold, String.format(Locale.ROOT,
                            "Tokens of %s are unusual: %,d in the last window against a typical %,.0f (%s), robust score %.1f above %.1f for %d windows in a row.",
                            series.model, tokens, typical, seasonal ? "same hour in previous weeks" : "recent windows",
                            score, settings.anomalyThreshold, settings.anomalySustainedWindows)));
        } else if (!anomalous) {
            j.findings().clear(STATISTICAL_ANOMALY, series.model, null, score, firing -> String.format(Locale.ROOT,
                    "Tokens of %s are back to normal (robust score %.1f, threshold %.1f).", series.model, score,
                    firing.threshold()));
        }
        return anomalous;
    }

    /**
     * USAGE_SPIKE, two horizons of "200% of the daily average": a day so far against the average of the
     * previous days (once a day, as soon as it is crossed), and a completed hour against the average hour
     * of the last 24 active hours (a burst the same day).
     */
    private static void usage(Judgement j, Series series, long tokens) {
        DetectionSettings settings = j.settings();
        Instant hour = j.start().truncatedTo(ChronoUnit.HOURS);
        if (series.currentHour != null && !series.currentHour.equals(hour)) {
            completeHour(j, series);
        }
        series.currentHour = hour;
        series.currentHourTokens += tokens;

        LocalDate day = LocalDate.ofInstant(j.start(), ZoneOffset.UTC);
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
                j.findings().event(Alert.of(USAGE_SPIKE, Severity.WARNING, series.model, series.principal,
                        new Window(dayStart, j.window().to()), series.dayTokens, limit, String.format(Locale.ROOT,
                                "%s used %,d tokens on %s so far, %.0f%% of its daily average of %,.0f over the previous %d days (limit %.0f%%).",
                                series.describe(), series.dayTokens, day, 100.0 * series.dayTokens / average, average,
                                series.dayTotals.size(), settings.usageSpikePercent)));
            }
        }
    }

    private static void completeHour(Judgement j, Series series) {
        if (series.currentHour == null) {
            return;
        }
        DetectionSettings settings = j.settings();
        long tokens = series.currentHourTokens;
        Instant start = series.currentHour;
        Window hourWindow = new Window(start, start.plus(1, ChronoUnit.HOURS));
        if (series.hourTotals.size() >= settings.usageSpikeWarmupHours) {
            double average = series.hourTotals.stream().mapToLong(Long::longValue).average().orElse(0);
            double limit = settings.usageSpikePercent / 100.0 * average;
            if (tokens >= settings.usageSpikeMinTokens && tokens > limit) {
                j.findings().fire(Alert.of(USAGE_SPIKE, Severity.WARNING, series.model, series.principal, hourWindow,
                        tokens, limit, String.format(Locale.ROOT,
                                "%s used %,d tokens in the hour from %s, %.0f%% of its average hour of %,.0f (limit %.0f%%).",
                                series.describe(), tokens, start, 100.0 * tokens / average, average,
                                settings.usageSpikePercent)));
            } else {
                j.findings().clear(USAGE_SPIKE, series.model, series.principal, tokens, firing -> String.format(Locale.ROOT,
                        "%s is back to %,d tokens an hour (limit %,.0f when the spike was raised).", series.describe(), tokens,
                        firing.threshold()));
            }
        }
        series.hourTotals.addLast(tokens);
        while (series.hourTotals.size() > 24) {
            series.hourTotals.removeFirst();
        }
        series.currentHour = null;
        series.currentHourTokens = 0;
    }
}
