package org.bedrockmonitor.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.AlertNotification.Status;

/**
 * Turns what the rules found in one window into the alerts that are news: a condition opens with one
 * FIRING (not again within the cooldown unless it got more severe), stays open while it keeps breaching,
 * and closes with one RESOLVED once it has been clear for {@code resolveAfterWindows} windows in a row,
 * repeating the FIRING's threshold. One-off events (one use of an unapproved model, one management
 * call) are notified once per cooldown and never resolve. A window without traffic for the condition's
 * subject counts as clear.
 *
 * <p>Everything it remembers is in {@link State}, part of the detection state, so the lifecycle is a
 * function of the windows judged in event-time order: the same on every replica and after a restart.
 */
public final class AlertLifecycle {

    /**
     * An alert that is news: its status, the window whose judgement raised it, whether a security and a
     * usage signal met on its subject within the correlation span (one incident, both signals), and whether
     * it is a one-off event, which opens no condition and is never resolved.
     */
    public record Event(Alert alert, Status status, Instant judgedWindow, boolean correlated, boolean oneOff) {

        public Event(Alert alert, Status status, Instant judgedWindow, boolean correlated) {
            this(alert, status, judgedWindow, correlated, false);
        }
    }

    /** One condition (type, model, principal). */
    public static final class Condition {
        public Alert firing;
        public boolean open;
        public boolean notified;
        public Instant lastBreach;
        public int clearWindows;
        public Instant lastNotifiedFrom;
        public Severity lastNotifiedSeverity;
    }

    /** The lifecycle's memory, saved with the detection state. */
    public static final class State {
        public TreeMap<String, Condition> conditions = new TreeMap<>();
        /** Subject to the time of its latest security / usage FIRING. */
        public TreeMap<String, Instant> lastSecuritySignal = new TreeMap<>();
        public TreeMap<String, Instant> lastMetricSignal = new TreeMap<>();
    }

    private final Duration cooldown;
    private final Duration correlation;
    private final int resolveAfterWindows;

    public AlertLifecycle(Duration cooldown, Duration correlation, int resolveAfterWindows) {
        this.cooldown = cooldown;
        this.correlation = correlation;
        this.resolveAfterWindows = resolveAfterWindows;
    }

    /** Alerts about a principal group by principal, else by model, else they concern the whole account. */
    public static String subjectKey(Alert alert) {
        if (alert.principal() != null) {
            return "principal:" + alert.principal();
        }
        return alert.model() != null ? "model:" + alert.model() : "account";
    }

    /** Collects one window's findings; {@link #close} turns them into events. */
    public Window window(State state, Instant judgedWindow, Alert.Window window) {
        return new Window(state, judgedWindow, window);
    }

    /** What the rules say about one judged window. */
    public final class Window {
        private final State state;
        private final Instant judged;
        private final Alert.Window span;
        private final List<Event> events = new ArrayList<>();
        private final Set<String> touched = new LinkedHashSet<>();

        Window(State state, Instant judged, Alert.Window span) {
            this.state = state;
            this.judged = judged;
            this.span = span;
        }

        /**
         * A one-off event (a use of an unapproved model, a management call, a day over its usage, a month
         * over its budget share): notified unless the same kind of event about the same subject was notified
         * within the cooldown; it opens nothing and never resolves.
         */
        public void event(Alert alert) {
            String key = key(alert.type(), alert.model(), alert.principal()) + "|event";
            Condition last = state.conditions.get(key);
            boolean cooling = last != null && last.lastNotifiedFrom != null
                    && Duration.between(last.lastNotifiedFrom, alert.window().from()).abs().compareTo(cooldown) < 0
                    && alert.severity().compareTo(last.lastNotifiedSeverity) <= 0;
            if (cooling) {
                return;
            }
            Condition condition = last == null ? new Condition() : last;
            condition.firing = alert;
            condition.lastNotifiedFrom = alert.window().from();
            condition.lastNotifiedSeverity = alert.severity();
            state.conditions.put(key, condition);
            events.add(firing(alert, true));
        }

