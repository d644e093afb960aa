package org.bedrockmonitor.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.store.Claims;
import org.bedrockmonitor.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications waiting to be published, in the store ({@code state/alerts/outbox/<id>.json}), so that
 * each (alert, FIRING|RESOLVED) is published once across replicas, restarts and replays:
 * <ul>
 * <li>{@link #enqueue}: an alert already queued once ({@code state/alerts/notified/<alert id>-<status>})
 * is left out, so a replay or a second evaluation never queues it again;</li>
 * <li>{@link #due}: each queued notification is claimed by one replica for sending;</li>
 * <li>{@link #sent} marks it done and removes it; {@link #failed} gives the claim back, so the next
 * sweep (any replica) tries again: a notification is never dropped.</li>
 * </ul>
 * A replica that dies between publishing and {@link #sent} leaves a claim that expires: that one
 * notification may be published twice, the only duplicate the design allows.
 */
public final class AlertOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);
    public static final String OUTBOX = "state/alerts/outbox/";
    public static final String NOTIFIED = "state/alerts/notified/";
    public static final String SENDING = "state/alerts/sending/";

    /** One notification for one sink: {@value AlertWire#MAIN} or {@value AlertWire#CRITICAL}. */
    public record Queued(String target, AlertNotification notification) {

        String id() {
            return notification.id() + "-" + target;
        }
    }

    private final StateStore store;
    private final Claims sending;
    private final boolean criticalSink;

    /**
     * @param sending      claims under {@code state/alerts/sending/}
     * @param criticalSink critical notifications also go to the critical-alerts sink
     */
    public AlertOutbox(StateStore store, Claims sending, boolean criticalSink) {
        this.store = store;
        this.sending = sending;
        this.criticalSink = criticalSink;
    }

    /** The events whose (alert, status) was never queued: what a run may still notify. */
    public List<AlertLifecycle.Event> unnotified(List<AlertLifecycle.Event> events) {
        List<AlertLifecycle.Event> fresh = new ArrayList<>();
        for (AlertLifecycle.Event event : events) {
            if (store.get(notifiedKey(event)).isEmpty()) {
                fresh.add(event);
            }
        }
        return fresh;
    }

    /** Queues the notifications, then records their alerts as notified. */
    public void enqueue(List<AlertNotification> notifications, List<AlertLifecycle.Event> events) {
        for (AlertNotification notification : notifications) {
            queue(new Queued(AlertWire.MAIN, notification));
            if (criticalSink && notification.severity() == Alert.Severity.CRITICAL) {
                queue(new Queued(AlertWire.CRITICAL, notification));
            }
        }
        for (AlertLifecycle.Event event : events) {
            store.putIfAbsent(notifiedKey(event), event.alert().id().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void queue(Queued queued) {
        try {
            store.putIfAbsent(OUTBOX + queued.id() + ".json", Json.MAPPER.writeValueAsBytes(queued));
        } catch (IOException e) {
            throw new IllegalStateException("a notification that cannot be written as JSON: " + queued.id(), e);
        }
    }

    /** The queued notifications this replica has claimed to send now (others are being sent elsewhere). */
    public List<Queued> due() {
        List<Queued> due = new ArrayList<>();
        for (StateStore.Listed listed : store.list(OUTBOX)) {
            String id = listed.key().substring(OUTBOX.length()).replace(".json", "");
            Optional<StateStore.Versioned> value = store.get(listed.key());
            if (value.isEmpty()) {
                continue;
            }
            switch (sending.claim(id)) {
                case WON -> {
                    try {
                        due.add(Json.MAPPER.readValue(value.get().content(), Queued.class));
                    } catch (IOException damaged) {
                        LOG.error("queued notification {} cannot be read ({}); left in {} for an operator",
                                listed.key(), damaged.getMessage(), store.describe());
                        sending.release(id);
                    }
                }
                case DONE -> store.delete(listed.key());
                case BUSY -> { }
            }
        }
        return due;
    }

    public void sent(Queued queued) {
        sending.done(queued.id());
        store.delete(OUTBOX + queued.id() + ".json");
    }

    public void failed(Queued queued) {
        sending.release(queued.id());
    }

    /** Notifications waiting in the outbox (sent or not yet). */
    public int waiting() {
        return store.list(OUTBOX).size();
    }

    private static String notifiedKey(AlertLifecycle.Event event) {
        return NOTIFIED + event.alert().id() + "-" + event.status() + ".txt";
    }
}
