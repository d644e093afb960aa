package org.bedrockmonitor.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bedrockmonitor.detect.Alert.Severity;
import org.bedrockmonitor.detect.AlertNotification.Status;

/**
 * Turns raised alerts into notifications without noise: the same (type, model, principal) is not
 * notified again within the cooldown (measured on the alerts' window times, so an analysis of old logs
 * behaves like the live service) unless it got more severe; alerts raised together about one subject become one notification; a
 * resolution is notified only for a condition whose firing was notified. All alerts from every detector
 * (rules and security) pass through here, which is what lets it see one incident with both signals.
 */
public final class AlertNotifier {

    static final int SUBJECT_LIMIT = 100;

    private final String environment;
    private final Duration cooldown;
    private final Duration correlationWindow;
    private final AlertLog log;

    private final Map<String, Notified> lastNotified = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private final Map<String, Instant> lastSecuritySignal = new HashMap<>();
    private final Map<String, Instant> lastMetricSignal = new HashMap<>();

    /** When a condition was last notified and how severe it was then (an escalation is news). */
    private record Notified(Instant at, Severity severity) {
    }

    public AlertNotifier(String environment, Duration cooldown, Duration correlationWindow, AlertLog log) {
        this.environment = environment;
        this.cooldown = cooldown;
        this.correlationWindow = correlationWindow;
        this.log = log;
    }

    public List<AlertNotification> toNotifications(Alert alert) {
        return toNotifications(List.of(alert));
    }

    public synchronized List<AlertNotification> toNotifications(List<Alert> alerts) {
        Map<String, Alert> unique = new LinkedHashMap<>();
        alerts.forEach(alert -> unique.putIfAbsent(alert.id(), alert));

        List<Alert> firing = new ArrayList<>();
        List<Alert> resolved = new ArrayList<>();
        for (Alert alert : unique.values()) {
            String key = conditionKey(alert);
            if (alert.isResolution()) {
                if (open.remove(key)) {
                    resolved.add(alert);
                }
                continue;
            }
            Notified last = lastNotified.get(key);
            Instant at = alert.window().from();
            boolean escalation = last != null && alert.severity().compareTo(last.severity()) > 0;
            if (last != null && !escalation && Duration.between(last.at(), at).abs().compareTo(cooldown) < 0) {
                continue;
            }
            lastNotified.put(key, new Notified(at, alert.severity()));
            open.add(key);
            firing.add(alert);
        }
        log.record(firing);

        List<AlertNotification> notifications = new ArrayList<>();
        group(firing).forEach((subject, group) -> notifications.add(firingNotification(subject, group)));
        group(resolved).forEach((subject, group) -> notifications.add(resolvedNotification(subject, group)));
        return notifications;
    }

    private AlertNotification firingNotification(String subjectKey, List<Alert> group) {
        boolean security = group.stream().anyMatch(a -> AlertTypes.isSecurity(a.type()));
        boolean metric = group.stream().anyMatch(a -> !AlertTypes.isSecurity(a.type()));
        boolean correlated = (security && metric)
                || (metric && recentlySeen(lastSecuritySignal, subjectKey, group))
                || (security && recentlySeen(lastMetricSignal, subjectKey, group));
        for (Alert alert : group) {
            (AlertTypes.isSecurity(alert.type()) ? lastSecuritySignal : lastMetricSignal)
                    .merge(subjectKey, alert.window().from(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Severity severity = group.stream().map(Alert::severity).max(Comparator.naturalOrder()).orElseThrow();
        List<String> types = group.stream().map(Alert::type).distinct().toList();
        String about = describe(group.get(0));
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%d %s for %s: %s.", group.size(),
                group.size() == 1 ? "alert" : "alerts", about, String.join(", ", types)));
        if (correlated) {
            summary.append(" One incident, both signals: a security alert and a usage alert for the same ")
                    .append(group.get(0).principal() != null ? "principal" : "model").append(" within ")
                    .append(correlationWindow.toMinutes()).append(" minutes.");
        }
        String mostSevere = group.stream().max(Comparator.comparing(Alert::severity)).orElseThrow().type();
        String subject = String.format(Locale.ROOT, "[%s] %s %s%s%s: %s", environment,
                severity.name(), mostSevere, types.size() > 1 ? " +" + (types.size() - 1) : "",
                correlated ? " (security+usage)" : "", about);
        return new AlertNotification(notificationId(Status.FIRING, group), Status.FIRING, environment,
                subjectLine(subject), severity, group.get(0).model(), group.get(0).principal(), correlated,
                summary.toString(), List.copyOf(group));
    }

    private AlertNotification resolvedNotification(String subjectKey, List<Alert> group) {
        List<String> conditions = group.stream().map(Alert::condition).distinct().toList();
        String about = describe(group.get(0));
        String subject = String.format(Locale.ROOT, "[%s] RESOLVED %s: %s", environment, String.join(", ", conditions), about);
        return new AlertNotification(notificationId(Status.RESOLVED, group), Status.RESOLVED, environment,
                subjectLine(subject), Severity.INFO, group.get(0).model(), group.get(0).principal(), false,
                String.format(Locale.ROOT, "Cleared for %s: %s.", about, String.join(", ", conditions)),
                List.copyOf(group));
    }

    private boolean recentlySeen(Map<String, Instant> signals, String subjectKey, List<Alert> group) {
        Instant seen = signals.get(subjectKey);
        return seen != null && group.stream().anyMatch(
                alert -> Duration.between(seen, alert.window().from()).abs().compareTo(correlationWindow) <= 0);
    }

    private static Map<String, List<Alert>> group(List<Alert> alerts) {
        return alerts.stream().collect(Collectors.groupingBy(AlertNotifier::subjectKey, LinkedHashMap::new,
                Collectors.toList()));
    }

    /** Alerts about a principal group by principal, else by model, else they concern the whole account. */
    static String subjectKey(Alert alert) {
        if (alert.principal() != null) {
            return "principal:" + alert.principal();
        }
        return alert.model() != null ? "model:" + alert.model() : "account";
    }

    private static String describe(Alert alert) {
        if (alert.principal() != null) {
            return "principal " + alert.principal();
        }
        return alert.model() != null ? "model " + alert.model() : "the account";
    }

    private static String conditionKey(Alert alert) {
        return String.join("|", alert.condition(), String.valueOf(alert.model()), String.valueOf(alert.principal()));
    }

    private static String notificationId(Status status, List<Alert> group) {
        return Alert.sha256(status + "|" + group.stream().map(Alert::id).sorted().collect(Collectors.joining(",")))
                .substring(0, 20);
    }

    /** SNS subjects: at most 100 printable ASCII characters, no line breaks. */
    static String subjectLine(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= SUBJECT_LIMIT ? printable : printable.substring(0, SUBJECT_LIMIT - 3) + "...";
    }
}
