package org.bedrockmonitor.report;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.bedrockmonitor.aggregate.ErrorCodes;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertNotification;
import org.bedrockmonitor.alerts.AlertTypes;

/**
 * The three sentences at the top of the executive summary: what moved most in cost, in usage and in
 * failures against the period before, and why where the data says it: the principal behind a model's
 * cost, a principal new this period, an alert raised about the mover, the error code behind failures.
 * Without earlier data each sentence says so and names the largest share instead.
 */
final class WhatChanged {

    /** What an error code means for a reader who does not know Bedrock's codes. */
    private static final Map<String, String> MEANINGS = Map.of(
            "ThrottlingException", "throttled: the account's quota for the model was reached",
            "ServiceQuotaExceededException", "a service quota was exceeded",
            "ValidationException", "rejected as invalid: callers sent malformed requests",
            "AccessDeniedException", "denied: callers lack permission",
            "ModelTimeoutException", "the model timed out",
            "ResourceNotFoundException", "the model or resource does not exist");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private WhatChanged() {
    }

    /**
     * @param before rows of the previous period, or null when the store holds nothing from before this period
     * @param name   the display name of a principal ARN
     */
    static List<String> sentences(List<WindowStats> now, List<WindowStats> before, Function<String, String> name,
                                  List<AlertJournal.Entry> journal, Period period) {
        List<Alert> raised = journal.stream()
                .filter(e -> e.status() == AlertNotification.Status.FIRING && !e.judgedWindow().isBefore(period.from())
                        && e.judgedWindow().isBefore(period.to()))
                .map(AlertJournal.Entry::alert).toList();
        Function<String, String> named = arn -> Optional.ofNullable(name.apply(arn)).orElse(arn == null || arn.isEmpty() ? "(no principal)" : arn);
        return List.of(cost(now, before, named, raised, period), usage(now, before, named, raised, period),
                failures(now, before, raised, period));
    }

    private static String cost(List<WindowStats> now, List<WindowStats> before, Function<String, String> name,
                               List<Alert> raised, Period period) {
        double total = sum(now, s -> s.costUsd);
        Map<String, Stats> models = by(now, WindowStats::modelId);
        if (total <= 0) {
            return "Cost: nothing was spent in this period" + (before == null ? " (no earlier data)." : sum(before, s -> s.costUsd) > 0
                    ? ", against " + ReportBuilder.money(sum(before, s -> s.costUsd)) + " in the period before." : ", as in the period before.");
        }
        if (before == null) {
            Map.Entry<String, Stats> top = largest(models, s -> s.costUsd);
            return String.format(Locale.ROOT, "Cost: %s, with no earlier data to compare; the largest share was %s (%s, %.0f%%)%s.",
                    ReportBuilder.money(total), top.getKey(), ReportBuilder.money(top.getValue().costUsd),
                    100 * top.getValue().costUsd / total, mostlyBy(now, top.getKey(), null, name, raised, period));
        }
        double previous = sum(before, s -> s.costUsd);
        Mover mover = mover(models, by(before, WindowStats::modelId), s -> s.costUsd);
        return String.format(Locale.ROOT, "Cost: %s; the biggest mover was %s (%s)%s.",
                movement(total, previous, ReportBuilder::money), mover.key(), signedMoney(mover.delta()),
                mostlyBy(now, mover.key(), before, name, raised, period));
    }

    /** ", mostly <principal> (+$x)" and an alert about that principal, for a model's cost. */
    private static String mostlyBy(List<WindowStats> now, String model, List<WindowStats> before, Function<String, String> name,
                                   List<Alert> raised, Period period) {
        Map<String, Stats> principals = by(now.stream().filter(r -> model.equals(r.modelId())).toList(), WindowStats::principalArn);
        if (principals.isEmpty()) {
            return "";
        }
        String principal;
        String amount;
        if (before == null) {
            Map.Entry<String, Stats> top = largest(principals, s -> s.costUsd);
            principal = top.getKey();
            amount = ReportBuilder.money(top.getValue().costUsd);
        } else {
            Mover top = mover(principals, by(before.stream().filter(r -> model.equals(r.modelId())).toList(), WindowStats::principalArn),
                    s -> s.costUsd);
            principal = top.key();
            amount = signedMoney(top.delta());
        }
        return ", mostly " + name.apply(principal) + " (" + amount + ")" + alertAbout(raised, null, principal, period, AlertTypes.USAGE_SPIKE,
                AlertTypes.TOKEN_USAGE_SPIKE, AlertTypes.STATISTICAL_ANOMALY);
    }

