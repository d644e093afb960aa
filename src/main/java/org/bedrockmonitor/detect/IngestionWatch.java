package org.bedrockmonitor.detect;

import static org.bedrockmonitor.alerts.AlertTypes.LOG_INGESTION_STALLED;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertLifecycle;
import org.bedrockmonitor.alerts.AlertNotification;
import org.bedrockmonitor.alerts.AlertNotifier;
import org.bedrockmonitor.alerts.AlertOutbox;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.store.StateStore;
import org.bedrockmonitor.windows.WindowStore;

/**
 * LOG_INGESTION_STALLED: no log object committed for the stall period (by any replica: the heartbeat is
 * in the store) although the hour of data before the last one had traffic, so a quiet account is not a
 * blind spot; RESOLVED once objects arrive again. Wall-clock by nature, so it is not part of judging
 * windows; its alerts share the log and the outbox, and each is sent once.
 */
public final class IngestionWatch {

    public static final String HEARTBEAT = "state/heartbeat.json";
    public static final String STALL = "state/alerts/stall.json";

    private final StateStore store;
    private final WindowStore windows;
    private final AlertJournal journal;
    private final AlertOutbox outbox;
    private final AlertNotifier notifier;
    private final Duration stall;
    private final long minExpectedInvocations;
    private final Clock clock;

    public IngestionWatch(WindowStore windows, AlertJournal journal, AlertOutbox outbox, AlertNotifier notifier,
            Duration stall, long minExpectedInvocations, Clock clock) {
        this.store = windows.store();
        this.windows = windows;
        this.journal = journal;
        this.outbox = outbox;
        this.notifier = notifier;
        this.stall = stall;
        this.minExpectedInvocations = minExpectedInvocations;
        this.clock = clock;
    }

    /** Called when an object has committed: the heartbeat every replica's watch reads. */
    public void objectArrived() {
        store.put(HEARTBEAT, ("{\"lastObjectAt\":\"" + clock.instant() + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** Raises or resolves the stall alert; returns what became news. */
    public synchronized List<AlertLifecycle.Event> check() {
        Instant now = clock.instant();
        Instant lastObject = instant(store.get(HEARTBEAT), "lastObjectAt");
        if (lastObject == null) {
            return List.of();
        }
        Optional<StateStore.Versioned> open = store.get(STALL);
        if (open.isPresent()) {
            Alert stalled = alert(open.get());
            if (stalled == null || lastObject.isAfter(stalled.window().from())) {
                store.delete(STALL);
                if (stalled == null) {
                    return List.of();
                }
                Alert resolved = stalled.resolvedBy(new Alert.Window(stalled.window().from(), lastObject), 0,
                        String.format(Locale.ROOT, "Log objects arrive again after %d minutes without any.",
                                Duration.between(stalled.window().from(), lastObject).toMinutes()));
                return publish(new AlertLifecycle.Event(resolved, AlertNotification.Status.RESOLVED, now, false));
            }
            return List.of();
        }
        Duration silence = Duration.between(lastObject, now);
        if (silence.compareTo(stall) <= 0) {
            return List.of();
        }
        long recent = windows.read(lastObject.minus(Duration.ofHours(1)), lastObject.plusSeconds(1)).windows().stream()
                .mapToLong(WindowStats::invocationCount).sum();
        if (recent < minExpectedInvocations) {
            return List.of();
        }
        Alert alert = Alert.of(LOG_INGESTION_STALLED, Severity.CRITICAL, null, null, new Alert.Window(lastObject, lastObject),
                silence.toMinutes(), stall.toMinutes(), String.format(Locale.ROOT,
                        "No log object arrived for %d minutes (limit %d) although the hour before the last one had %,d invocations.",
                        silence.toMinutes(), stall.toMinutes(), recent));
        try {
            if (!store.putIfAbsent(STALL, Json.MAPPER.writeValueAsBytes(alert))) {
                return List.of();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return publish(new AlertLifecycle.Event(alert, AlertNotification.Status.FIRING, now, false));
    }

    private List<AlertLifecycle.Event> publish(AlertLifecycle.Event event) {
        journal.append(List.of(new AlertJournal.Entry(event.alert(), event.status(), event.judgedWindow(), false, null, true)));
        List<AlertLifecycle.Event> fresh = outbox.unnotified(List.of(event));
        outbox.enqueue(notifier.notifications(fresh));
        return fresh;
    }

    private static Alert alert(StateStore.Versioned value) {
        try {
            return Json.MAPPER.readValue(value.content(), Alert.class);
        } catch (IOException damaged) {
            return null;
        }
    }

    private static Instant instant(Optional<StateStore.Versioned> value, String field) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(value.get().content());
            return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
        } catch (IOException | RuntimeException damaged) {
            return null;
        }
    }
}
