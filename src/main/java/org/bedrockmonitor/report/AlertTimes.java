package org.bedrockmonitor.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertNotification.Status;
import org.bedrockmonitor.report.ReportModel.AlertTime;

/**
 * Mean time to resolve and time open per alert type, from the alert journal's FIRING and RESOLVED
 * entries. A condition (type, model, principal) is open from the start of the window of the FIRING that
 * opened it to the end of the window of the RESOLVED that closed it (the last of the clear windows the
 * lifecycle waits for); a FIRING while it is open (a rise in severity) changes nothing. A condition
 * belongs to the period in which it was raised (its FIRING's judged window). One still open at the end of
 * the period is counted as open, with its time open up to the period's end, and is left out of the mean
 * time to resolve. One-off events (a management call, an unapproved model, a budget share) open no
 * condition: they are counted, with no time.
 */
final class AlertTimes {

    private AlertTimes() {
    }

    /** One opened condition: when it opened and, if it closed by the period's end, when. */
    private record Opened(String type, Instant from, Instant resolvedAt) {
    }

    static List<AlertTime> of(List<AlertJournal.Entry> journal, Period period) {
        List<AlertJournal.Entry> ordered = journal.stream()
                .sorted(Comparator.comparing(AlertJournal.Entry::judgedWindow)).toList();
        Map<String, Opened> open = new HashMap<>();
        Map<String, List<Opened>> byType = new TreeMap<>();
        Map<String, Long> oneOffs = new TreeMap<>();
        for (AlertJournal.Entry entry : ordered) {
            Alert alert = entry.alert();
            String key = String.join("|", alert.condition(), String.valueOf(alert.model()), String.valueOf(alert.principal()));
            boolean inPeriod = !entry.judgedWindow().isBefore(period.from()) && entry.judgedWindow().isBefore(period.to());
            if (entry.status() == Status.FIRING && !entry.opensCondition()) {
                if (inPeriod) {
                    oneOffs.merge(alert.type(), 1L, Long::sum);
                }
            } else if (entry.status() == Status.FIRING && !open.containsKey(key)) {
                Opened opened = new Opened(alert.type(), windowStart(alert, entry), null);
                open.put(key, opened);
                if (inPeriod) {
                    byType.computeIfAbsent(alert.type(), t -> new java.util.ArrayList<>()).add(opened);
                }
            } else if (entry.status() == Status.RESOLVED && open.containsKey(key)) {
                Opened opened = open.remove(key);
                Instant end = alert.window() == null || alert.window().to() == null ? entry.judgedWindow() : alert.window().to();
                if (!end.isAfter(period.to())) {
                    List<Opened> ofType = byType.get(opened.type());
                    if (ofType != null && ofType.remove(opened)) {
                        ofType.add(new Opened(opened.type(), opened.from(), end));
                    }
                }
            }
        }
        Map<String, AlertTime> lines = new TreeMap<>();
        byType.forEach((type, conditions) -> lines.put(type, line(type, conditions, oneOffs.getOrDefault(type, 0L), period)));
        oneOffs.forEach((type, count) -> lines.putIfAbsent(type, new AlertTime(type, count, 0, null, 0, null, count)));
        return lines.values().stream()
                .sorted(Comparator.comparingLong(AlertTime::raised).reversed().thenComparing(AlertTime::type))
                .toList();
    }

    private static AlertTime line(String type, List<Opened> conditions, long oneOffs, Period period) {
        List<Opened> resolved = conditions.stream().filter(c -> c.resolvedAt() != null).toList();
        List<Opened> stillOpen = conditions.stream().filter(c -> c.resolvedAt() == null).toList();
        Double meanMinutes = resolved.isEmpty() ? null
                : resolved.stream().mapToDouble(c -> minutes(c.from(), c.resolvedAt())).average().orElseThrow();
        Double longestOpen = stillOpen.isEmpty() ? null
                : stillOpen.stream().mapToDouble(c -> minutes(c.from(), period.to())).max().orElseThrow();
        return new AlertTime(type, conditions.size() + oneOffs, resolved.size(), meanMinutes, stillOpen.size(), longestOpen,
                oneOffs);
    }

    /** Mean time to resolve over every resolved condition of the period, whatever its type; null when none resolved. */
    static Double meanMinutesToResolve(List<AlertTime> lines) {
        long resolved = lines.stream().mapToLong(AlertTime::resolved).sum();
        if (resolved == 0) {
            return null;
        }
        return lines.stream().filter(l -> l.meanMinutesToResolve() != null)
                .mapToDouble(l -> l.meanMinutesToResolve() * l.resolved()).sum() / resolved;
    }

    private static Instant windowStart(Alert alert, AlertJournal.Entry entry) {
        return alert.window() == null || alert.window().from() == null ? entry.judgedWindow() : alert.window().from();
    }

    private static double minutes(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds()) / 60.0;
    }
}
