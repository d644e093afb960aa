package org.bedrockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;
import org.bedrockmonitor.alerts.AlertNotification.Status;
import org.bedrockmonitor.store.FolderStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertOutboxTest {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final Window WINDOW = new Window(Instant.parse("2026-11-02T14:00:00Z"), Instant.parse("2026-11-02T14:05:00Z"));
    static final Alert ERRORS = Alert.of(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, MODEL, null, WINDOW, 21.5, 5, "errors");
    static final Alert LATENCY = Alert.of(AlertTypes.HIGH_LATENCY, Severity.WARNING, MODEL, null, WINDOW, 9000, 5000, "slow");

    @TempDir
    Path dir;

    final AlertNotifier notifier = new AlertNotifier("test", 10);

    AlertOutbox outbox() {
        return new AlertOutbox(new FolderStateStore(dir), Duration.ofSeconds(60), Clock.systemUTC(), notifier, false);
    }

    List<AlertNotification> notifications(Alert... alerts) {
        return notifier.notifications(java.util.Arrays.stream(alerts)
                .map(alert -> new AlertLifecycle.Event(alert, Status.FIRING, WINDOW.from(), false)).toList());
    }

    @Test
    void anAlertTwoRacingRunsQueuedInDifferentNotificationsIsPublishedOnce() {
        AlertOutbox first = outbox();
        AlertOutbox second = outbox();
        first.enqueue(notifications(ERRORS));
        // each outbox is one replica; the first is publishing its notification when the second run queues another
        List<AlertOutbox.Queued> due = first.due();
        assertThat(due).hasSize(1);
        assertThat(due.get(0).notification().alerts()).containsExactly(ERRORS);
        second.enqueue(notifications(ERRORS, LATENCY));
        assertThat(second.due()).as("the other notification waits for the alert it shares").isEmpty();
        first.sent(due.get(0));

        // then the second goes out without the alert already published, worded for what is left
        List<AlertOutbox.Queued> rest = second.due();
        assertThat(rest).hasSize(1);
        AlertNotification reworded = rest.get(0).notification();
        assertThat(reworded.alerts()).containsExactly(LATENCY);
        assertThat(reworded.summary()).startsWith("1 alert for model " + MODEL + ": HIGH_LATENCY");
        assertThat(reworded.id()).isEqualTo(notifications(LATENCY).get(0).id());
        second.sent(rest.get(0));

        assertThat(first.waiting()).isZero();
        assertThat(first.due()).isEmpty();
        assertThat(first.unnotified(List.of(new AlertLifecycle.Event(ERRORS, Status.FIRING, WINDOW.from(), false)))).isEmpty();
    }

    @Test
    void aFailedPublishIsTriedAgainAndAnAlertAlreadyPublishedIsNeverQueuedAgain() {
        AlertOutbox outbox = outbox();
        outbox.enqueue(notifications(ERRORS));
        AlertOutbox.Queued queued = outbox.due().get(0);
        outbox.failed(queued);
        AlertOutbox.Queued again = outbox.due().get(0);
        assertThat(again.notification()).isEqualTo(queued.notification());
        outbox.sent(again);

        outbox.enqueue(notifications(ERRORS));
        assertThat(outbox.due()).as("the same notification queued again after it was sent").isEmpty();
        assertThat(outbox.waiting()).isZero();
    }
}
