package org.bedrockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;
import org.bedrockmonitor.alerts.AlertNotification.Status;
import org.junit.jupiter.api.Test;

/** Which findings are news: one FIRING per condition, RESOLVED after clear windows, cooldown, escalation. */
class AlertLifecycleTest {

    static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String PRINCIPAL = "arn:aws:sts::123456789012:assumed-role/app-chat/alice";
    static final Instant T0 = Instant.parse("2026-11-02T14:00:00Z");

    final AlertLifecycle lifecycle = new AlertLifecycle(Duration.ofMinutes(60), Duration.ofMinutes(10), 2);
    final AlertLifecycle.State state = new AlertLifecycle.State();

    static Window at(Instant from) {
        return new Window(from, from.plusSeconds(300));
    }

    static Alert alert(String type, Severity severity, String model, String principal, Instant from) {
        return Alert.of(type, severity, model, principal, at(from), 8, 5, type + " for " + model + " / " + principal + ".");
    }

    /** Window {@code n} after T0 with what the rules found in it; the models and principals that had traffic. */
    List<AlertLifecycle.Event> window(int n, List<Alert> fired, List<Alert> events, double clearObserved, Set<String> models) {
        Instant start = T0.plusSeconds(300L * n);
        AlertLifecycle.Window findings = lifecycle.window(state, start, at(start));
        fired.forEach(findings::fire);
        events.forEach(findings::event);
        if (fired.isEmpty() && clearObserved >= 0) {
            findings.clear(AlertTypes.HIGH_ERROR_RATE, MODEL, null, clearObserved, f -> "back to " + clearObserved + " (threshold " + f.threshold() + ")");
        }
        return findings.close(models, Set.of());
    }

    @Test
    void aConditionFiresOnceWhileItLastsAndResolvesAfterTwoClearWindowsRepeatingItsThreshold() {
        List<AlertLifecycle.Event> all = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            all.addAll(window(n, List.of(alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0.plusSeconds(300L * n))),
                    List.of(), -1, Set.of(MODEL)));
        }
        assertThat(all).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(Status.FIRING));
        assertThat(window(4, List.of(), List.of(), 1.0, Set.of(MODEL))).as("one clear window is not enough").isEmpty();
        List<AlertLifecycle.Event> resolved = window(5, List.of(), List.of(), 0.5, Set.of(MODEL));
        assertThat(resolved).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(Status.RESOLVED);
            assertThat(e.alert().threshold()).isEqualTo(5.0);
            assertThat(e.alert().resolves()).isEqualTo(all.get(0).alert().id());
            assertThat(e.alert().message()).isEqualTo("back to 0.5 (threshold 5.0)");
            assertThat(e.alert().window().from()).isEqualTo(T0.plusSeconds(1500));
        });
    }

    @Test
    void aOneOffEventIsMarkedSoThatNoResolutionIsAwaited() {
        List<AlertLifecycle.Event> events = window(0, List.of(alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0)),
                List.of(alert(AlertTypes.UNAPPROVED_MODEL, Severity.WARNING, MODEL, PRINCIPAL, T0)), -1, Set.of(MODEL));

        assertThat(events).extracting(e -> e.alert().type(), AlertLifecycle.Event::oneOff).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(AlertTypes.HIGH_ERROR_RATE, false),
                org.assertj.core.groups.Tuple.tuple(AlertTypes.UNAPPROVED_MODEL, true));
    }

    @Test
    void aValueStillOnTheBadSideOfTheFiringThresholdDoesNotCountAsClear() {
        window(0, List.of(alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0)), List.of(), -1, Set.of(MODEL));
        assertThat(window(1, List.of(), List.of(), 7.0, Set.of(MODEL))).isEmpty();
        assertThat(window(2, List.of(), List.of(), 7.0, Set.of(MODEL))).as("7% is above the 5% it fired at").isEmpty();
    }

    @Test
    void windowsWithoutTrafficForTheSubjectCountAsClear() {
        window(0, List.of(alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0)), List.of(), -1, Set.of(MODEL));
        window(1, List.of(), List.of(), -1, Set.of());
        assertThat(window(2, List.of(), List.of(), -1, Set.of())).singleElement()
                .satisfies(e -> assertThat(e.alert().message()).contains("No traffic"));
    }

    @Test
    void theSameConditionAgainWithinTheCooldownIsNotNewsAndNeitherIsItsResolution() {
        window(0, List.of(alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0)), List.of(), -1, Set.of(MODEL));
        window(1, List.of(), List.of(), 0, Set.of(MODEL));
        window(2, List.of(), List.of(), 0, Set.of(MODEL));
        assertThat(window(3, List.of(alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0.plusSeconds(900))),
                List.of(), -1, Set.of(MODEL))).as("15 minutes after the last FIRING").isEmpty();
        window(4, List.of(), List.of(), 0, Set.of(MODEL));
        assertThat(window(5, List.of(), List.of(), 0, Set.of(MODEL))).as("its firing was not notified").isEmpty();
        assertThat(window(13, List.of(alert(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, T0.plusSeconds(3900))),
                List.of(), -1, Set.of(MODEL))).as("after the cooldown").hasSize(1);
    }

    @Test
    void oneOffEventsNotifyOncePerCooldownUnlessMoreSevere() {
        Instant monthStart = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(window(0, List.of(), List.of(Alert.of(AlertTypes.COST_BUDGET, Severity.WARNING, null, null,
                new Window(monthStart, T0), 490, 480, "80%")), -1, Set.of())).hasSize(1);
        assertThat(window(1, List.of(), List.of(Alert.of(AlertTypes.COST_BUDGET, Severity.WARNING, null, null,
                new Window(monthStart, T0.plusSeconds(300)), 495, 480, "80%")), -1, Set.of())).isEmpty();
        assertThat(window(2, List.of(), List.of(Alert.of(AlertTypes.COST_BUDGET, Severity.CRITICAL, null, null,
                new Window(monthStart, T0.plusSeconds(600)), 601, 480, "100%")), -1, Set.of())).as("escalation").hasSize(1);
    }

    @Test
    void aSecurityAndAUsageSignalOnOneSubjectWithinTheCorrelationSpanAreOneIncident() {
        List<AlertLifecycle.Event> first = window(0, List.of(), List.of(alert(AlertTypes.UNUSUAL_ACCESS, Severity.WARNING, null, PRINCIPAL, T0)),
                -1, Set.of());
        List<AlertLifecycle.Event> soon = window(1, List.of(alert(AlertTypes.TOKEN_USAGE_SPIKE, Severity.WARNING, null, PRINCIPAL,
                T0.plusSeconds(300))), List.of(), -1, Set.of());
        assertThat(first).singleElement().satisfies(e -> assertThat(e.correlated()).isFalse());
        assertThat(soon).singleElement().satisfies(e -> assertThat(e.correlated()).isTrue());
        List<AlertLifecycle.Event> later = window(30, List.of(), List.of(alert(AlertTypes.SUSPICIOUS_USER_AGENT, Severity.WARNING,
                null, "another principal", T0.plusSeconds(9000))), -1, Set.of());
        assertThat(later).singleElement().satisfies(e -> assertThat(e.correlated()).isFalse());
    }
}