    private static String usage(List<WindowStats> now, List<WindowStats> before, Function<String, String> name,
                                List<Alert> raised, Period period) {
        long total = (long) sum(now, s -> s.invocations);
        Map<String, Stats> principals = by(now, WindowStats::principalArn);
        if (total == 0) {
            return "Usage: no requests in this period" + (before == null ? " (no earlier data)." : ".");
        }
        if (before == null) {
            Map.Entry<String, Stats> top = largest(principals, s -> s.invocations);
            long count = principals.keySet().stream().filter(ReportBuilder::isPrincipal).count();
            return String.format(Locale.ROOT, "Usage: %,d requests from %d principal%s, with no earlier data to compare; the busiest was %s "
                            + "(%,d requests, %.0f%%).", total, count, count == 1 ? "" : "s",
                    name.apply(top.getKey()), top.getValue().invocations, 100.0 * top.getValue().invocations / total);
        }
        Map<String, Stats> earlier = by(before, WindowStats::principalArn);
        Mover mover = mover(principals, earlier, s -> s.invocations);
        String cause;
        if (!earlier.containsKey(mover.key())) {
            cause = ", new this period";
        } else if (!principals.containsKey(mover.key())) {
            cause = ", which made no request this period";
        } else {
            cause = alertAbout(raised, null, mover.key(), period, AlertTypes.USAGE_SPIKE, AlertTypes.TOKEN_USAGE_SPIKE);
        }
        return String.format(Locale.ROOT, "Usage: %s; the biggest mover was %s (%+,d requests%s).",
                movement(total, (long) sum(before, s -> s.invocations), v -> String.format(Locale.ROOT, "%,d requests", v.longValue())),
                name.apply(mover.key()), (long) mover.delta(), cause);
    }

    private static String failures(List<WindowStats> now, List<WindowStats> before, List<Alert> raised, Period period) {
        long requests = (long) sum(now, s -> s.invocations);
        long failed = (long) sum(now, s -> s.errors + s.throttles);
        Map<String, Stats> models = by(now, WindowStats::modelId);
        if (before == null || failed == 0 && sum(before, s -> s.errors + s.throttles) == 0) {
            if (failed == 0) {
                return requests == 0 ? "Failures: none, as no request was made." : "Failures: no request failed.";
            }
            Map.Entry<String, Stats> top = largest(models, s -> s.errors + s.throttles);
            return String.format(Locale.ROOT, "Failures: %,d of %,d requests failed (%.1f%%)%s; most on %s (%,d)%s.",
                    failed, requests, 100.0 * failed / requests, before == null ? ", with no earlier data to compare" : "",
                    top.getKey(), top.getValue().errors + top.getValue().throttles, because(top.getValue(), raised, top.getKey(), period));
        }
        long previousRequests = (long) sum(before, s -> s.invocations);
        long previousFailed = (long) sum(before, s -> s.errors + s.throttles);
        Mover mover = mover(models, by(before, WindowStats::modelId), s -> s.errors + s.throttles);
        Stats moverNow = models.getOrDefault(mover.key(), new Stats());
        return String.format(Locale.ROOT, "Failures: %,d failed requests (%s of requests) against %,d (%s) in the period before; "
                        + "the biggest mover was %s (%+,d)%s.", failed, rate(failed, requests), previousFailed,
                rate(previousFailed, previousRequests), mover.key(), (long) mover.delta(),
                mover.delta() > 0 ? because(moverNow, raised, mover.key(), period) : "");
    }

