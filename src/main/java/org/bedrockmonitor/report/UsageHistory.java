package org.bedrockmonitor.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bedrockmonitor.aggregate.WindowStats;

/**
 * What the store's whole history says about usage, by UTC hour: which invocation-log principals were
 * active in each hour, and the requests and cost of each hour. It is what the reports need beyond their
 * own period: active principals over the last 30 days, principals seen for the first time, growth over
 * the last 7 and 30 days, and the month so far for the month-end projection. Distinct counts are exact:
 * a principal is a key of an hour, and hours merge as set unions, whichever objects or replicas wrote the
 * rows. Costs are exact sums, rounded once when asked.
 *
 * <p>Hours are UTC hours: in a report time zone whose offset is not a whole number of hours, the hour
 * that straddles a period's boundary counts in the period it starts in.
 */
public final class UsageHistory {

    /** One UTC day: each principal's active hours (bit h = hour h), and each hour's requests and cost. */
    public record Day(LocalDate day, Map<String, Integer> principalHours, long[] invocations, BigDecimal[] costUsd) {

        public Day {
            principalHours = Map.copyOf(principalHours);
            invocations = invocations.clone();
            costUsd = costUsd.clone();
        }

        /** The day's digest from its rows (rows of other days are ignored). */
        public static Day of(LocalDate day, Collection<WindowStats> rows) {
            Map<String, Integer> principals = new HashMap<>();
            long[] invocations = new long[24];
            BigDecimal[] cost = new BigDecimal[24];
            Arrays.fill(cost, BigDecimal.ZERO);
            for (WindowStats row : rows) {
                if (!LocalDate.ofInstant(row.windowStart(), ZoneOffset.UTC).equals(day) || row.stats().invocations == 0) {
                    continue;
                }
                int hour = row.windowStart().atZone(ZoneOffset.UTC).getHour();
                if (row.principalArn() != null && !row.principalArn().isEmpty()) {
                    principals.merge(row.principalArn(), 1 << hour, (a, b) -> a | b);
                }
                invocations[hour] += row.stats().invocations;
                if (Double.isFinite(row.stats().costUsd)) {
                    cost[hour] = cost[hour].add(new BigDecimal(row.stats().costUsd));
                }
            }
            return new Day(day, principals, invocations, cost);
        }

        boolean isEmpty() {
            return Arrays.stream(invocations).allMatch(n -> n == 0);
        }
    }

    private final NavigableMap<LocalDate, Day> days;

    private UsageHistory(NavigableMap<LocalDate, Day> days) {
        this.days = days;
    }

    public static UsageHistory of(Collection<Day> days) {
        TreeMap<LocalDate, Day> byDay = new TreeMap<>();
        days.stream().filter(d -> !d.isEmpty()).forEach(d -> byDay.put(d.day(), d));
        return new UsageHistory(byDay);
    }

    /** The history of a set of rows, grouped by their UTC day. */
    public static UsageHistory ofRows(List<WindowStats> rows) {
        Map<LocalDate, List<WindowStats>> byDay = new TreeMap<>();
        rows.forEach(r -> byDay.computeIfAbsent(LocalDate.ofInstant(r.windowStart(), ZoneOffset.UTC), d -> new ArrayList<>()).add(r));
        return of(byDay.entrySet().stream().map(e -> Day.of(e.getKey(), e.getValue())).toList());
    }

    public static UsageHistory empty() {
        return new UsageHistory(new TreeMap<>());
    }

    /** The start of the first hour with traffic, or null when the history is empty. */
    public Instant firstTraffic() {
        return firstTraffic(Instant.MIN, Instant.MAX);
    }

    /** The start of the first hour with traffic in [from, to), or null. */
    public Instant firstTraffic(Instant from, Instant to) {
        for (Day day : days.subMap(dayOf(from), true, dayOf(to), true).values()) {
            for (int h = 0; h < 24; h++) {
                Instant hour = hour(day, h);
                if (day.invocations()[h] > 0 && inside(hour, from, to)) {
                    return hour;
                }
            }
        }
        return null;
    }

    /** The end of the last hour with traffic before {@code to}, or null. */
    public Instant lastTrafficEnd(Instant to) {
        for (Day day : days.headMap(dayOf(to), true).descendingMap().values()) {
            for (int h = 23; h >= 0; h--) {
                Instant hour = hour(day, h);
                if (day.invocations()[h] > 0 && hour.isBefore(to)) {
                    return hour.plus(Duration.ofHours(1));
                }
            }
        }
        return null;
    }

    /** Principals active in an hour that starts in [from, to). */
    public Set<String> principals(Instant from, Instant to) {
        Set<String> active = new TreeSet<>();
        for (Day day : days.subMap(dayOf(from), true, dayOf(to), true).values()) {
            int mask = hoursMask(day, from, to);
            day.principalHours().forEach((principal, hours) -> {
                if ((hours & mask) != 0) {
                    active.add(principal);
                }
            });
        }
        return active;
    }

    /** Each principal's first active hour before {@code to}. */
    public Map<String, Instant> firstSeen(Instant to) {
        Map<String, Instant> first = new TreeMap<>();
        for (Day day : days.headMap(dayOf(to), true).values()) {
            int mask = hoursMask(day, Instant.MIN, to);
            day.principalHours().forEach((principal, hours) -> {
                int active = hours & mask;
                if (active != 0) {
                    first.putIfAbsent(principal, hour(day, Integer.numberOfTrailingZeros(active)));
                }
            });
        }
        return first;
    }

    public long invocations(Instant from, Instant to) {
        long total = 0;
        for (Day day : days.subMap(dayOf(from), true, dayOf(to), true).values()) {
            for (int h = 0; h < 24; h++) {
                if (inside(hour(day, h), from, to)) {
                    total += day.invocations()[h];
                }
            }
        }
        return total;
    }

    public double costUsd(Instant from, Instant to) {
        BigDecimal total = BigDecimal.ZERO;
        for (Day day : days.subMap(dayOf(from), true, dayOf(to), true).values()) {
            for (int h = 0; h < 24; h++) {
                if (inside(hour(day, h), from, to)) {
                    total = total.add(day.costUsd()[h]);
                }
            }
        }
        return total.doubleValue();
    }

    /** Whether the history holds traffic before {@code at}: a period starting there has earlier data to compare with. */
    public boolean hasTrafficBefore(Instant at) {
        Instant first = firstTraffic();
        return first != null && first.isBefore(at);
    }

    public List<Day> days() {
        return List.copyOf(days.values());
    }

    private static int hoursMask(Day day, Instant from, Instant to) {
        int mask = 0;
        for (int h = 0; h < 24; h++) {
            if (inside(hour(day, h), from, to)) {
                mask |= 1 << h;
            }
        }
        return mask;
    }

    private static boolean inside(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    private static Instant hour(Day day, int h) {
        return day.day().atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(h));
    }

    private static LocalDate dayOf(Instant at) {
        if (at.equals(Instant.MIN)) {
            return LocalDate.MIN;
        }
        if (at.equals(Instant.MAX)) {
            return LocalDate.MAX;
        }
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
