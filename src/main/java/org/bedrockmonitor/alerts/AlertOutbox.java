package org.bedrockmonitor.alerts;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * each (alert, FIRING|RESOLVED) reaches each sink once across replicas, restarts and replays:
 * <ul>
 * <li>{@link #enqueue} queues a notification under its id; the same notification queued twice is one
 * entry;</li>
 * <li>{@link #due}: each queued notification is claimed by one replica for sending, then each of its
 * alerts is claimed for publishing ({@code state/alerts/notified/<alert id>-<status>-<sink>}). An alert
 * another notification already published is left out (the rest is worded again without it); one that
 * another notification is publishing right now puts this one back for the next sweep. So two detection
 * runs that raced, or a replay that grouped the alerts differently, still publish each alert once;</li>
 * <li>{@link #sent} marks the alerts published and removes the notification; {@link #failed} gives the
 * claims back, so the next sweep (any replica) tries again: a notification is never dropped.</li>
 * </ul>
 * A replica that dies between publishing and {@link #sent} leaves claims that expire: that one
 * notification may be published twice, the only duplicate the design allows.
 */
public final class AlertOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);
    public static final String OUTBOX = "state/alerts/outbox/";
    public static final String NOTIFIED = "state/alerts/notified/";
    public static final String SENDING = "state/alerts/sending/";

    /**
     * One notification for one sink: {@value AlertWire#MAIN} or {@value AlertWire#CRITICAL}. {@code entry}
     * names its outbox entry once it is due (the notification may then be worded without alerts published
     * elsewhere, under another id).
     */
    public record Queued(String target, AlertNotification notification, String entry) {

        public Queued(String target, AlertNotification notification) {
            this(target, notification, null);
        }

        String id() {
            return entry != null ? entry : notification.id() + "-" + target;
        }
    }

    private final StateStore store;
    private final Claims sending;
    private final Claims published;
    private final AlertNotifier notifier;
    private final boolean criticalSink;

    /**
     * @param ttl          how long a claim of a replica that stopped refreshing it holds
     * @param notifier     words a notification again when some of its alerts were published elsewhere
     * @param criticalSink critical notifications also go to the critical-alerts sink
     */
    public AlertOutbox(StateStore store, Duration ttl, Clock clock, AlertNotifier notifier, boolean criticalSink) {
        this.store = store;
        this.sending = new Claims(store, SENDING, ttl, clock);
        this.published = new Claims(store, NOTIFIED, ttl, clock);
        this.notifier = notifier;
        this.criticalSink = criticalSink;
    }

    /** The events whose (alert, status) was not published yet: what a run may still notify. */
    public List<AlertLifecycle.Event> unnotified(List<AlertLifecycle.Event> events) {
        List<AlertLifecycle.Event> fresh = new ArrayList<>();
        for (AlertLifecycle.Event event : events) {
            if (!published.isDone(publication(event.alert(), event.status(), AlertWire.MAIN))) {
                fresh.add(event);
            }
        }
        return fresh;
    }

    /** Queues the notifications (for the critical sink too when it is set and they are critical). */
    public void enqueue(List<AlertNotification> notifications) {
        for (AlertNotification notification : notifications) {
            queue(new Queued(AlertWire.MAIN, notification));
            if (criticalSink && notification.severity() == Alert.Severity.CRITICAL) {
                queue(new Queued(AlertWire.CRITICAL, notification));
            }
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
    public synchronized List<Queued> due() {
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
                        Queued queued = Json.MAPPER.readValue(value.get().content(), Queued.class);
                        claimAlerts(new Queued(queued.target(), queued.notification(), id)).ifPresent(due::add);
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

    /** The notification with the alerts this replica may publish, or empty when there is nothing to send now. */
    private Optional<Queued> claimAlerts(Queued queued) {
        AlertNotification notification = queued.notification();
        List<Alert> mine = new ArrayList<>();
        for (Alert alert : notification.alerts()) {
            String name = publication(alert, notification.status(), queued.target());
            // a claim this replica holds is another of its notifications publishing the alert
            switch (published.holds(name) ? Claims.Outcome.BUSY : published.claim(name)) {
                case WON -> mine.add(alert);
                case DONE -> { }
                case BUSY -> {
                    // another notification is publishing this alert: look again at the next sweep
                    mine.forEach(claimed -> published.release(publication(claimed, notification.status(), queued.target())));
                    sending.release(queued.id());
                    return Optional.empty();
                }
            }
        }
        if (mine.isEmpty()) {
            sent(queued);
            return Optional.empty();
        }
        if (mine.size() == notification.alerts().size()) {
            return Optional.of(queued);
        }
        List<AlertLifecycle.Event> rest = mine.stream().map(alert -> new AlertLifecycle.Event(alert, notification.status(),
                Instant.EPOCH, notification.correlated())).toList();
        return Optional.of(new Queued(queued.target(), notifier.notifications(rest).get(0), queued.id()));
    }

    public void sent(Queued queued) {
        for (Alert alert : queued.notification().alerts()) {
            published.done(publication(alert, queued.notification().status(), queued.target()));
        }
        sending.done(queued.id());
        store.delete(OUTBOX + queued.id() + ".json");
    }

    public void failed(Queued queued) {
        for (Alert alert : queued.notification().alerts()) {
            published.release(publication(alert, queued.notification().status(), queued.target()));
        }
        sending.release(queued.id());
    }

    /** Notifications waiting in the outbox (sent or not yet). */
    public int waiting() {
        return store.list(OUTBOX).size();
    }

    private static String publication(Alert alert, AlertNotification.Status status, String target) {
        return alert.id() + "-" + status + "-" + target;
    }
}
