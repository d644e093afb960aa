package org.bedrockmonitor.aggregate;

import java.time.Duration;
import java.time.Instant;

/**
 * The one month-end projection of the service: the COST_BUDGET alert and every report that shows a
 * month at its current pace call {@link #of}, so the same spend seen at the same moment projects to the
 * same dollar everywhere.
 *
 * <p>Method ({@link #METHOD}): the month's spend so far, plus its average per day times the days left.
 * The average is taken over the time observed: from the start of the first hour of the month that had
 * traffic (a monitor deployed mid-month does not count the days before it as $0) to the moment of the
 * projection, at least one hour. Days that had no traffic after that first hour count as $0: they are
 * days the service was not used.
 *
 * @param spentUsd     the month's spend up to {@code asOf}
 * @param perDayUsd    the average spend per observed day
 * @param daysObserved days from the first hour with traffic to {@code asOf} (at least 1/24)
 * @param daysLeft     days from {@code asOf} to the end of the month
 * @param projectedUsd {@code spentUsd + perDayUsd * daysLeft}
 */
public record MonthEndProjection(double spentUsd, double perDayUsd, double daysObserved, double daysLeft,
                                 double projectedUsd) {

    public static final String METHOD = "spend so far this month plus its average per day, from the first hour with "
            + "traffic in the month, times the days left in the month";

    private static final double DAY_SECONDS = 86_400.0;
    private static final Duration MINIMUM_OBSERVED = Duration.ofHours(1);

    /**
     * @param spentUsd     the month's spend before {@code asOf}
     * @param firstTraffic the first moment of the month with traffic (its hour is used); null when none yet
     * @param asOf         the moment of the projection (inside the month, or its end)
     * @param monthEnd     the first instant after the month
     */
    public static MonthEndProjection of(double spentUsd, Instant firstTraffic, Instant asOf, Instant monthEnd) {
        double daysLeft = Math.max(0, Duration.between(asOf, monthEnd).toSeconds()) / DAY_SECONDS;
        if (firstTraffic == null) {
            return new MonthEndProjection(spentUsd, 0, 0, daysLeft, spentUsd);
        }
        Instant firstHour = Instant.ofEpochSecond(Math.floorDiv(firstTraffic.getEpochSecond(), 3600L) * 3600L);
        Duration observed = Duration.between(firstHour, asOf);
        if (observed.compareTo(MINIMUM_OBSERVED) < 0) {
            observed = MINIMUM_OBSERVED;
        }
        double daysObserved = observed.toSeconds() / DAY_SECONDS;
        double perDay = spentUsd / daysObserved;
        return new MonthEndProjection(spentUsd, perDay, daysObserved, daysLeft, spentUsd + perDay * daysLeft);
    }

    /** Days until {@code budgetUsd} is used up at the average per day: 0 when it already is, null when nothing is spent. */
    public Double runwayDays(double budgetUsd) {
        if (spentUsd >= budgetUsd) {
            return 0.0;
        }
        return perDayUsd > 0 ? (budgetUsd - spentUsd) / perDayUsd : null;
    }
}
