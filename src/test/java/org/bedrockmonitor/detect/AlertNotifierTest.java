package org.bedrockmonitor.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bedrockmonitor.detect.Alert.Severity;
import org.bedrockmonitor.detect.Alert.Window;
import org.bedrockmonitor.detect.AlertNotification.Status;
import org.junit.jupiter.api.Test;

/** Cooldown, grouping, one-incident correlation and resolutions, without Camel. */
class AlertNotifierTest {

    static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String PRINCIPAL = "arn:aws:sts::123456789012:assumed-role/app-chat/alice";
    static final Instant T0 = Instant.parse("2026-11-02T14:00:00Z");

    final AlertLog log = new AlertLog();
    final AlertNotifier notifier = new AlertNotifier("prod", Duration.ofMinutes(60), Duration.ofMinutes(10), log);

    static Window at(Instant from) {
        return new Window(from, from.plusSeconds(300));
    }

    static Alert alert(String type, Severity severity, String model, String principal, Instant from) {
        return Alert.of(type, severity, model, principal, at(from), 1, 1, type + " for " + model + " / " + principal + ".");
    }

    @Test
    void sameConditionIsNotNotifiedAgainWithinTheCooldown() {
        assertThat(notifier.toNotifications(alert(AlertTypes.HIGH_LATENCY, Severity.WARNING, MODEL, null, T0))).hasSize(1);
        assertThat(notifier.toNotifications(alert(AlertTypes.HIGH_LATENCY, Severity.WARNING, MODEL, null, T0.plusSeconds(300))))
                .isEmpty();
        assertThat(notifier.toNotifications(alert(AlertTypes.HIGH_LATENCY, Severity.WARNING, "other-model", null, T0.plusSeconds(300))))
                .as("another model is another condition").hasSize(1);
        assertThat(notifier.toNotifications(alert(AlertTypes.HIGH_LATENCY, Severity.WARNING, MODEL, null,
                T0.plus(Duration.ofMinutes(60))))).as("after the cooldown").hasSize(1);
        assertThat(log.raised()).hasSize(3);
    }

    @Test
    void escalationWithinTheCooldownIsNotified() {
        Instant monthStart = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(notifier.toNotifications(alert(AlertTypes.COST_BUDGET, Severity.WARNING, null, null, monthStart))).hasSize(1);
        assertThat(notifier.toNotifications(alert(AlertTypes.COST_BUDGET, Severity.CRITICAL, null, null, monthStart)))
                .singleElement().satisfies(n -> assertThat(n.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(notifier.toNotifications(alert(AlertTypes.COST_BUDGET, Severity.CRITICAL, null, null, monthStart)))
                .as("the same severity again is a repeat").isEmpty();
    }

    @Test
    void alertsRaisedTogetherAboutOneModelBecomeOneNotificationAtTheHighestSeverity() {
        List<AlertNotification> notifications = notifier.toNotifications(List.of(
                alert(AlertTypes.LOW_SUCCESS_RATE, Severity.WARNING, MODEL, null, T0),
                alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0),
                alert(AlertTypes.HIGH_LATENCY, Severity.WARNING, "amazon.titan-text-express-v1", null, T0)));
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
        AlertNotification both = notifier.toNotifications(List.of(
                alert("FAILED_AUTH_SPIKE", Severity.WARNING, null, PRINCIPAL, T0),
                alert(AlertTypes.TOKEN_USAGE_SPIKE, Severity.WARNING, null, PRINCIPAL, T0))).get(0);
        assertThat(both.correlated()).isTrue();
        assertThat(both.summary()).contains("One incident, both signals");
        assertThat(both.subject()).contains("(security+usage)").hasSizeLessThanOrEqualTo(AlertNotifier.SUBJECT_LIMIT);
    }

    @Test
    void securityAlertAndALaterUsageAlertAreCorrelatedOnlyWithinTheCorrelationWindow() {
        notifier.toNotifications(alert("UNUSUAL_ACCESS", Severity.WARNING, null, PRINCIPAL, T0));
        AlertNotification soon = notifier.toNotifications(
                alert(AlertTypes.USAGE_SPIKE, Severity.WARNING, null, PRINCIPAL, T0.plus(Duration.ofMinutes(5)))).get(0);
        assertThat(soon.correlated()).isTrue();
        AlertNotification later = notifier.toNotifications(
                alert(AlertTypes.TOKEN_USAGE_SPIKE, Severity.WARNING, null, PRINCIPAL, T0.plus(Duration.ofHours(2)))).get(0);
        assertThat(later.correlated()).isFalse();
        assertThat(later.summary()).doesNotContain("both signals");
    }

    @Test
    void resolutionIsNotifiedOnceAndOnlyForANotifiedCondition() {
        Alert fired = alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0);
        Alert cleared = fired.resolvedBy(at(T0.plus(Duration.ofMinutes(30))), 0.5, "Error rate is back to 0.5%.");
        assertThat(notifier.toNotifications(cleared)).as("nothing was notified to resolve").isEmpty();

        notifier.toNotifications(fired);
        List<AlertNotification> resolved = notifier.toNotifications(cleared);
        assertThat(resolved).singleElement().satisfies(notification -> {
            assertThat(notification.status()).isEqualTo(Status.RESOLVED);
            assertThat(notification.severity()).isEqualTo(Severity.INFO);
            assertThat(notification.primaryType()).isEqualTo("RESOLVED");
            assertThat(notification.subject()).isEqualTo("[prod] RESOLVED HIGH_ERROR_RATE: model " + MODEL);
            assertThat(notification.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.isResolution()).isTrue();
                assertThat(alert.condition()).isEqualTo(AlertTypes.HIGH_ERROR_RATE);
            });
        });
        assertThat(notifier.toNotifications(cleared)).as("resolved once").isEmpty();
        assertThat(log.raised()).extracting(Alert::id).containsExactly(fired.id());
    }

    @Test
    void subjectIsAtMostOneHundredPrintableCharacters() {
        String longPrincipal = "arn:aws:sts::123456789012:assumed-role/" + "very-long-role-name-".repeat(8) + "/sessión\n";
        AlertNotification notification = notifier.toNotifications(
                alert(AlertTypes.UNAPPROVED_MODEL, Severity.WARNING, MODEL, longPrincipal, T0)).get(0);
        assertThat(notification.subject()).hasSize(100).matches("[\\x20-\\x7E]+").endsWith("...");
    }

    @Test
    void idsAreDeterministicSoAReplayedWindowGivesTheSameAlert() {
        Alert first = alert(AlertTypes.SERVICE_ERRORS, Severity.CRITICAL, MODEL, null, T0);
        Alert again = alert(AlertTypes.SERVICE_ERRORS, Severity.CRITICAL, MODEL, null, T0);
        assertThat(first.id()).isEqualTo(again.id()).hasSize(20);
        assertThat(alert(AlertTypes.SERVICE_ERRORS, Severity.CRITICAL, MODEL, null, T0.plusSeconds(300)).id())
                .isNotEqualTo(first.id());
    }
}
