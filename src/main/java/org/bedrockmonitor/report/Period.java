package org.bedrockmonitor.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * A reporting period [from, to) of whole days in the report time zone. Its label names the archive file:
 * {@code 2026-11-24} for a day, {@code 2026-W47} for an ISO week, {@code 2026-11} for a month, otherwise
 * {@code 2026-11-03_2026-11-05} (first and last day, inclusive).
 */
public record Period(LocalDate firstDay, LocalDate endDay, ZoneId zone) {

    public Period {
        if (!endDay.isAfter(firstDay)) {
            throw new IllegalArgumentException("a period ends after it starts: " + firstDay + " .. " + endDay);
        }
    }

    public static Period of(LocalDate firstDay, LocalDate endDayExclusive, ZoneId zone) {
        return new Period(firstDay, endDayExclusive, zone);
    }

    /** The whole days in the zone that contain [from, to). */
    public static Period covering(Instant from, Instant to, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(from, zone);
        // an analysis of a single record gives from == to: that day still is the period
        LocalDate lastInstantDay = LocalDate.ofInstant(to.isAfter(from) ? to.minusNanos(1) : from, zone);
        return new Period(first, lastInstantDay.plusDays(1), zone);
    }

    public Instant from() {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    public Instant to() {
        return endDay.atStartOfDay(zone).toInstant();
    }

    public LocalDate lastDay() {
        return endDay.minusDays(1);
    }

    public long days() {
        return Duration.between(firstDay.atStartOfDay(), endDay.atStartOfDay()).toDays();
    }

    /**
     * The period compared with this one: the calendar month before a calendar month, else the period of
     * the same length that ends where this one starts (the day before, the week before).
     */
    public Period previous() {
        if (isCalendarMonth()) {
            return new Period(firstDay.minusMonths(1), firstDay, zone);
        }
        return new Period(firstDay.minusDays(days()), firstDay, zone);
    }

    /** Whether the period is one whole calendar month. */
    public boolean isCalendarMonth() {
        return firstDay.getDayOfMonth() == 1 && endDay.equals(firstDay.plusMonths(1));
    }

    public String label() {
        if (days() == 1) {
            return firstDay.toString();
        }
        if (days() == 7 && firstDay.getDayOfWeek() == DayOfWeek.MONDAY) {
            return String.format("%d-W%02d", firstDay.get(IsoFields.WEEK_BASED_YEAR), firstDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        if (isCalendarMonth()) {
            return firstDay.toString().substring(0, 7);
        }
        return firstDay + "_" + lastDay();
    }

    /** Human form: "24 Nov 2026" or "17 Nov 2026 - 23 Nov 2026". */
    public String describe() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
        return days() == 1 ? f.format(firstDay) : f.format(firstDay) + " - " + f.format(lastDay());
    }
}
