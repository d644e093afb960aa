package org.bedrockmonitor.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class MonthEndProjectionTest {

    private static final Instant DECEMBER = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theDaysBeforeTheFirstHourWithTrafficAreNotCountedAsZero() {
        // $300 spent from 10:20 on 11 Nov (counted from 10:00) to 00:00 on 21 Nov: 9 days 14 hours observed
        MonthEndProjection p = MonthEndProjection.of(300, Instant.parse("2026-11-11T10:20:00Z"),
                Instant.parse("2026-11-21T00:00:00Z"), DECEMBER);

        assertThat(p.daysObserved()).isCloseTo(9 + 14 / 24.0, within(1e-12));
        assertThat(p.perDayUsd()).isCloseTo(300 / (9 + 14 / 24.0), within(1e-12));
        assertThat(p.daysLeft()).isEqualTo(10.0);
        assertThat(p.projectedUsd()).isCloseTo(300 + 10 * 300 / (9 + 14 / 24.0), within(1e-9));
        assertThat(p.runwayDays(500)).isCloseTo(200 / (300 / (9 + 14 / 24.0)), within(1e-9));
        assertThat(p.runwayDays(250)).isZero();
    }

    @Test
    void atTheMonthsEndTheProjectionIsTheSpend() {
        MonthEndProjection p = MonthEndProjection.of(123.45, Instant.parse("2026-11-02T08:00:00Z"), DECEMBER, DECEMBER);

        assertThat(p.daysLeft()).isZero();
        assertThat(p.projectedUsd()).isEqualTo(123.45);
    }

    @Test
    void lessThanAnHourObservedCountsAsAnHour() {
        MonthEndProjection p = MonthEndProjection.of(1, Instant.parse("2026-11-30T23:10:00Z"),
                Instant.parse("2026-11-30T23:30:00Z"), DECEMBER);

        assertThat(p.perDayUsd()).isCloseTo(24.0, within(1e-12));
        assertThat(p.projectedUsd()).isCloseTo(1 + 24.0 * 30 / 1440, within(1e-12));
    }

    @Test
    void withoutTrafficNothingIsProjectedAndThereIsNoRunway() {
        MonthEndProjection p = MonthEndProjection.of(0, null, Instant.parse("2026-11-15T00:00:00Z"), DECEMBER);

        assertThat(p.projectedUsd()).isZero();
        assertThat(p.runwayDays(100)).isNull();
    }
}
