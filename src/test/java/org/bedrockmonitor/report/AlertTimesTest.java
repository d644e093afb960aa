package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertNotification.Status;
import org.bedrockmonitor.alerts.AlertTypes;
import org.bedrockmonitor.report.ReportModel.AlertTime;
import org.junit.jupiter.api.Test;

/** Time to resolve and time open per alert type, from the FIRING and RESOLVED pairs of the alert journal. */
class AlertTimesTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 18);
    static final Period PERIOD = Period.of(DAY, DAY.plusDays(1), ZoneOffset.UTC);
    static final String SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String ALICE = "arn:aws:sts::123456789012:assumed-role/app/alice";

    final List<AlertJournal.Entry> journal = new ArrayList<>();

    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    private Alert fire(String type, Severity severity, String model, String principal, Instant from, boolean oneOff) {
        Alert alert = Alert.of(type, severity, model, principal, new Window(from, from.plusSeconds(300)), 9, 5, type);
        journal.add(new AlertJournal.Entry(alert, Status.FIRING, from, false, null, true, oneOff ? Boolean.TRUE : null));
        return alert;
    }

    private void resolve(Alert fired, Instant clearWindowFrom) {
        Alert resolution = fired.resolvedBy(new Window(clearWindowFrom, clearWindowFrom.plusSeconds(300)), 1, "clear");
        journal.add(new AlertJournal.Entry(resolution, Status.RESOLVED, clearWindowFrom, false, null, true));
    }

    @Test
    void eachConditionIsOpenFromItsFiringWindowToTheEndOfItsResolvingWindow() {
        // Sonnet: 10:00 to 10:25 (25 min), an escalation while open changes nothing
        Alert sonnet = fire(AlertTypes.HIGH_ERROR_RATE, Severity.WARNING, SONNET, null, at(DAY, 10, 0), false);
        fire(AlertTypes.HIGH_ERROR_RATE, Severity.CRITICAL, SONNET, null, at(DAY, 10, 10), false);
        resolve(sonnet, at(DAY, 10, 20));
        // Haiku: 12:00 to 12:45 (45 min)
        resolve(fire(AlertTypes.HIGH_ERROR_RATE, Severity.WARNING, HAIKU, null, at(DAY, 12, 0), false), at(DAY, 12, 40));
        // Alice: raised at 22:00, resolved only after the period: open at its end, for 2 hours
        resolve(fire(AlertTypes.USAGE_SPIKE, Severity.WARNING, null, ALICE, at(DAY, 22, 0), false), at(DAY.plusDays(1), 0, 30));
        // raised the day before and resolved in the period: it belongs to the day it was raised
        resolve(fire(AlertTypes.USAGE_SPIKE, Severity.WARNING, null, ALICE, at(DAY.minusDays(1), 23, 0), false), at(DAY, 0, 10));
        // one-off events open nothing
        fire(AlertTypes.UNAPPROVED_MODEL, Severity.WARNING, HAIKU, ALICE, at(DAY, 9, 0), true);
        fire(AlertTypes.UNAPPROVED_MODEL, Severity.WARNING, SONNET, ALICE, at(DAY, 9, 5), true);

        List<AlertTime> times = AlertTimes.of(journal, PERIOD);

        assertThat(times).containsExactly(
                new AlertTime(AlertTypes.HIGH_ERROR_RATE, 2, 2, 35.0, 0, null, 0),
                new AlertTime(AlertTypes.UNAPPROVED_MODEL, 2, 0, null, 0, null, 2),
                new AlertTime(AlertTypes.USAGE_SPIKE, 1, 0, null, 1, 120.0, 0));
        assertThat(AlertTimes.meanMinutesToResolve(times)).isCloseTo(35.0, within(1e-12));
    }

    @Test
    void theMeanOverAllTypesWeighsEachResolvedCondition() {
        resolve(fire(AlertTypes.HIGH_ERROR_RATE, Severity.WARNING, SONNET, null, at(DAY, 1, 0), false), at(DAY, 1, 5));
        resolve(fire(AlertTypes.HIGH_ERROR_RATE, Severity.WARNING, HAIKU, null, at(DAY, 2, 0), false), at(DAY, 2, 5));
        resolve(fire(AlertTypes.HIGH_LATENCY, Severity.WARNING, SONNET, null, at(DAY, 3, 0), false), at(DAY, 4, 55));

        List<AlertTime> times = AlertTimes.of(journal, PERIOD);

        // 10, 10 and 120 minutes
        assertThat(times).extracting(AlertTime::meanMinutesToResolve).containsExactly(10.0, 120.0);
        assertThat(AlertTimes.meanMinutesToResolve(times)).isCloseTo(140.0 / 3, within(1e-12));
    }

    @Test
    void withoutAlertsThereIsNoMeanTime() {
        assertThat(AlertTimes.of(List.of(), PERIOD)).isEmpty();
        assertThat(AlertTimes.meanMinutesToResolve(List.of())).isNull();
    }
}