    /** ", mainly <code> (<meaning>)" and an alert about the model. */
    private static String because(Stats stats, List<Alert> raised, String model, Period period) {
        Optional<Map.Entry<String, Long>> code = stats.errorCodes.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())));
        String reason = code.map(c -> ", mainly " + c.getKey() + " (" + meaning(c.getKey()) + ")").orElse("");
        return reason + alertAbout(raised, model, null, period, AlertTypes.HIGH_ERROR_RATE, AlertTypes.LOW_SUCCESS_RATE,
                AlertTypes.SERVICE_ERRORS);
    }

    private static String meaning(String code) {
        String known = MEANINGS.get(code);
        if (known != null) {
            return known;
        }
        return ErrorCodes.isServerSide(code) ? "failed on the service side" : "an error of the caller's request";
    }

    /** ", with a TYPE alert at <time>" for the first alert of the types about the subject, or "". */
    private static String alertAbout(List<Alert> raised, String model, String principal, Period period, String... types) {
        List<String> wanted = List.of(types);
        return raised.stream()
                .filter(a -> wanted.contains(a.type()) && (model == null || model.equals(a.model()))
                        && (principal == null || principal.equals(a.principal())))
                .filter(a -> a.window() != null && a.window().from() != null)
                .min(Comparator.comparing((Alert a) -> a.window().from()))
                .map(a -> ", with a " + a.type() + " alert at " + WHEN.format(a.window().from().atZone(period.zone())))
                .orElse("");
    }

    private static String movement(double now, double before, Function<Double, String> format) {
        if (Math.abs(now - before) < 1e-9) {
            return "flat at " + format.apply(now);
        }
        String direction = now > before ? "up" : "down";
        return before == 0 ? direction + " from nothing to " + format.apply(now)
                : String.format(Locale.ROOT, "%s %.1f%% to %s (from %s)", direction, Math.abs(now - before) / before * 100,
                format.apply(now), format.apply(before));
    }

    private static String rate(long failed, long requests) {
        return requests == 0 ? "no requests" : String.format(Locale.ROOT, "%.1f%%", 100.0 * failed / requests);
    }

    private static String signedMoney(double delta) {
        return (delta < 0 ? "-" : "+") + ReportBuilder.money(Math.abs(delta));
    }

    private record Mover(String key, double delta) {
    }

    /** The key whose value changed most (in absolute terms) between the two groupings; ties by key. */
    private static Mover mover(Map<String, Stats> now, Map<String, Stats> before, ToDoubleFunction<Stats> value) {
        Map<String, Double> deltas = new TreeMap<>();
        now.forEach((k, s) -> deltas.merge(k, value.applyAsDouble(s), Double::sum));
        before.forEach((k, s) -> deltas.merge(k, -value.applyAsDouble(s), Double::sum));
        return deltas.entrySet().stream()
                .max(Comparator.comparingDouble((Map.Entry<String, Double> e) -> Math.abs(e.getValue()))
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(e -> new Mover(e.getKey(), e.getValue())).orElse(new Mover("", 0));
    }

    private static Map.Entry<String, Stats> largest(Map<String, Stats> groups, ToDoubleFunction<Stats> value) {
        return groups.entrySet().stream()
                .max(Comparator.comparingDouble((Map.Entry<String, Stats> e) -> value.applyAsDouble(e.getValue()))
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow();
    }

    private static Map<String, Stats> by(List<WindowStats> rows, Function<WindowStats, String> key) {
        Map<String, Stats> groups = new HashMap<>();
        rows.forEach(r -> groups.computeIfAbsent(key.apply(r) == null ? "" : key.apply(r), k -> new Stats()).mergeCounts(r.stats()));
        return groups;
    }

    private static double sum(List<WindowStats> rows, ToDoubleFunction<Stats> value) {
        Stats all = new Stats();
        rows.forEach(r -> all.mergeCounts(r.stats()));
        return value.applyAsDouble(all);
    }
}
