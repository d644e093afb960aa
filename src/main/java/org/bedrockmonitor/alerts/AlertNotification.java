package org.bedrockmonitor.alerts;

import java.util.Comparator;
import java.util.List;

import org.bedrockmonitor.alerts.Alert.Severity;

/**
 * What subscribers receive: the alerts raised together about one subject (a principal, else a model,
 * else the account), with the highest severity among them. {@code correlated} says the subject shows a
 * security signal and a usage/metric signal in the same period: one incident, both signals.
 */
public record AlertNotification(
        String id,
        Status status,
        String environment,
        String subject,
        Severity severity,
        String model,
        String principal,
        boolean correlated,
        String summary,
        List<Alert> alerts) {

    public enum Status {
        FIRING, RESOLVED
    }

    /** The message attribute subscribers filter on: the most severe alert's type, or RESOLVED. */
    public String primaryType() {
        if (status == Status.RESOLVED) {
            return Status.RESOLVED.name();
        }
        return alerts.stream().max(Comparator.comparing(Alert::severity)).map(Alert::type).orElseThrow();
    }

    public List<String> types() {
        return alerts.stream().map(Alert::condition).distinct().sorted().toList();
    }
}
