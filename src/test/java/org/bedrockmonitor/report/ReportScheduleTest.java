package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/** The default schedules in application.properties parse as Quartz cron and fire when the README says. */
class ReportScheduleTest {

    /** Wednesday 25 Nov 2026, 06:00:01 UTC */
    private static final Instant AFTER = Instant.parse("2026-11-25T06:00:01Z");

    private static Instant nextRun(String report) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = ReportScheduleTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        CronExpression cron = new CronExpression(properties.getProperty("monitor.report." + report + ".cron"));
        cron.setTimeZone(TimeZone.getTimeZone(properties.getProperty("monitor.report.time-zone")));
        return cron.getNextValidTimeAfter(Date.from(AFTER)).toInstant();
    }

    @Test
    void technicalRunsDailyAtSix() throws Exception {
        assertThat(nextRun("technical")).isEqualTo("2026-11-26T06:00:00Z");
    }

    @Test
    void executiveRunsMondayAtSeven() throws Exception {
        assertThat(nextRun("executive")).isEqualTo("2026-11-30T07:00:00Z");
    }

    @Test
    void securityRunsMondayAtHalfPastSeven() throws Exception {
        assertThat(nextRun("security")).isEqualTo("2026-11-30T07:30:00Z");
    }

    @Test
    void costRunsOnTheFirstAtEight() throws Exception {
        assertThat(nextRun("cost")).isEqualTo("2026-12-01T08:00:00Z");
    }

    @Test
    void aBrokenCronIsRejectedByQuartz() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CronExpression("0 0 25 * * ?"))
                .isInstanceOf(ParseException.class);
    }
}
