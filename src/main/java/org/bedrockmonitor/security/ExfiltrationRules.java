package org.bedrockmonitor.security;

import static org.bedrockmonitor.alerts.AlertTypes.EXFILTRATION_INDICATOR;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.detect.RobustStats;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * EXFILTRATION_INDICATOR (warning), per principal:
 * <ul>
 * <li>per clock hour of event time, judged when the hour ends, against the principal's own active hours
 * (hours with at least one call) of the baseline before it: output tokens or calls far above its typical
 * hour (robust score, median and MAD); a bulk read (many output tokens) in an hour of day it was never
 * active in during the baseline, once that baseline spans enough days; many distinct models in the hour,
 * more than in any hour of its baseline and at least twice its typical hour (a principal that routinely
 * spreads its calls over many models is not flagged for one more), once the baseline has enough active
 * hours (a principal's first hours have nothing to compare with). One alert per principal and hour names every indicator that
 * holds, with its numbers.</li>
 * <li>a burst of successful List/Get management reads of Bedrock in one epoch-aligned window.</li>
 * </ul>
 * Hours and windows are judged in event-time order, so the same logs give the same alerts in any order.
 */
final class ExfiltrationRules {

    /** The spread of a baseline is at least a quarter of its typical hour: a steady user is not flagged for a modest rise. */
    private static final double MIN_RELATIVE_SPREAD = 0.25;
    private static final Duration HOUR = Duration.ofHours(1);

    private final SecuritySettings.Exfiltration settings;

    ExfiltrationRules(SecuritySettings.Exfiltration settings) {
        this.settings = settings;
    }

    /**
     * Counts one window's invocation rows into the open hour; the hour before is judged first when the
     * window opens a new one (windows come in order, empty ones included).
     */
    void usage(SecurityState state, Instant windowStart, List<WindowStats> rows, List<Alert> due) {
        Instant hour = windowStart.truncatedTo(ChronoUnit.HOURS);
        if (state.usageHour != null && hour.isAfter(state.usageHour)) {
            closeHour(state, due);
        }
        if (state.usageHour == null || hour.isAfter(state.usageHour)) {
            state.usageHour = hour;
        }
        for (WindowStats row : rows) {
            if (row.stats().invocations == 0 || row.principalArn() == null || row.principalArn().isEmpty()) {
                continue;
            }
            SecurityState.HourUsage usage = state.openHour.computeIfAbsent(row.principalArn(), p -> {
                SecurityState.HourUsage opened = new SecurityState.HourUsage();
                opened.hour = state.usageHour;
                return opened;
            });
            usage.calls += row.stats().invocations;
            usage.outputTokens += row.stats().outputTokens;
            usage.models.add(row.modelId());
            usage.distinctModels = usage.models.size();
        }
    }

    /** Judges the open hour of every principal that called in it, in principal order. */
    void closeHour(SecurityState state, List<Alert> due) {
        for (var entry : state.openHour.entrySet()) {
            String principal = entry.getKey();
            SecurityState.HourUsage usage = entry.getValue();
            ArrayDeque<SecurityState.HourUsage> history = state.usageHistory.computeIfAbsent(principal, p -> new ArrayDeque<>());
            Instant since = usage.hour.minus(settings.baseline());
            while (!history.isEmpty() && history.peekFirst().hour.isBefore(since)) {
                history.removeFirst();
            }
            List<String> indicators = indicators(usage, List.copyOf(history));
            if (!indicators.isEmpty()) {
                String model = usage.models.size() == 1 ? usage.models.first() : null;
                double typical = history.isEmpty() ? 0
                        : RobustStats.median(history.stream().mapToDouble(h -> h.outputTokens).toArray());
                due.add(new Alert(SecurityDetector.alertId(EXFILTRATION_INDICATOR, "hour", principal, usage.hour.toString()),
                        EXFILTRATION_INDICATOR, Severity.WARNING, model, principal,
                        new Alert.Window(usage.hour, usage.hour.plus(HOUR)), usage.outputTokens, typical,
                        "%s: possible data exfiltration in the hour from %s: %s.".formatted(principal, usage.hour,
                                String.join("; ", indicators))));
            }
            usage.models = new TreeSet<>();
            history.addLast(usage);
        }
        state.openHour.clear();
    }

    private List<String> indicators(SecurityState.HourUsage usage, List<SecurityState.HourUsage> history) {
        List<String> found = new ArrayList<>();
        if (history.size() >= settings.minBaselineHours()) {
            double[] tokens = history.stream().mapToDouble(h -> h.outputTokens).toArray();
            double tokenScore = RobustStats.score(usage.outputTokens, tokens, MIN_RELATIVE_SPREAD);
            if (usage.outputTokens >= settings.minOutputTokens() && tokenScore >= settings.score()) {
                found.add(String.format(Locale.ROOT, "%,d output tokens against a typical hour of %,.0f (robust score %.1f, threshold %s, over %d active hours)",
                        usage.outputTokens, RobustStats.median(tokens), tokenScore, number(settings.score()), history.size()));
            }
            double[] calls = history.stream().mapToDouble(h -> h.calls).toArray();
            double callScore = RobustStats.score(usage.calls, calls, MIN_RELATIVE_SPREAD);
            if (usage.calls >= settings.minCalls() && callScore >= settings.score()) {
                found.add(String.format(Locale.ROOT, "%,d calls against a typical hour of %,.0f (robust score %.1f, threshold %s)",
                        usage.calls, RobustStats.median(calls), callScore, number(settings.score())));
            }
        }
        long activeDays = history.stream().map(h -> LocalDate.ofInstant(h.hour, ZoneOffset.UTC)).distinct().count();
        if (activeDays >= settings.usualHoursMinDays() && usage.outputTokens >= settings.offHoursMinOutputTokens()) {
            TreeSet<Integer> usualHours = history.stream().map(h -> hourOfDay(h.hour)).collect(Collectors.toCollection(TreeSet::new));
            if (!usualHours.contains(hourOfDay(usage.hour))) {
                found.add(String.format(Locale.ROOT, "a bulk read of %,d output tokens at %02d:00 UTC, an hour of day it did not use on any of its %d active days (usual hours %s UTC; bulk from %,d)",
                        usage.outputTokens, hourOfDay(usage.hour), activeDays, hours(usualHours), settings.offHoursMinOutputTokens()));
            }
        }
        int mostModels = history.stream().mapToInt(h -> h.distinctModels).max().orElse(0);
        double typicalModels = RobustStats.median(history.stream().mapToDouble(h -> h.distinctModels).toArray());
        if (history.size() >= settings.minBaselineHours() && usage.distinctModels >= settings.distinctModels()
                && usage.distinctModels > mostModels && usage.distinctModels >= 2 * typicalModels) {
            found.add(String.format(Locale.ROOT, "%d distinct models in the hour (typically %s, at most %d in any earlier hour; threshold %d)",
                    usage.distinctModels, number(typicalModels), mostModels, settings.distinctModels()));
        }
        return found;
    }

    /** Counts a successful List/Get call to Bedrock's control plane into its principal's read-burst window. */
    void read(SecurityState state, AuditEvent event, String principal, String ip) {
        String name = event.eventName();
        if (event.failed() || !event.managementEvent() || name == null || !(name.startsWith("List") || name.startsWith("Get"))) {
            return;
        }
        long windowSeconds = settings.readBurstWindow().toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(event.eventTime().getEpochSecond(), windowSeconds) * windowSeconds);
        SecurityState.ReadWindow window = state.readWindows.computeIfAbsent(start + "|" + principal, key -> {
            SecurityState.ReadWindow created = new SecurityState.ReadWindow();
            created.principal = principal;
            created.start = start;
            return created;
        });
        window.count++;
        window.eventNames.merge(name, 1L, Long::sum);
        if (ip != null) {
            window.sourceIps.add(ip);
        }
    }

    /** Judges the read-burst windows that ended by {@code until}, in start and principal order. */
    void closeReadWindows(SecurityState state, Instant until, List<Alert> due) {
        List<Map.Entry<String, SecurityState.ReadWindow>> ended = state.readWindows.entrySet().stream()
                .filter(e -> !e.getValue().start.plus(settings.readBurstWindow()).isAfter(until))
                .sorted(Comparator.comparing((Map.Entry<String, SecurityState.ReadWindow> e) -> e.getValue().start)
                        .thenComparing(e -> e.getValue().principal))
                .toList();
        for (var entry : ended) {
            SecurityState.ReadWindow window = entry.getValue();
            if (window.count > settings.readBurstThreshold()) {
                Instant end = window.start.plus(settings.readBurstWindow());
                String names = window.eventNames.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .limit(3).map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
                String more = window.eventNames.size() > 3 ? ", ..." : "";
                due.add(new Alert(SecurityDetector.alertId(EXFILTRATION_INDICATOR, "reads", window.principal, window.start.toString()),
                        EXFILTRATION_INDICATOR, Severity.WARNING, null, window.principal, new Alert.Window(window.start, end),
                        window.count, settings.readBurstThreshold(),
                        String.format(Locale.ROOT, "%s: possible data exfiltration: a burst of %d List/Get management reads (%s%s) within %d minutes from %s (threshold %d).",
                                window.principal, window.count, names, more, settings.readBurstWindow().toMinutes(),
                                window.sourceIps.isEmpty() ? "no source IP" : String.join(", ", window.sourceIps),
                                settings.readBurstThreshold())));
            }
            state.readWindows.remove(entry.getKey());
        }
    }

    private static int hourOfDay(Instant hour) {
        return hour.atOffset(ZoneOffset.UTC).getHour();
    }

    /** Consecutive hours of day as ranges: {@code 08-11, 14, 22-23}. */
    private static String hours(TreeSet<Integer> hours) {
        List<String> ranges = new ArrayList<>();
        Integer first = null;
        Integer last = null;
        for (int hour : hours) {
            if (last != null && hour == last + 1) {
                last = hour;
                continue;
            }
            if (first != null) {
                ranges.add(range(first, last));
            }
            first = hour;
            last = hour;
        }
        if (first != null) {
            ranges.add(range(first, last));
        }
        return String.join(", ", ranges);
    }

    private static String range(int first, int last) {
        return first == last ? String.format(Locale.ROOT, "%02d", first) : String.format(Locale.ROOT, "%02d-%02d", first, last);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
