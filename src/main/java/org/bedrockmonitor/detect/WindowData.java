package org.bedrockmonitor.detect;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * One window as detection sees it: the rows of every object merged per model (with latency, which the
 * model rules read), per principal and for the account, plus the rows themselves and the window's
 * CloudTrail events in time order.
 */
public record WindowData(Instant start, Map<String, Stats> byModel, Map<String, Stats> byPrincipal, Stats total,
        List<WindowStats> rows, List<AuditEvent> auditEvents) {

    private static final Comparator<AuditEvent> EVENT_ORDER = Comparator.comparing(AuditEvent::eventTime)
            .thenComparing(event -> String.valueOf(event.eventId()));

    public static WindowData of(Instant start, List<WindowStats> rows, List<AuditEvent> auditEvents) {
        Map<String, Stats> byModel = new TreeMap<>();
        Map<String, Stats> byPrincipal = new TreeMap<>();
        Stats total = new Stats();
        for (WindowStats row : rows) {
            byModel.computeIfAbsent(row.modelId(), m -> new Stats()).merge(row.stats());
            byPrincipal.computeIfAbsent(row.principalArn(), p -> new Stats()).mergeCounts(row.stats());
            total.mergeCounts(row.stats());
        }
        List<AuditEvent> events = auditEvents.stream().filter(event -> event.eventTime() != null).sorted(EVENT_ORDER).toList();
        List<WindowStats> ordered = rows.stream().sorted(Comparator.comparing(WindowStats::modelId)
                .thenComparing(WindowStats::principalArn).thenComparing(WindowStats::application)).toList();
        return new WindowData(start, byModel, byPrincipal, total, ordered, events);
    }

    public boolean isEmpty() {
        return rows.isEmpty() && auditEvents.isEmpty();
    }
}
