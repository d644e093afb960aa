package org.bedrockmonitor.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * Everything processed since start, merged across objects: the numbers behind {@code summary.json}
 * and the terminal table. Thread-safe; objects are added once they have committed.
 */
public final class RunTotals {

    private final Stats totals = new Stats();
    private final Map<String, Stats> byModel = new TreeMap<>();
    private final Map<String, Stats> byPrincipal = new TreeMap<>();
    private final TreeSet<String> unpricedModels = new TreeSet<>();
    private final Map<String, TreeSet<String>> priceBooks = new TreeMap<>();
    private final Map<String, Long> auditEventsByName = new TreeMap<>();
    private final List<String> failedObjects = new ArrayList<>();
    private final Map<String, Long> skippedObjects = new HashMap<>();
    private long objects;
    private long missingObjects;
    private long read;
    private long invocations;
    private long duplicates;
    private long rejected;
    private long auditEventsRead;
    private long auditEvents;
    private long auditFailures;
    private Instant from;
    private Instant to;

    public synchronized void add(ObjectResult result) {
        objects++;
        if (result.skipped()) {
            skippedObjects.merge(result.skipReason(), 1L, Long::sum);
            return;
        }
        ObjectSummary s = result.summary();
        read += s.read();
        invocations += s.invocations();
        duplicates += s.duplicates();
        rejected += s.rejected();
        auditEventsRead += s.auditEventsRead();
        auditEvents += s.auditEvents();
        for (WindowStats row : result.windows()) {
            totals.merge(row.stats());
            byModel.computeIfAbsent(row.modelId(), k -> new Stats()).merge(row.stats());
            byPrincipal.computeIfAbsent(row.principalArn(), k -> new Stats()).merge(row.stats());
            if (!row.priced()) {
                unpricedModels.add(row.modelId());
            } else if (!row.costBasis().priceBook().isEmpty()) {
                priceBooks.computeIfAbsent(row.modelId(), k -> new TreeSet<>()).add(row.costBasis().priceBook());
            }
        }
        for (AuditEvent event : result.auditEvents().stream().filter(AuditEvent::aboutBedrock).toList()) {
            auditEventsByName.merge(event.eventName(), 1L, Long::sum);
            if (event.failed()) {
                auditFailures++;
            }
        }
        widen(result.earliest());
        widen(result.latest());
    }

    public synchronized void failed(String source, String reason) {
        objects++;
        failedObjects.add(source + ": " + reason);
    }

    /** An announced object that does not exist (deleted before it was read): acknowledged, counted here. */
    public synchronized void missing() {
        objects++;
        missingObjects++;
    }

    private void widen(Instant at) {
        if (at == null) {
            return;
        }
        if (from == null || at.isBefore(from)) {
            from = at;
        }
        if (to == null || at.isAfter(to)) {
            to = at;
        }
    }

    public synchronized Snapshot snapshot() {
        Map<String, Stats> models = new TreeMap<>();
        byModel.forEach((k, v) -> models.put(k, new Stats().merge(v)));
        Map<String, Stats> principals = new TreeMap<>();
        byPrincipal.forEach((k, v) -> principals.put(k, new Stats().merge(v)));
        return new Snapshot(objects, read, invocations, duplicates, rejected, new Stats().merge(totals), models,
                principals, List.copyOf(unpricedModels), from, to, auditEventsRead, auditEvents, auditFailures,
                sorted(auditEventsByName), List.copyOf(failedObjects), sorted(skippedObjects), missingObjects,
                priceBooks.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> List.copyOf(e.getValue()))));
    }

    /** In key order, so summary.json reads the same from run to run. */
    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(counts));
    }

    /** A consistent copy of the totals. */
    public record Snapshot(long objects, long read, long invocations, long duplicates, long rejected, Stats totals,
                           Map<String, Stats> byModel, Map<String, Stats> byPrincipal, List<String> unpricedModels,
                           Instant from, Instant to, long auditEventsRead, long auditEvents, long auditFailures,
                           Map<String, Long> auditEventsByName, List<String> failedObjects,
                           Map<String, Long> skippedObjects, long missingObjects, Map<String, List<String>> priceBooks) {
    }
}
