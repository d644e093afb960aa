package org.bedrockmonitor.detect;

import static org.bedrockmonitor.alerts.AlertTypes.HIGH_ERROR_RATE;
import static org.bedrockmonitor.alerts.AlertTypes.HIGH_LATENCY;
import static org.bedrockmonitor.alerts.AlertTypes.LOW_SUCCESS_RATE;
import static org.bedrockmonitor.alerts.AlertTypes.SERVICE_ERRORS;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.bedrockmonitor.aggregate.ErrorCodes;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;
import org.bedrockmonitor.detect.DetectionState.Point;
import org.bedrockmonitor.detect.DetectionState.Series;

/**
 * Rules on how a model's calls went, per window: HIGH_ERROR_RATE (a failure rate whose confidence bound
 * stays above the limit for the sustained period), LOW_SUCCESS_RATE (the slow burn over a rolling period),
 * HIGH_LATENCY (average or p95) and SERVICE_ERRORS (server-side errors). Rates are judged on a confidence
 * bound, not a minimum count, so a small model's burst is seen and one unlucky call is not.
 */
final class RateRules {

    private RateRules() {
    }

    /** Judges one model; returns whether the window alone breached the error rate (the run the sustained rule chains). */
    static boolean judge(Judgement j, Series series, Stats stats) {
        DetectionSettings settings = j.settings();
        double z = Wilson.quantile(settings.rateConfidence);
        boolean errorBreach = errorRate(j, series, stats, z);
        successRate(j, series, stats, z);
        latency(j, series, stats);
        serviceErrors(j, series, stats);
        return errorBreach;
    }

    private static boolean errorRate(Judgement j, Series series, Stats stats, double z) {
        DetectionSettings settings = j.settings();
        long failures = stats.errors + stats.throttles;
        boolean breach = stats.invocations > 0 && 100 * Wilson.lowerBound(failures, stats.invocations, z) > settings.errorRatePercent;
        int sustained = settings.windowsCovering(settings.errorRateSustained);
        List<Point> run = series.consecutiveRun(j.start(), sustained - 1, settings.windowSeconds);
        long spanInvocations = stats.invocations + (run == null ? 0 : run.stream().mapToLong(Point::invocations).sum());
        long spanFailures = failures + (run == null ? 0 : run.stream().mapToLong(Point::failures).sum());
        if (breach && run != null && run.stream().allMatch(Point::errorBreach)
                && 100 * Wilson.lowerBound(spanFailures, spanInvocations, z) > settings.errorRatePercent) {
            double percent = 100.0 * spanFailures / spanInvocations;
            Window span = new Window(j.window().to().minusSeconds((long) sustained * settings.windowSeconds), j.window().to());
            j.findings().fire(Alert.of(HIGH_ERROR_RATE, Severity.CRITICAL, series.model, null, span, percent,
                    settings.errorRatePercent, String.format(Locale.ROOT,
                            "Error rate of %s was %.1f%% (%,d of %,d invocations failed or were throttled) over %d minutes, above %.1f%%.",
                            series.model, percent, spanFailures, spanInvocations, span.from().until(span.to(), ChronoUnit.MINUTES),
                            settings.errorRatePercent)));
        } else if (!breach && stats.invocations > 0) {
            double percent = stats.errorRate() * 100;
            j.findings().clear(HIGH_ERROR_RATE, series.model, null, percent, firing -> String.format(Locale.ROOT,
                    "Error rate of %s is back to %.1f%% (threshold %.1f%%).", series.model, percent, firing.threshold()));
        }
        return breach;
    }

    private static void successRate(Judgement j, Series series, Stats stats, double z) {
        DetectionSettings settings = j.settings();
        Instant periodStart = j.window().to().minus(settings.successRatePeriod);
        if (series.firstWindow == null || series.firstWindow.isAfter(periodStart)) {
            return;
        }
        long invocations = stats.invocations;
        long failed = stats.errors + stats.throttles;
        for (Point point : series.recent) {
            if (!point.start().isBefore(periodStart)) {
                invocations += point.invocations();
                failed += point.failures();
            }
        }
        if (invocations == 0) {
            return;
        }
        double successPercent = 100.0 * (invocations - failed) / invocations;
        double failureLimit = 100 - settings.successRatePercent;
        if (100 * Wilson.lowerBound(failed, invocations, z) > failureLimit) {
            Window period = new Window(periodStart, j.window().to());
            j.findings().fire(Alert.of(LOW_SUCCESS_RATE, Severity.WARNING, series.model, null, period,
                    successPercent, settings.successRatePercent, String.format(Locale.ROOT,
                            "Success rate of %s was %.1f%% over the last %d minutes (%,d of %,d invocations), below %.1f%%.",
                            series.model, successPercent, settings.successRatePeriod.toMinutes(),
                            invocations - failed, invocations, settings.successRatePercent)));
        } else if (successPercent >= settings.successRatePercent) {
            long total = invocations;
            long ok = invocations - failed;
            j.findings().clear(LOW_SUCCESS_RATE, series.model, null, successPercent, firing -> String.format(Locale.ROOT,
                    "Success rate of %s is back to %.1f%% over the last %d minutes (%,d of %,d; threshold %.1f%%).",
                    series.model, successPercent, settings.successRatePeriod.toMinutes(), ok, total, firing.threshold()));
        }
    }

    private static void latency(Judgement j, Series series, Stats stats) {
        DetectionSettings settings = j.settings();
        if (stats.latencyMs.count() < settings.latencyMinRequests) {
            return;
        }
        double average = stats.latencyMs.mean();
        long p95 = stats.latencyMs.percentile(95);
        boolean averageBreach = average > settings.latencyAverageMs;
        if (averageBreach || p95 > settings.latencyP95Ms) {
            j.findings().fire(Alert.of(HIGH_LATENCY, Severity.WARNING, series.model, null, j.window(),
                    averageBreach ? average : p95, averageBreach ? settings.latencyAverageMs : settings.latencyP95Ms,
                    String.format(Locale.ROOT,
                            "Latency of %s: average %.1f s and p95 %.1f s over %,d invocations, above the limit of %.1f s (average) or %.1f s (p95).",
                            series.model, average / 1000, p95 / 1000.0, stats.latencyMs.count(),
                            settings.latencyAverageMs / 1000, settings.latencyP95Ms / 1000)));
        } else {
            j.findings().clear(HIGH_LATENCY, series.model, null, average, firing -> String.format(Locale.ROOT,
                    "Latency of %s is back to an average of %.1f s and p95 %.1f s (threshold %.1f s).", series.model,
                    average / 1000, p95 / 1000.0, firing.threshold() / 1000));
        }
    }

    private static void serviceErrors(Judgement j, Series series, Stats stats) {
        DetectionSettings settings = j.settings();
        if (stats.serverErrors > settings.serviceErrorsThreshold) {
            j.findings().fire(Alert.of(SERVICE_ERRORS, Severity.CRITICAL, series.model, null, j.window(), stats.serverErrors,
                    settings.serviceErrorsThreshold, String.format(Locale.ROOT,
                            "Bedrock returned %,d server-side errors for %s in %d minutes (%s), above %,d.",
                            stats.serverErrors, series.model, settings.windowSeconds / 60, serverErrorCodes(stats),
                            settings.serviceErrorsThreshold)));
        } else if (stats.invocations > 0) {
            j.findings().clear(SERVICE_ERRORS, series.model, null, stats.serverErrors, firing -> String.format(Locale.ROOT,
                    "Server-side errors for %s are back to %,d per window (threshold %,.0f).", series.model,
                    stats.serverErrors, firing.threshold()));
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
}
