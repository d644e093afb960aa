package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedrockmonitor.report.ReportFixtures.HAIKU_ROW_COST;
import static org.bedrockmonitor.report.ReportFixtures.SONNET_ROW_COST;
import static org.bedrockmonitor.report.ReportFixtures.XSS;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bedrockmonitor.report.ReportModel.AlertTime;
import org.bedrockmonitor.report.ReportModel.Change;
import org.bedrockmonitor.report.ReportModel.Executive;
import org.bedrockmonitor.report.ReportModel.Kpi;
import org.bedrockmonitor.report.ReportModel.Named;
import org.bedrockmonitor.report.ReportModel.TrendPoint;
import org.junit.jupiter.api.Test;

/**
 * The management figures of the executive summary over {@link ReportFixtures}: the week of 16 Nov has
 * 260 requests from the chatbot role (200, seen the week before), the hostile principal (10) and the
 * batch role (50, new); the week before 100 from the chatbot role; 2 Nov 40 from the reporting role,
 * the store's first traffic.
 */
class ExecutiveKpiTest {

    private static final Instant GENERATED = Instant.parse("2026-12-01T08:00:00Z");
    private final ReportBuilder builder = new ReportBuilder(ReportFixtures.settings(), ReportFixtures.PRICES);

    private Executive executive(Period period) {
        return builder.build(ReportType.EXECUTIVE, period, ReportFixtures.rollups(), ReportFixtures.alerts(), GENERATED).executive();
    }

    private static Kpi kpi(Executive e, String name) {
        return e.kpis().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void activeDailyMonthlyAndNewPrincipalsAreCountedFromTheHistory() {
        ReportModel.Adoption a = executive(ReportFixtures.week()).adoption();

        assertThat(a.activePrincipals()).isEqualTo(3);
        // two principals on the 18th, one on the 20th, none on the other five days
        assertThat(a.dailyActiveAverage()).isCloseTo(3.0 / 7, within(1e-12));
        // the 30 days to 22 Nov add the reporting role of 2 Nov
        assertThat(a.monthlyActive()).isEqualTo(4);
        assertThat(a.monthlyActiveSpan()).isEqualTo("30 days to 22 Nov 2026");
        assertThat(a.newPrincipals()).containsExactly(new Named(XSS, XSS),
                new Named(ReportFixtures.BATCH_ROLE, "nightly-batch"));
        // CloudTrail: the chatbot role, the hostile principal, the admin user and root, counted apart
        assertThat(a.cloudTrailPrincipals()).isEqualTo(4);
        assertThat(a.historyStart()).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
    }

    @Test
    void growthComparesTheLastSevenAndThirtyDaysWithTheSpanBefore() {
        List<ReportModel.Growth> growth = executive(ReportFixtures.week()).growth();

        ReportModel.Growth week = growth.get(0);
        assertThat(week.days()).isEqualTo(7);
        assertThat(week.invocations()).isEqualTo(new Change(260, 100.0, 160.0));
        assertThat(week.activePrincipals()).isEqualTo(new Change(3, 1.0, 200.0));
        assertThat(week.costUsd().current()).isCloseTo(2 * SONNET_ROW_COST + HAIKU_ROW_COST, within(1e-12));
        assertThat(week.costUsd().previous()).isCloseTo(SONNET_ROW_COST, within(1e-12));
        assertThat(week.costUsd().changePct()).isCloseTo((1.545 - 0.6975) / 0.6975 * 100, within(1e-9));
        // nothing before 24 Oct: the month has no span to compare with
        ReportModel.Growth month = growth.get(1);
        assertThat(month.days()).isEqualTo(30);
        assertThat(month.invocations()).isEqualTo(new Change(400, null, null));
        assertThat(month.activePrincipals()).isEqualTo(new Change(4, null, null));
    }

    @Test
    void availabilityIsTheShareOfWindowsWithTrafficMeetingTheObjective() {
        Executive e = executive(ReportFixtures.week());

        // 18 Nov 10:05 had 1 server error in 100 requests (99.0% < 99.9%); 10:00, 14:00 and 20 Nov 09:00 had none
        assertThat(e.availability()).isEqualTo(new ReportModel.Availability(0.75, 3, 4, 99.9, 300));
        Kpi availability = kpi(e, "Availability");
        assertThat(availability.previous()).isEqualTo(1.0);
        assertThat(availability.changePct()).isCloseTo(-25.0, within(1e-12));
        assertThat(availability.good()).isFalse();
    }

    @Test
    void costPerThousandRequestsIsASeriesAndEmptyBucketsHaveNoRate() {
        List<TrendPoint> days = executive(ReportFixtures.week()).daily();

        assertThat(days).extracting(TrendPoint::label).startsWith("2026-11-16").hasSize(7);
        assertThat(days.get(2).costPer1kUsd()).isCloseTo(2 * SONNET_ROW_COST / 210 * 1000, within(1e-12));
        assertThat(days.get(4).costPer1kUsd()).isCloseTo(HAIKU_ROW_COST / 50 * 1000, within(1e-12));
        assertThat(days).extracting(TrendPoint::costPer1kUsd).filteredOn(v -> v == null).hasSize(5);
        assertThat(days).extracting(TrendPoint::principals).containsExactly(0L, 0L, 2L, 0L, 1L, 0L, 0L);
        assertThat(kpi(executive(ReportFixtures.week()), "Cost per 1K requests").current())
                .isCloseTo(1.545 / 260 * 1000, within(1e-12));
    }

    @Test
    void anAlertStillOpenAtTheEndOfThePeriodCountsItsTimeOpen() {
        Executive e = executive(ReportFixtures.week());

        // fired 18 Nov 10:00, never resolved: open 4 days 14 hours when the week ends
        assertThat(e.alertTimes()).containsExactly(new AlertTime("error-rate", 1, 0, null, 1, 6600.0, 0));
        assertThat(e.meanMinutesToResolve()).isNull();
    }

    @Test
    void theHeadingMatchesThePeriod() {
        LocalDate day = ReportFixtures.TECHNICAL_DAY;
        assertThat(executive(Period.of(day, day.plusDays(1), ReportFixtures.UTC)).comparison()).isEqualTo("Day over day");
        assertThat(executive(ReportFixtures.week()).comparison()).isEqualTo("Week over week");
        assertThat(executive(ReportFixtures.month()).comparison()).isEqualTo("Month over month");
        assertThat(executive(Period.of(day, day.plusDays(3), ReportFixtures.UTC)).comparison()).isEqualTo("Against the previous 3 days");
        assertThat(executive(ReportFixtures.month()).previousPeriodText()).isEqualTo("1 Oct 2026 - 31 Oct 2026");
    }

    @Test
    void theFirstPeriodSaysNoEarlierDataAndNothingIsRed() {
        Period first = Period.of(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3), ReportFixtures.UTC);
        Executive e = executive(first);

        assertThat(e.earlierData()).isFalse();
        assertThat(e.kpis()).allSatisfy(k -> {
            assertThat(k.previous()).isNull();
            assertThat(k.good()).isTrue();
        });
        assertThat(e.whatChanged()).containsExactly(
                "Cost: $0.70, with no earlier data to compare; the largest share was anthropic.claude-3-5-sonnet-20240620-v1:0 "
                        + "($0.70, 100%), mostly reporting ($0.70).",
                "Usage: 40 requests from 1 principal, with no earlier data to compare; the busiest was reporting (40 requests, 100%).",
                "Failures: no request failed.");
        RenderedReport rendered = ReportRenderer.create(java.nio.file.Path.of(ReportRenderer.TEMPLATE_FOLDER))
                .render(builder.build(ReportType.EXECUTIVE, first, ReportFixtures.rollups(), List.of(), GENERATED));
        assertThat(rendered.text()).contains("No earlier data").doesNotContain("(worse)").doesNotContain("new (none before)");
        assertThat(rendered.html()).contains("No earlier data").doesNotContain("#b91c1c");
    }

