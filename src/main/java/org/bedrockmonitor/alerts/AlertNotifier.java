package org.bedrockmonitor.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.AlertLifecycle.Event;
import org.bedrockmonitor.alerts.AlertNotification.Status;
import org.bedrockmonitor.util.Hashes;

/**
 * Words the alerts that are news as notifications: the alerts one window raised about one subject (a
 * principal, else a model, else the account) become one message, saying "one incident, both signals"
 * when a security and a usage alert meet. Stateless: the same events give the same notifications
 * (ids included) on every replica.
 */
public final class AlertNotifier {

    static final int SUBJECT_LIMIT = 100;

    private final String environment;
    private final long correlationMinutes;

    public AlertNotifier(String environment, long correlationMinutes) {
        this.environment = environment;
        this.correlationMinutes = correlationMinutes;
    }

    public List<AlertNotification> notifications(List<Event> events) {
        Map<String, List<Event>> groups = new LinkedHashMap<>();
        for (Event event : events) {
            String key = event.judgedWindow() + "|" + event.status() + "|" + AlertLifecycle.subjectKey(event.alert());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
        }
        List<AlertNotification> notifications = new ArrayList<>();
        groups.values().forEach(group -> notifications.add(group.get(0).status() == Status.FIRING
                ? firing(group) : resolved(group)));
        return notifications;
    }

    private AlertNotification firing(List<Event> events) {
        List<Alert> group = events.stream().map(Event::alert).toList();
        boolean security = group.stream().anyMatch(a -> AlertTypes.isSecurity(a.type()));
        boolean metric = group.stream().anyMatch(a -> !AlertTypes.isSecurity(a.type()));
        boolean correlated = (security && metric) || events.stream().anyMatch(Event::correlated);
        Severity severity = group.stream().map(Alert::severity).max(Comparator.naturalOrder()).orElseThrow();
        List<String> types = group.stream().map(Alert::type).distinct().toList();
        String about = describe(group.get(0));
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%d %s for %s: %s.", group.size(),
                group.size() == 1 ? "alert" : "alerts", about, String.join(", ", types)));
        if (correlated) {
            summary.append(" One incident, both signals: a security alert and a usage alert for the same ")
                    .append(group.get(0).principal() != null ? "principal" : "model").append(" within ")
                    .append(correlationMinutes).append(" minutes.");
        }
        String mostSevere = group.stream().max(Comparator.comparing(Alert::severity)).orElseThrow().type();
        String subject = String.format(Locale.ROOT, "[%s] %s %s%s%s: %s", environment,
                severity.name(), mostSevere, types.size() > 1 ? " +" + (types.size() - 1) : "",
                correlated ? " (security+usage)" : "", about);
        return new AlertNotification(notificationId(Status.FIRING, group), Status.FIRING, environment,
                subjectLine(subject), severity, group.get(0).model(), group.get(0).principal(), correlated,
                summary.toString(), List.copyOf(group));
    }

    private AlertNotification resolved(List<Event> events) {
        List<Alert> group = events.stream().map(Event::alert).toList();
        List<String> conditions = group.stream().map(Alert::condition).distinct().toList();
        String about = describe(group.get(0));
        String subject = String.format(Locale.ROOT, "[%s] RESOLVED %s: %s", environment, String.join(", ", conditions), about);
        return new AlertNotification(notificationId(Status.RESOLVED, group), Status.RESOLVED, environment,
                subjectLine(subject), Severity.INFO, group.get(0).model(), group.get(0).principal(), false,
                String.format(Locale.ROOT, "Cleared for %s: %s.", about, String.join(", ", conditions)),
                List.copyOf(group));
    }

    private static String describe(Alert alert) {
        if (alert.principal() != null) {
            return "principal " + alert.principal();
        }
        return alert.model() != null ? "model " + alert.model() : "the account";
    }

    static String notificationId(Status status, List<Alert> group) {
        return Hashes.sha256Hex(status + "|" + group.stream().map(Alert::id).sorted().collect(Collectors.joining(",")), 20);
    }

    /** SNS subjects: at most 100 printable ASCII characters, no line breaks. */
    static String subjectLine(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= SUBJECT_LIMIT ? printable : printable.substring(0, SUBJECT_LIMIT - 3) + "...";
    }

    /** When a notification is considered too old to page: its newest alert window ended before {@code cutoff}. */
    static boolean olderThan(AlertNotification notification, Instant cutoff) {
        return notification.alerts().stream().allMatch(alert -> alert.window().to().isBefore(cutoff));
    }
}
