package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedrockmonitor.report.ReportFixtures.HAIKU;
import static org.bedrockmonitor.report.ReportFixtures.HAIKU_PRICE;
import static org.bedrockmonitor.report.ReportFixtures.HAIKU_ROW_COST;
import static org.bedrockmonitor.report.ReportFixtures.SONNET;
import static org.bedrockmonitor.report.ReportFixtures.SONNET_PRICE;
import static org.bedrockmonitor.report.ReportFixtures.SONNET_ROW_COST;
import static org.bedrockmonitor.report.ReportFixtures.XSS;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.report.ReportModel.Cost;
import org.bedrockmonitor.report.ReportModel.Executive;
import org.bedrockmonitor.report.ReportModel.Kpi;
import org.bedrockmonitor.report.ReportModel.Security;
import org.bedrockmonitor.report.ReportModel.Technical;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

    private static final Instant GENERATED = Instant.parse("2026-12-01T08:00:00Z");
    private final ReportBuilder builder = new ReportBuilder(ReportFixtures.settings(), ReportFixtures.PRICES);

    private ReportModel build(ReportType type, Period period) {
        return builder.build(type, period, ReportFixtures.rollups(), ReportFixtures.alerts(), GENERATED);
    }

    @Test
    void technicalCountsTheDayAndItsPercentiles() {
        Technical t = build(ReportType.TECHNICAL, ReportFixtures.day()).technical();

        assertThat(t.totals().invocations()).isEqualTo(210);
        assertThat(t.totals().errors()).isEqualTo(4);
        assertThat(t.totals().throttles()).isEqualTo(10);
        assertThat(t.totals().serverErrors()).isEqualTo(1);
        assertThat(t.totals().successRate()).isCloseTo(196.0 / 210, within(1e-12));
        assertThat(t.totals().costUsd()).isCloseTo(2 * SONNET_ROW_COST, within(1e-12));
        // 210 samples: 100 x 200, 10 x 250, 95 x 300, 5 x 6000 (nearest rank)
        assertThat(List.of(t.latency().p50(), t.latency().p95(), t.latency().p99())).containsExactly(250L, 300L, 6000L);
        assertThat(t.latencyWithinSla()).isTrue();
        assertThat(t.errorCodes()).extracting(ReportModel.Count::name)
                .containsExactly("ThrottlingException", "ValidationException", "InternalServerException");
        assertThat(t.hourly()).hasSize(24);
        assertThat(t.hourly().get(10).invocations()).isEqualTo(200);
        assertThat(t.hourly().get(10).failed()).isEqualTo(14);
        assertThat(t.topErrorSources()).singleElement()
                .satisfies(s -> assertThat(s.topCode()).isEqualTo("ThrottlingException"));
        assertThat(t.capacityNotes()).anySatisfy(n -> assertThat(n).contains("Throttling on 1 model(s): 10 of 200 requests (5.0%)"));
        assertThat(t.capacityNotes()).anySatisfy(n -> assertThat(n).startsWith("Peak at 10:00: 200 requests"));
        assertThat(t.alerts()).hasSize(1);
    }

    @Test
    void executiveComparesTheWeekWithTheWeekBefore() {
        Executive e = build(ReportType.EXECUTIVE, ReportFixtures.week()).executive();

        Kpi invocations = kpi(e, "Invocations");
        assertThat(invocations.current()).isEqualTo(260);
        assertThat(invocations.previous()).isEqualTo(100);
        assertThat(invocations.changePct()).isCloseTo(160.0, within(1e-9));
        Kpi cost = kpi(e, "Cost");
        assertThat(cost.current()).isCloseTo(2 * SONNET_ROW_COST + HAIKU_ROW_COST, within(1e-12));
        assertThat(cost.direction()).isEqualTo("up");
        assertThat(cost.good()).isFalse();
        assertThat(kpi(e, "Active principals").current()).isEqualTo(3);
        assertThat(kpi(e, "Cost per 1K requests").current()).isCloseTo((2 * SONNET_ROW_COST + HAIKU_ROW_COST) / 260 * 1000, within(1e-9));
        assertThat(e.successWithinSla()).isFalse();
        assertThat(e.topPrincipals().get(0).name()).isEqualTo(ReportFixtures.APP_ROLE);
        assertThat(e.topApplications()).extracting(ReportModel.Usage::name).containsExactly("chatbot", "", XSS);
        assertThat(e.daily()).hasSize(7);
        assertThat(e.budget().periodBudgetUsd()).isCloseTo(100.0 * 7 / 30, within(1e-9));
    }

    @Test
    void securityDerivesFindingsFromCloudTrail() {
        Security s = build(ReportType.SECURITY, ReportFixtures.week()).security();

        assertThat(s.events()).isEqualTo(7);
        assertThat(s.failed()).isEqualTo(3);
        assertThat(s.failedByDay()).extracting(ReportModel.Count::value).containsExactly(0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(s.topSourceIps().get(0).ip()).isEqualTo(XSS);
        assertThat(s.userAgentFamilies().get(0).name()).isEqualTo("other");
        assertThat(s.loggingChanges()).singleElement()
                .satisfies(l -> assertThat(l.eventName()).isEqualTo("DeleteModelInvocationLoggingConfiguration"));
        assertThat(s.managementActionCount()).isEqualTo(2);
        assertThat(s.guardrailInterventions()).isEqualTo(3);
        assertThat(s.riskLevel()).isEqualTo("high");
        assertThat(s.risks()).extracting(ReportModel.Risk::text)
                .anySatisfy(t -> assertThat(t).contains("Logging was switched off"))
                .anySatisfy(t -> assertThat(t).contains("root account"));
        assertThat(s.principalActivity().get(0).perDay()).containsExactly(0L, 0L, 3L, 0L, 0L, 0L, 0L);
    }

    @Test
    void costRepricesTheMonth() {
        Cost c = build(ReportType.COST, ReportFixtures.month()).cost();

        double total = 4 * SONNET_ROW_COST + HAIKU_ROW_COST;
        assertThat(c.totals().costUsd()).isCloseTo(total, within(1e-12));
        assertThat(c.unattributedUsd()).isCloseTo(HAIKU_ROW_COST, within(1e-12));
        assertThat(c.unpriced()).singleElement().satisfies(u -> assertThat(u.modelId()).isEqualTo(XSS));
        // 800k cache-read tokens on Sonnet at 0.3/M instead of 3.0/M save $2.16; 40k cache-write tokens at 3.75/M cost $0.03 above input
        assertThat(c.cacheSavings().readSavingUsd()).isCloseTo(2.16, within(1e-12));
        assertThat(c.cacheSavings().writePremiumUsd()).isCloseTo(0.03, within(1e-12));
        assertThat(c.cacheSavings().netSavedUsd()).isCloseTo(2.13, within(1e-12));
        ReportModel.Alternative toHaiku = c.whatIf().alternatives().get(0);
        assertThat(toHaiku.alternativeId()).isEqualTo(HAIKU);
        assertThat(toHaiku.alternativeUsd()).isCloseTo(4 * HAIKU_PRICE.costUsd(100_000, 20_000, 200_000, 10_000), within(1e-12));
        assertThat(c.whatIf().batchSavingUsd()).isCloseTo(total * 0.5, within(1e-12));
        assertThat(c.whatIf().caching()).extracting(ReportModel.CachingOption::modelId).containsExactly(SONNET, HAIKU);
        assertThat(c.budget().projectedMonthEndUsd()).isCloseTo(total, within(1e-12));
        // the month's traffic starts at 08:00 on 2 Nov: 28 days 16 hours observed by 1 Dec, none left
        double perDay = total / (28 + 16 / 24.0);
        assertThat(c.budget().dailyRateUsd()).isCloseTo(perDay, within(1e-12));
        assertThat(c.budget().runwayDays()).isCloseTo((100.0 - total) / perDay, within(1e-9));
        assertThat(c.byDay()).hasSize(30);
    }

    @Test
    void aRegionPrefixedModelFindsItsAlternative() {
        List<org.bedrockmonitor.aggregate.WindowStats> rows = ReportFixtures.windows().stream()
                .map(r -> new org.bedrockmonitor.aggregate.WindowStats(r.windowStart(), r.windowSeconds(),
                        r.modelId().equals(SONNET) ? "us." + SONNET : r.modelId(), r.principalArn(), r.application(), r.priced(), r.stats()))
                .toList();
        PriceLookup prefixAware = id -> ReportFixtures.PRICE_TABLE.get(id.startsWith("us.") ? id.substring(3) : id);

        Cost c = new ReportBuilder(ReportFixtures.settings(), prefixAware)
                .build(ReportType.COST, ReportFixtures.month(), Rollups.of(rows, List.of()), List.of(), GENERATED).cost();

        assertThat(c.whatIf().alternatives()).singleElement()
                .satisfies(a -> assertThat(a.modelId()).isEqualTo("us." + SONNET));
    }

    @Test
    void withoutPricesRepricingSectionsAreEmptyNotGuessed() {
        Cost c = new ReportBuilder(ReportFixtures.settings(), PriceLookup.NONE)
                .build(ReportType.COST, ReportFixtures.month(), ReportFixtures.rollups(), List.of(), GENERATED).cost();

        assertThat(c.cacheSavings().models()).isEmpty();
        assertThat(c.whatIf().alternatives()).isEmpty();
        assertThat(c.totals().costUsd()).isCloseTo(4 * SONNET_ROW_COST + HAIKU_ROW_COST, within(1e-12));
    }

    @Test
    void aBudgetOverrunIsProjected() {
        ReportSettings tight = new ReportSettings("prod", ReportFixtures.UTC, 1.0, 0.99, 5000, 1500, 10, java.util.Map.of(), 0.5, 0.3, 99.9);
        Cost c = new ReportBuilder(tight, ReportFixtures.PRICES)
                .build(ReportType.COST, ReportFixtures.month(), ReportFixtures.rollups(), List.of(), GENERATED).cost();

        assertThat(c.budget().status()).isEqualTo("over budget");
        assertThat(c.budget().usedShare()).isGreaterThan(1);
    }

    @Test
    void anEmptyPeriodBuildsEveryReport() {
        Period quiet = Period.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), ReportFixtures.UTC);
        for (ReportType type : ReportType.values()) {
            ReportModel model = builder.build(type, quiet, Rollups.of(List.of(), List.of()), List.of(), GENERATED);
            assertThat(model.type()).isEqualTo(type.id());
        }
    }

    @Test
    void aWeekWithoutCloudTrailIsAFindingNotACleanBill() {
        Security s = builder.build(ReportType.SECURITY, ReportFixtures.week(), Rollups.of(ReportFixtures.windows(), List.of()),
                List.of(), GENERATED).security();

        assertThat(s.riskLevel()).isEqualTo("medium");
        assertThat(s.risks()).extracting(ReportModel.Risk::text).anySatisfy(t -> assertThat(t).startsWith("No CloudTrail events"));
    }

    @Test
    void aPeriodOfYearsIsChartedByMonth() {
        Period years = Period.of(LocalDate.of(2025, 1, 1), LocalDate.of(2027, 1, 1), ReportFixtures.UTC);

        Security s = builder.build(ReportType.SECURITY, years, ReportFixtures.rollups(), List.of(), GENERATED).security();
        Cost c = builder.build(ReportType.COST, years, ReportFixtures.rollups(), List.of(), GENERATED).cost();

        assertThat(s.days()).hasSize(24).startsWith("2025-01").endsWith("2026-12");
        assertThat(s.failedByDay().get(22)).satisfies(m -> assertThat(m.value()).isEqualTo(3.0));
        assertThat(c.byDay()).hasSize(24);
        assertThat(c.byDay().get(22).invocations()).isEqualTo(400);
    }

    private static Kpi kpi(Executive e, String name) {
        return e.kpis().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }
}
