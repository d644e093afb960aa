package org.bedrockmonitor.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertLifecycle;
import org.bedrockmonitor.alerts.AlertNotification;
import org.bedrockmonitor.alerts.AlertNotifier;
import org.bedrockmonitor.alerts.AlertOutbox;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.store.Claims;
import org.bedrockmonitor.store.StateStore;
import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.windows.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation of detection over the shared store, run by one replica at a time (a claim in the
 * store): judges, in event-time order, every window that is due (its end plus the allowed lateness
 * has passed) and not judged yet, and again every window that received rows after it was judged (a
 * pending marker names it): those are judged by replaying from the checkpoint saved before them.
 * So the alerts are a function of the windows in the store, whatever the arrival order, threads or
 * replicas. The alerts that are news go to the alert log and, once each, to the outbox.
 */
public final class DetectionRun {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionRun.class);
    public static final String CURSOR = "state/detect/cursor.json";
    public static final String CHECKPOINTS = "state/detect/checkpoints/";
    /** Claims of scheduled work; the detection run's is one key under it. */
    public static final String JOBS = "state/jobs/";
    private static final String LEASE = "detect";
    /** Beyond this, a run first finds which hours hold rows instead of listing each hour. */
    private static final Duration LONG_STRETCH = Duration.ofHours(6);
    private static final Rollups NO_ROWS = new Rollups(List.of(), List.of(), 0, 0);

    /** What one run did. */
    public record Result(boolean ran, Instant judgedFrom, Instant judgedTo, long windowsJudged, boolean replayed,
            long lateRows, List<AlertLifecycle.Event> events, int queuedNotifications, Map<String, Double> anomalyScores) {

        static Result busy() {
            return new Result(false, null, null, 0, false, 0, List.of(), 0, Map.of());
        }
    }

    private final WindowStore windows;
    private final StateStore store;
    private final WindowEvaluator evaluator;
    private final AlertJournal journal;
    private final AlertOutbox outbox;
    private final AlertNotifier notifier;
    private final Claims lease;
    private final Clock clock;
    private final int checkpointDays;
    private volatile Result lastResult;

    public DetectionRun(WindowStore windows, WindowEvaluator evaluator, AlertJournal journal, AlertOutbox outbox,
            AlertNotifier notifier, Claims lease, Clock clock, int checkpointDays) {
        this.windows = windows;
        this.store = windows.store();
        this.evaluator = evaluator;
        this.journal = journal;
        this.outbox = outbox;
        this.notifier = notifier;
        this.lease = lease;
        this.clock = clock;
        this.checkpointDays = checkpointDays;
    }

    /** Judges what is due now (the service's periodic run). */
    public Result run() {
        return run(false);
    }

    /** {@code inputComplete}: every window with data is due, whatever the clock says (end of an analysis). */
    public synchronized Result run(boolean inputComplete) {
        if (lease.claim(LEASE) != Claims.Outcome.WON) {
            return Result.busy();
        }
        try {
            lastResult = judge(clock.instant(), inputComplete);
            return lastResult;
        } finally {
            lease.release(LEASE);
        }
    }

    /** The result of the last run that judged (null before the first). */
    public Result lastResult() {
        return lastResult;
    }

    private Result judge(Instant now, boolean inputComplete) {
        DetectionSettings settings = evaluator.settings();
        int windowSeconds = settings.windowSeconds;
        Optional<StateStore.Versioned> cursorValue = store.get(CURSOR);
        Instant judgedUpTo = cursorValue.map(v -> cursorField(v, "lastJudged")).orElse(null);
        List<WindowStore.Pending> markers = windows.pending();
        Instant earliestMarked = null;
        Instant latestMarked = null;
        Instant earliestLate = null;
        long lateRows = 0;
        for (WindowStore.Pending marker : markers) {
            for (Instant window : marker.windows()) {
                earliestMarked = min(earliestMarked, window);
                latestMarked = max(latestMarked, window);
                if (judgedUpTo != null && !window.isAfter(judgedUpTo)) {
                    earliestLate = min(earliestLate, window);
                    lateRows += marker.rows(window);
                }
            }
        }
        Instant lastDue = inputComplete ? max(latestMarked, judgedUpTo)
                : windowStart(now.minus(settings.allowedLateness).minusSeconds(windowSeconds), windowSeconds);

        DetectionState state;
        Instant first;
        boolean replayed = earliestLate != null;
        if (earliestLate != null) {
            Optional<Checkpoint> before = checkpointBefore(earliestLate);
            state = before.map(Checkpoint::state).orElseGet(DetectionState::new);
            // no state saved before the late rows: judge everything the store holds again, from its first hour
            Instant earliestStored = windows.earliestHour().orElse(null);
            Instant marked = earliestMarked;
            first = before.map(c -> c.state().lastJudged.plusSeconds(windowSeconds)).orElseGet(() -> min(marked, earliestStored));
        } else if (judgedUpTo != null) {
            state = checkpoint(cursorValue.map(v -> cursorText(v, "checkpoint")).orElse(null))
                    .map(Checkpoint::state).orElseGet(DetectionState::new);
            first = state.lastJudged == null ? earliestMarked : state.lastJudged.plusSeconds(windowSeconds);
        } else {
            state = new DetectionState();
            first = earliestMarked;
        }
        if (first == null || lastDue == null || first.isAfter(lastDue)) {
            return new Result(true, null, null, 0, false, lateRows, List.of(), 0, Map.of());
        }

        if (replayed) {
            // the states saved after the windows judged again describe rows that were incomplete
            for (long start : checkpointStarts()) {
                if (start >= first.getEpochSecond()) {
                    store.delete(CHECKPOINTS + start + ".json.gz");
                }
            }
        }
        List<AlertLifecycle.Event> events = new ArrayList<>();
        Map<Instant, Rollups> hours = new HashMap<>();
        // over a long stretch (a first run over old data, a backfill) only the hours that hold rows are read
        Set<Instant> stored = Duration.between(first, lastDue).compareTo(LONG_STRETCH) > 0
                ? windows.hoursWithRows(first, lastDue.plusSeconds(windowSeconds)) : null;
        Function<Instant, Rollups> hourReader = hour -> stored == null || stored.contains(hour) ? windows.hour(hour) : NO_ROWS;
        long judged = 0;
        String lastCheckpoint = null;
        for (Instant window = first; !window.isAfter(lastDue); window = window.plusSeconds(windowSeconds)) {
            events.addAll(evaluator.judge(state, windowData(hours, hourReader, window, windowSeconds)));
            judged++;
            hours.keySet().removeIf(hour -> hour.plus(Duration.ofHours(1)).isBefore(state.lastJudged));
            if (window.equals(lastDue) || !inputComplete && checkpointAfter(window, now)) {
                lastCheckpoint = saveCheckpoint(state);
            }
        }
        Map<String, Double> scores = new TreeMap<>(state.anomalyScores);
        if (inputComplete) {
            events.addAll(evaluator.finish(state));
        }

        Instant pageCutoff = now.minus(settings.notifyMaxAge);
        List<AlertLifecycle.Event> publishable = events.stream()
                .filter(event -> inputComplete || !event.alert().window().to().isBefore(pageCutoff)).toList();
        Set<AlertLifecycle.Event> fresh = new java.util.HashSet<>(outbox.unnotified(publishable));
        List<AlertJournal.Entry> entries = new ArrayList<>();
        List<AlertLifecycle.Event> toNotify = new ArrayList<>();
        for (AlertLifecycle.Event event : events) {
            Instant due = event.judgedWindow().plusSeconds(windowSeconds).plus(settings.allowedLateness);
            long lateSeconds = Math.max(0, Duration.between(due, now).toSeconds());
            // raised only when a window was judged again for rows that arrived after its first judgement
            boolean late = !inputComplete && fresh.contains(event) && judgedUpTo != null
                    && !event.judgedWindow().isAfter(judgedUpTo) && lateSeconds > 0;
            AlertLifecycle.Event logged = late ? new AlertLifecycle.Event(event.alert().withNote(String.format(Locale.ROOT,
                    "(Raised %d min late: rows of this window arrived after it was first judged.)", lateSeconds / 60)),
                    event.status(), event.judgedWindow(), event.correlated(), event.oneOff()) : event;
            boolean published = publishable.contains(event);
            entries.add(new AlertJournal.Entry(logged.alert(), logged.status(), logged.judgedWindow(), logged.correlated(),
                    late ? lateSeconds : null, published, logged.oneOff() ? Boolean.TRUE : null));
            if (fresh.contains(event)) {
                toNotify.add(logged);
            }
        }
        journal.replace(first, entries);
        List<AlertNotification> notifications = notifier.notifications(toNotify);
        outbox.enqueue(notifications);

        if (!writeCursor(cursorValue, state.lastJudged, lastCheckpoint)) {
            LOG.warn("another replica moved detection on while this run judged {} to {}; its results stand", first, lastDue);
        }
        for (WindowStore.Pending marker : markers) {
            if (marker.windows().stream().noneMatch(window -> window.isAfter(lastDue))) {
                windows.consumed(marker);
            }
        }
        pruneCheckpoints(state.lastJudged);
        if (lateRows > 0 || replayed) {
            LOG.info("detection judged {} to {} again: {} late rows", first, lastDue, lateRows);
        }
        return new Result(true, first, lastDue, judged, replayed, lateRows, events, notifications.size(), scores);
    }

    private static WindowData windowData(Map<Instant, Rollups> hours, Function<Instant, Rollups> hourReader, Instant window,
            int windowSeconds) {
        Instant hour = window.truncatedTo(ChronoUnit.HOURS);
        Rollups rollups = hours.computeIfAbsent(hour, hourReader);
        Instant end = window.plusSeconds(windowSeconds);
        List<WindowStats> rows = new ArrayList<>();
        for (WindowStats row : rollups.windows()) {
            if (row.windowStart().equals(window)) {
                rows.add(row);
            }
        }
        List<AuditEvent> events = new ArrayList<>();
        for (AuditEvent event : rollups.auditEvents()) {
            if (!event.eventTime().isBefore(window) && event.eventTime().isBefore(end)) {
                events.add(event);
            }
        }
        return WindowData.of(window, rows, events);
    }

    private record Checkpoint(String key, DetectionState state) {
    }

    /**
     * Whether to save the state after this window: after each of the last six hours (late rows come
     * within minutes, and replay from just before them), else after the last window of each hour. A
     * complete input (analyze) is never judged again: only its final state is kept.
     */
    /** As many checkpoints as {@link #pruneCheckpoints} keeps: each window of 6 h, hourly for 2 days, daily after. */
    private boolean checkpointAfter(Instant window, Instant now) {
        Instant end = window.plusSeconds(evaluator.settings().windowSeconds);
        if (!end.isBefore(now.minus(Duration.ofHours(6)))) {
            return true;
        }
        if (!end.isBefore(now.minus(Duration.ofDays(2)))) {
            return end.truncatedTo(ChronoUnit.HOURS).equals(end);
        }
        return !end.isBefore(now.minus(Duration.ofDays(checkpointDays))) && end.truncatedTo(ChronoUnit.DAYS).equals(end);
    }

    private String saveCheckpoint(DetectionState state) {
        String key = CHECKPOINTS + state.lastJudged.getEpochSecond() + ".json.gz";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            Json.MAPPER.writeValue(gzip, state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the detection checkpoint: " + e.getMessage(), e);
        }
        store.put(key, bytes.toByteArray());
        return key;
    }

    private Optional<Checkpoint> checkpoint(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<StateStore.Versioned> value = store.get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(value.get().content()))) {
            return Optional.of(new Checkpoint(key, Json.MAPPER.readValue(gzip, DetectionState.class)));
        } catch (IOException | RuntimeException damaged) {
            LOG.warn("detection checkpoint {} cannot be read ({}); judging from an earlier one", key, damaged.toString());
            return Optional.empty();
        }
    }

    /** The newest readable checkpoint whose last judged window is before {@code window}. */
    private Optional<Checkpoint> checkpointBefore(Instant window) {
        List<Long> starts = checkpointStarts();
        for (int i = starts.size() - 1; i >= 0; i--) {
            if (starts.get(i) < window.getEpochSecond()) {
                Optional<Checkpoint> checkpoint = checkpoint(CHECKPOINTS + starts.get(i) + ".json.gz");
                if (checkpoint.isPresent()) {
                    return checkpoint;
                }
            }
        }
        return Optional.empty();
    }

    private List<Long> checkpointStarts() {
        List<Long> starts = new ArrayList<>();
        for (StateStore.Listed listed : store.list(CHECKPOINTS)) {
            try {
                starts.add(Long.parseLong(listed.key().substring(CHECKPOINTS.length()).replace(".json.gz", "")));
            } catch (NumberFormatException foreign) {
                // not a checkpoint of ours
            }
        }
        starts.sort(Long::compare);
        return starts;
    }

    /**
     * Keeps the state after every window of the last six hours (late rows usually come within minutes),
     * the last of each hour for two days and the last of each day back to {@code checkpointDays}.
     */
    private void pruneCheckpoints(Instant lastJudged) {
        if (lastJudged == null) {
            return;
        }
        long everyWindow = lastJudged.minus(Duration.ofHours(6)).getEpochSecond();
        long hourly = lastJudged.minus(Duration.ofDays(2)).getEpochSecond();
        long oldest = lastJudged.minus(Duration.ofDays(checkpointDays)).getEpochSecond();
        List<Long> starts = checkpointStarts();
        for (int i = 0; i < starts.size(); i++) {
            long start = starts.get(i);
            if (start >= everyWindow) {
                continue;
            }
            long next = i + 1 < starts.size() ? starts.get(i + 1) : Long.MAX_VALUE;
            boolean keep = start >= hourly ? next / 3_600 != start / 3_600 : start >= oldest && next / 86_400 != start / 86_400;
            if (!keep) {
                store.delete(CHECKPOINTS + start + ".json.gz");
            }
        }
    }

    private boolean writeCursor(Optional<StateStore.Versioned> previous, Instant lastJudged, String checkpoint) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("lastJudged", lastJudged.toString());
        node.put("checkpoint", checkpoint);
        byte[] content = node.toString().getBytes(StandardCharsets.UTF_8);
        return previous.isEmpty() ? store.putIfAbsent(CURSOR, content)
                : store.putIfMatch(CURSOR, content, previous.get().etag());
    }

    private static Instant cursorField(StateStore.Versioned value, String field) {
        String text = cursorText(value, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException damaged) {
            return null;
        }
    }

    private static String cursorText(StateStore.Versioned value, String field) {
        try {
            JsonNode node = Json.MAPPER.readTree(value.content());
            return node.hasNonNull(field) ? node.get(field).asText() : null;
        } catch (IOException damaged) {
            return null;
        }
    }

    static Instant windowStart(Instant at, int windowSeconds) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), windowSeconds) * windowSeconds);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
