package org.bedrockmonitor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertTypes;
import org.bedrockmonitor.report.Period;
import org.bedrockmonitor.report.ReportBuilder;
import org.bedrockmonitor.report.ReportModel;
import org.bedrockmonitor.report.ReportSettings;
import org.bedrockmonitor.report.ReportType;
import org.bedrockmonitor.windows.Rollups;
import org.junit.jupiter.api.Test;

/** The COST_BUDGET alert and the reports project the month the same way: seen at the same moment, the same dollar. */
class BudgetProjectionTest {

    static final String PRINCIPAL = "arn:aws:iam::123456789012:user/alice";

    static WindowStats row(String start, double cost) {
        Stats stats = new Stats();
        stats.invocations = 10;
        stats.inputTokens = 1_000;
        stats.costUsd = cost;
        return new WindowStats(Instant.parse(start), 300, "anthropic.claude-3-haiku-20240307-v1:0", PRINCIPAL, "", true, stats);
    }

    @Test
    void theAlertAndTheReportsOfTheDayAndTheWeekEndingThenGiveOneProjection() {
        // $100 at 10:00 and $400 in the last window of 1 Nov: $500 of a $600 budget crosses 80% at midnight
        List<WindowStats> rows = List.of(row("2026-11-01T10:00:00Z", 100), row("2026-11-01T23:55:00Z", 400));
        DetectionSettings detection = new DetectionSettings();
        detection.monthlyBudgetUsd = 600;

        Alert budget = DetectionScenarioTest.ofType(DetectionScenarioTest.run(detection, List.of(rows)), AlertTypes.COST_BUDGET).get(0);

        // 14 hours observed since 10:00: $857.14 a day, 29 days left: 500 + 29 x 857.142857 = 25,357.14
        double projected = 500 + 29 * (500 / (14 / 24.0));
        assertThat(budget.message()).contains("at $857.14 a day the month ends near $25,357.14");
        ReportSettings settings = new ReportSettings("prod", ZoneOffset.UTC, 600, 0.99, 5000, 1500, 10, Map.of(), 0.5, 0.3, 99.9);
        ReportBuilder reports = new ReportBuilder(settings, null);
        Instant generated = Instant.parse("2026-11-02T06:00:00Z");
        Period day = Period.of(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2), ZoneOffset.UTC);
        Period week = Period.of(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 2), ZoneOffset.UTC);
        for (ReportModel.Budget b : List.of(
                reports.build(ReportType.COST, day, Rollups.of(rows, List.of()), List.of(), generated).cost().budget(),
                reports.build(ReportType.EXECUTIVE, day, Rollups.of(rows, List.of()), List.of(), generated).executive().budget(),
                reports.build(ReportType.EXECUTIVE, week, Rollups.of(rows, List.of()), List.of(), generated).executive().budget())) {
            assertThat(b.monthToDateUsd()).isEqualTo(500.0);
            assertThat(b.projectedMonthEndUsd()).isCloseTo(projected, within(1e-9));
            assertThat(b.dailyRateUsd()).isCloseTo(500 / (14 / 24.0), within(1e-9));
        }
    }

    @Test
    void aPeriodNotOverYetIsProjectedFromItsLastHourWithTrafficNotWithTheDaysToComeAsZero() {
        List<WindowStats> rows = List.of(row("2026-11-16T00:00:00Z", 24), row("2026-11-17T23:00:00Z", 24));
        ReportSettings settings = new ReportSettings("prod", ZoneOffset.UTC, 0, 0.99, 5000, 1500, 10, Map.of(), 0.5, 0.3, 99.9);
        Period week = Period.of(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 23), ZoneOffset.UTC);

        ReportModel.Budget midWeek = new ReportBuilder(settings, null)
                .build(ReportType.COST, week, Rollups.of(rows, List.of()), List.of(), Instant.parse("2026-11-18T08:00:00Z")).cost().budget();

        // $48 over the two days to 18 Nov 00:00, $24 a day, 13 days left; a budget of 1.2 x 360 rounded up to two digits
        assertThat(midWeek.dailyRateUsd()).isCloseTo(24.0, within(1e-12));
        assertThat(midWeek.projectedMonthEndUsd()).isCloseTo(48 + 13 * 24.0, within(1e-9));
        assertThat(midWeek.suggestedMonthlyUsd()).isEqualTo(440.0);
    }
}
