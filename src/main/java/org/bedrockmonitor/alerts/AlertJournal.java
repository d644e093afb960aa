package org.bedrockmonitor.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bedrockmonitor.alerts.AlertNotification.Status;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.store.StateStore;

/**
 * The alert log: every alert that was news (FIRING and RESOLVED), one file per day of the window whose
 * judgement raised it ({@code state/alerts/log/<yyyy-MM-dd>.jsonl}). Detection rewrites the days it
 * judged again, so the log is the same function of the windows as the alerts: what summary.json and the
 * reports list, on any replica.
 */
public final class AlertJournal {

    public static final String PREFIX = "state/alerts/log/";

    /**
     * One logged alert. {@code lateSeconds} says how long after its window was first due it was raised
     * (rows that arrived late); {@code published} is false for alerts about windows too old to page;
     * {@code oneOff} is true for a one-off event (an unapproved model, a management call, a budget share):
     * it opens no condition, so it never gets a RESOLVED entry and has no time to resolve.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Alert alert, Status status, Instant judgedWindow, boolean correlated, Long lateSeconds,
            boolean published, Boolean oneOff) {

        public Entry(Alert alert, Status status, Instant judgedWindow, boolean correlated, Long lateSeconds,
                boolean published) {
            this(alert, status, judgedWindow, correlated, lateSeconds, published, null);
        }

        /** Whether the alert opened a condition that a RESOLVED entry closes (false for a one-off event). */
        public boolean opensCondition() {
            return status == Status.FIRING && !Boolean.TRUE.equals(oneOff);
        }
    }

    private final StateStore store;

    public AlertJournal(StateStore store) {
        this.store = store;
    }

    /** Replaces every entry judged at or after {@code from} with {@code entries}. */
    public void replace(Instant from, List<Entry> entries) {
        Map<LocalDate, List<Entry>> byDay = new TreeMap<>();
        for (Entry entry : entries) {
            byDay.computeIfAbsent(day(entry.judgedWindow()), d -> new ArrayList<>()).add(entry);
        }
        LocalDate firstDay = day(from);
        for (StateStore.Listed listed : store.list(PREFIX)) {
            LocalDate day = dayOf(listed.key());
            if (day != null && !day.isBefore(firstDay)) {
                byDay.putIfAbsent(day, new ArrayList<>());
            }
        }
        byDay.forEach((day, added) -> {
            // the ingestion watch logs by wall clock, not by judging windows: a replay leaves its entries alone
            List<Entry> kept = new ArrayList<>(read(day).stream().filter(e -> e.judgedWindow().isBefore(from)
                    || AlertTypes.LOG_INGESTION_STALLED.equals(e.alert().condition())).toList());
            kept.addAll(added);
            kept.sort(Comparator.comparing(Entry::judgedWindow));
            write(day, kept);
        });
    }

    /** Adds entries without replacing any (the ingestion watch). */
    public void append(List<Entry> entries) {
        Map<LocalDate, List<Entry>> byDay = new TreeMap<>();
        entries.forEach(entry -> byDay.computeIfAbsent(day(entry.judgedWindow()), d -> new ArrayList<>()).add(entry));
        byDay.forEach((day, added) -> {
            List<Entry> all = new ArrayList<>(read(day));
            added.stream().filter(entry -> all.stream().noneMatch(e -> e.alert().id().equals(entry.alert().id())))
                    .forEach(all::add);
            all.sort(Comparator.comparing(Entry::judgedWindow));
            write(day, all);
        });
    }

    /** Entries judged in [from, to), oldest first. */
    public List<Entry> read(Instant from, Instant to) {
        List<Entry> entries = new ArrayList<>();
        for (StateStore.Listed listed : store.list(PREFIX)) {
            LocalDate day = dayOf(listed.key());
            if (day == null || day.isBefore(day(from)) || !day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to)) {
                continue;
            }
            read(day).stream().filter(e -> !e.judgedWindow().isBefore(from) && e.judgedWindow().isBefore(to)).forEach(entries::add);
        }
        return entries;
    }

    /** Every entry in the log. */
    public List<Entry> all() {
        return read(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));
    }

    private List<Entry> read(LocalDate day) {
        Optional<StateStore.Versioned> value = store.get(key(day));
        if (value.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : new String(value.get().content(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(Json.MAPPER.readValue(line, Entry.class));
            } catch (IOException damaged) {
                // a damaged line is dropped; the next judgement of that day rewrites the file
            }
        }
        return entries;
    }

    private void write(LocalDate day, List<Entry> entries) {
        if (entries.isEmpty()) {
            store.delete(key(day));
            return;
        }
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            try {
                out.append(Json.MAPPER.writeValueAsString(entry)).append('\n');
            } catch (IOException e) {
                throw new IllegalStateException("an alert that cannot be written as JSON: " + entry, e);
            }
        }
        store.put(key(day), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String key(LocalDate day) {
        return PREFIX + day + ".jsonl";
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static LocalDate dayOf(String key) {
        String name = key.substring(PREFIX.length());
        try {
            return LocalDate.parse(name.replace(".jsonl", ""));
        } catch (RuntimeException notADay) {
            return null;
        }
    }
}
