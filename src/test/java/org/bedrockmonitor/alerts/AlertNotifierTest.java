package org.bedrockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;
import org.bedrockmonitor.alerts.AlertNotification.Status;
import org.junit.jupiter.api.Test;

/** How the alerts that are news are worded and grouped into notifications. */
class AlertNotifierTest {

    static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String PRINCIPAL = "arn:aws:sts::123456789012:assumed-role/app-chat/alice";
    static final Instant T0 = Instant.parse("2026-11-02T14:00:00Z");

    final AlertNotifier notifier = new AlertNotifier("prod", 10);

    static Alert alert(String type, Severity severity, String model, String principal, Instant from) {
        return Alert.of(type, severity, model, principal, new Window(from, from.plusSeconds(300)), 1, 1,
                type + " for " + model + " / " + principal + ".");
    }

    static AlertLifecycle.Event firing(Alert alert, boolean correlated) {
        return new AlertLifecycle.Event(alert, Status.FIRING, T0, correlated);
    }

    @Test
    void alertsOfOneWindowAboutOneModelBecomeOneNotificationAtTheHighestSeverity() {
        List<AlertNotification> notifications = notifier.notifications(List.of(
                firing(alert(AlertTypes.LOW_SUCCESS_RATE, Severity.WARNING, MODEL, null, T0), false),
                firing(alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0), false),
                firing(alert(AlertTypes.HIGH_LATENCY, Severity.WARNING, "amazon.titan-text-express-v1", null, T0), false)));
        assertThat(notifications).hasSize(2);
        AlertNotification grouped = notifications.get(0);
        assertThat(grouped.status()).isEqualTo(Status.FIRING);
        assertThat(grouped.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(grouped.alerts()).extracting(Alert::type).containsExactly(AlertTypes.LOW_SUCCESS_RATE, AlertTypes.HIGH_ERROR_RATE);
        assertThat(grouped.primaryType()).isEqualTo(AlertTypes.HIGH_ERROR_RATE);
        assertThat(grouped.subject()).isEqualTo("[prod] CRITICAL HIGH_ERROR_RATE +1: model " + MODEL);
        assertThat(grouped.summary()).isEqualTo("2 alerts for model " + MODEL + ": LOW_SUCCESS_RATE, HIGH_ERROR_RATE.");
        assertThat(grouped.correlated()).isFalse();
    }

    @Test
    void securityAndUsageAlertsForOnePrincipalAreOneIncident() {
        AlertNotification both = notifier.notifications(List.of(
                firing(alert(AlertTypes.FAILED_AUTH_SPIKE, Severity.WARNING, null, PRINCIPAL, T0), false),
                firing(alert(AlertTypes.TOKEN_USAGE_SPIKE, Severity.WARNING, null, PRINCIPAL, T0), false))).get(0);
        assertThat(both.correlated()).isTrue();
        assertThat(both.summary()).contains("One incident, both signals");
        assertThat(both.subject()).contains("(security+usage)").hasSizeLessThanOrEqualTo(AlertNotifier.SUBJECT_LIMIT);
        assertThat(notifier.notifications(List.of(firing(alert(AlertTypes.USAGE_SPIKE, Severity.WARNING, null, PRINCIPAL, T0), true)))
                .get(0).correlated()).as("correlated with a signal of an earlier window").isTrue();
    }

    @Test
    void aResolutionIsItsOwnNotification() {
        Alert fired = alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0);
        Alert cleared = fired.resolvedBy(new Window(T0.plusSeconds(1800), T0.plusSeconds(2100)), 0.5, "Error rate is back to 0.5%.");
        assertThat(notifier.notifications(List.of(new AlertLifecycle.Event(cleared, Status.RESOLVED, T0, false))))
                .singleElement().satisfies(notification -> {
                    assertThat(notification.status()).isEqualTo(Status.RESOLVED);
                    assertThat(notification.severity()).isEqualTo(Severity.INFO);
                    assertThat(notification.primaryType()).isEqualTo("RESOLVED");
                    assertThat(notification.subject()).isEqualTo("[prod] RESOLVED HIGH_ERROR_RATE: model " + MODEL);
                    assertThat(notification.alerts()).singleElement().satisfies(alert -> {
                        assertThat(alert.isResolution()).isTrue();
                        assertThat(alert.condition()).isEqualTo(AlertTypes.HIGH_ERROR_RATE);
                        assertThat(alert.resolves()).isEqualTo(fired.id());
                    });
                });
    }

    @Test
    void subjectIsAtMostOneHundredPrintableCharacters() {
        String longPrincipal = "arn:aws:sts::123456789012:assumed-role/" + "very-long-role-name-".repeat(8) + "/sessión\n";
        AlertNotification notification = notifier.notifications(List.of(
                firing(alert(AlertTypes.UNAPPROVED_MODEL, Severity.WARNING, MODEL, longPrincipal, T0), false))).get(0);
        assertThat(notification.subject()).hasSize(100).matches("[\\x20-\\x7E]+").endsWith("...");
    }

    @Test
    void idsAreDeterministicSoAReplayedWindowGivesTheSameAlertAndNotification() {
        Alert first = alert(AlertTypes.SERVICE_ERRORS, Severity.CRITICAL, MODEL, null, T0);
        Alert again = alert(AlertTypes.SERVICE_ERRORS, Severity.CRITICAL, MODEL, null, T0);
        assertThat(first.id()).isEqualTo(again.id()).hasSize(20);
        assertThat(alert(AlertTypes.SERVICE_ERRORS, Severity.CRITICAL, MODEL, null, T0.plusSeconds(300)).id()).isNotEqualTo(first.id());
        assertThat(notifier.notifications(List.of(firing(first, false))).get(0).id())
                .isEqualTo(notifier.notifications(List.of(firing(again, false))).get(0).id());
    }
}