        /** A rule found this alert's condition breached in the window. */
        public void fire(Alert alert) {
            String key = key(alert.type(), alert.model(), alert.principal());
            touched.add(key);
            Condition condition = state.conditions.get(key);
            if (condition != null && condition.open) {
                condition.lastBreach = judged;
                condition.clearWindows = 0;
                if (alert.severity().compareTo(condition.firing.severity()) > 0) {
                    condition.firing = alert;
                    condition.notified = true;
                    condition.lastNotifiedFrom = alert.window().from();
                    condition.lastNotifiedSeverity = alert.severity();
                    events.add(firing(alert, false));
                }
                return;
            }
            boolean cooling = condition != null && condition.lastNotifiedFrom != null
                    && Duration.between(condition.lastNotifiedFrom, alert.window().from()).abs().compareTo(cooldown) < 0
                    && alert.severity().compareTo(condition.lastNotifiedSeverity) <= 0;
            if (condition == null) {
                condition = new Condition();
                state.conditions.put(key, condition);
            }
            condition.firing = alert;
            condition.open = true;
            condition.notified = !cooling;
            condition.lastBreach = judged;
            condition.clearWindows = 0;
            if (!cooling) {
                condition.lastNotifiedFrom = alert.window().from();
                condition.lastNotifiedSeverity = alert.severity();
                events.add(firing(alert, false));
            }
        }

        private Event firing(Alert alert, boolean oneOff) {
            String subject = subjectKey(alert);
            boolean security = AlertTypes.isSecurity(alert.type());
            Instant other = (security ? state.lastMetricSignal : state.lastSecuritySignal).get(subject);
            boolean correlated = other != null
                    && Duration.between(other, alert.window().from()).abs().compareTo(correlation) <= 0;
            (security ? state.lastSecuritySignal : state.lastMetricSignal)
                    .merge(subject, alert.window().from(), (a, b) -> a.isAfter(b) ? a : b);
            return new Event(alert, Status.FIRING, judged, correlated, oneOff);
        }

        /**
         * A rule found the condition clear in the window, at {@code observed}; counts only when the value is
         * also on the good side of the threshold the condition fired at. {@code message} words the
         * resolution given the FIRING alert (whose threshold it repeats).
         */
        public void clear(String type, String model, String principal, double observed, Function<Alert, String> message) {
            String key = key(type, model, principal);
            if (!touched.add(key)) {
                return;
            }
            Condition condition = state.conditions.get(key);
            if (condition == null || !condition.open) {
                return;
            }
            boolean badBelow = AlertTypes.BAD_BELOW.contains(type);
            double threshold = condition.firing.threshold();
            if (badBelow ? observed < threshold : observed > threshold) {
                condition.clearWindows = 0;
                return;
            }
            countClear(condition, observed, message);
        }

        /** Ends the window: open conditions of subjects without traffic in it count a clear window. */
        public List<Event> close(Set<String> modelsWithTraffic, Set<String> principalsWithTraffic) {
            return close(modelsWithTraffic, principalsWithTraffic, true);
        }

        /** Ends the window; {@code quietClears} false leaves untouched conditions as they are. */
        public List<Event> close(Set<String> modelsWithTraffic, Set<String> principalsWithTraffic, boolean quietClears) {
            for (Map.Entry<String, Condition> entry : state.conditions.entrySet()) {
                if (!quietClears) {
                    break;
                }
                Condition condition = entry.getValue();
                if (!condition.open || touched.contains(entry.getKey())) {
                    continue;
                }
                Alert firing = condition.firing;
                boolean quiet = firing.principal() != null ? !principalsWithTraffic.contains(firing.principal())
                        : firing.model() != null && !modelsWithTraffic.contains(firing.model());
                if (quiet && !AlertTypes.LOG_INGESTION_STALLED.equals(firing.type())) {
                    countClear(condition, AlertTypes.BAD_BELOW.contains(firing.type()) ? 100 : 0,
                            alert -> "No traffic for " + subject(alert) + " in the last " + resolveAfterWindows
                                    + " windows; " + alert.type() + " (threshold " + format(alert.threshold()) + ") is cleared.");
                }
            }
            return events;
        }

        private void countClear(Condition condition, double observed, Function<Alert, String> message) {
            condition.clearWindows++;
            if (condition.clearWindows < resolveAfterWindows) {
                return;
            }
            condition.open = false;
            if (condition.notified) {
                events.add(new Event(condition.firing.resolvedBy(span, observed, message.apply(condition.firing)),
                        Status.RESOLVED, judged, false));
            }
        }
    }

    static String key(String type, String model, String principal) {
        return String.join("|", type, String.valueOf(model), String.valueOf(principal));
    }

    private static String subject(Alert alert) {
        return alert.principal() != null ? alert.principal() : alert.model() != null ? alert.model() : "the account";
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
