package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.bedrockmonitor.config.UserError;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    /** Wednesday 25 Nov 2026, 06:00 */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 25, 6, 0, 0, 0, UTC);

    @Test
    void eachReportCoversTheLastCompletePeriod() {
        assertThat(ReportType.TECHNICAL.previousPeriod(NOW)).isEqualTo(Period.of(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25), UTC));
        assertThat(ReportType.EXECUTIVE.previousPeriod(NOW)).isEqualTo(Period.of(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 23), UTC));
        assertThat(ReportType.SECURITY.previousPeriod(NOW).label()).isEqualTo("2026-W47");
        assertThat(ReportType.COST.previousPeriod(NOW)).isEqualTo(Period.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), UTC));
    }

    @Test
    void aWeeklyRunOnMondayCoversTheWeekThatJustEnded() {
        ZonedDateTime monday = ZonedDateTime.of(2026, 11, 23, 7, 0, 0, 0, UTC);

        assertThat(ReportType.EXECUTIVE.previousPeriod(monday).firstDay()).isEqualTo(LocalDate.of(2026, 11, 16));
    }

    @Test
    void periodsStartAtMidnightInTheReportZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Period day = ReportType.TECHNICAL.previousPeriod(NOW.withZoneSameInstant(berlin));

        assertThat(day.from()).isEqualTo(Instant.parse("2026-11-23T23:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-24T23:00:00Z"));
    }

    @Test
    void labelsNameDaysWeeksMonthsAndOtherRanges() {
        assertThat(ReportFixtures.day().label()).isEqualTo("2026-11-18");
        assertThat(ReportFixtures.week().label()).isEqualTo("2026-W47");
        assertThat(ReportFixtures.month().label()).isEqualTo("2026-11");
        assertThat(Period.of(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 6), UTC).label()).isEqualTo("2026-11-03_2026-11-05");
    }

    @Test
    void anAnalysedSpanIsWidenedToWholeDays() {
        Period covering = Period.covering(Instant.parse("2026-11-18T10:00:00Z"), Instant.parse("2026-11-19T02:00:00Z"), UTC);

        assertThat(covering).isEqualTo(Period.of(LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 20), UTC));
    }

    @Test
    void thePreviousPeriodHasTheSameLength() {
        assertThat(ReportFixtures.week().previous()).isEqualTo(Period.of(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16), UTC));
    }

    @Test
    void anUnknownReportTypeIsOneSentence() {
        assertThatThrownBy(() -> ReportType.parse("weekly"))
                .isInstanceOf(UserError.class)
                .hasMessage("unknown report type 'weekly' (allowed: technical, executive, security, cost)");
    }

    @Test
    void anAnalysisOfOneInstantCoversItsDay() {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        Period period = Period.covering(at, at, ZoneId.of("UTC"));
        assertThat(period.firstDay()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(period.days()).isEqualTo(1);
    }
}