    @Test
    void threeSentencesSayWhatMovedMostAndWhy() {
        assertThat(executive(ReportFixtures.week()).whatChanged()).containsExactly(
                "Cost: up 121.5% to $1.55 (from $0.70); the biggest mover was anthropic.claude-3-5-sonnet-20240620-v1:0 (+$0.70), "
                        + "mostly chatbot (+$0.70).",
                "Usage: up 160.0% to 260 requests (from 100 requests); the biggest mover was chatbot (+100 requests).",
                "Failures: 14 failed requests (5.4% of requests) against 0 (0.0%) in the period before; the biggest mover was "
                        + "anthropic.claude-3-5-sonnet-20240620-v1:0 (+14), mainly ThrottlingException (throttled: the account's quota "
                        + "for the model was reached).");
    }

    @Test
    void recommendationsCarryTheMoneyOfThePeriodAndOfAMonthAtItsPace() {
        List<ReportModel.Recommendation> recommendations = executive(ReportFixtures.week()).recommendations();

        // Sonnet to Haiku on 200 requests: 2 x (0.6975 - 0.059) ; batch: half of $1.545; caching: 30% of 200k input tokens
        assertThat(recommendations).extracting(ReportModel.Recommendation::periodUsd).satisfiesExactly(
                v -> assertThat(v).isCloseTo(2 * (SONNET_ROW_COST - ReportFixtures.HAIKU_PRICE.costUsd(100_000, 20_000, 200_000, 10_000)), within(1e-12)),
                v -> assertThat(v).isCloseTo(1.545 / 2, within(1e-12)),
                v -> assertThat(v).isCloseTo(0.3 * 200_000 * (0.003 - 0.0003) / 1000, within(1e-12)));
        assertThat(recommendations.get(0).monthlyUsd()).isCloseTo(recommendations.get(0).periodUsd() * 30 / 7, within(1e-12));
        assertThat(recommendations.get(0).text()).startsWith("Move anthropic.claude-3-5-sonnet-20240620-v1:0 to anthropic.claude-3-haiku");
    }
}
