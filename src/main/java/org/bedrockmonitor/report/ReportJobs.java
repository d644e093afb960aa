package org.bedrockmonitor.report;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.store.Claims;
import org.bedrockmonitor.store.StateStore;
import org.quartz.CronExpression;

/**
 * Scheduled reports run once per (report, period) across replicas: each run claims its period in the
 * store ({@code state/jobs/report/<type>/<period start>}) and marks it done once archived and mailed.
 * A period whose fire time passed while no replica was up is found by {@link #missedRuns} and run late;
 * only fire times after the store was first used count, so a new deployment does not mail old periods.
 */
public final class ReportJobs {

    public static final String CLAIMED = "CLAIMED";
    static final String FIRST_USE = "state/first-use.json";

    /** A scheduled run that no replica made. */
    public record Run(String type, Date fireTime) {
    }

    private final Claims claims;
    private final StateStore store;
    private final Map<String, CronExpression> schedules;
    private final Clock clock;
    private final ZoneId zone;

    /** @param crons report type id to Quartz cron expression (seconds first) */
    public ReportJobs(StateStore store, Claims claims, Map<String, String> crons, ZoneId zone, Clock clock) {
        this.store = store;
        this.claims = claims;
        this.clock = clock;
        this.zone = zone;
        this.schedules = new java.util.TreeMap<>();
        crons.forEach((type, cron) -> {
            try {
                CronExpression expression = new CronExpression(cron);
                expression.setTimeZone(TimeZone.getTimeZone(zone));
                schedules.put(type, expression);
            } catch (ParseException e) {
                throw new UserError("monitor.report." + type + ".cron=" + cron + " is not a Quartz cron expression ("
                        + e.getMessage() + ")");
            }
        });
    }

    /** {@value #CLAIMED} when this replica is to produce the report, else DONE or BUSY. */
    public String claim(String type, String from) {
        Claims.Outcome outcome = claims.claim(name(type, from));
        return outcome == Claims.Outcome.WON ? CLAIMED : outcome.name();
    }

    public void done(String type, String from) {
        claims.done(name(type, from));
    }

    public void release(String type, String from) {
        if (type != null && from != null) {
            claims.release(name(type, from));
        }
    }

    /** The latest fire time of each report that has passed and whose period no replica has produced. */
    public List<Run> missedRuns() {
        Instant now = clock.instant();
        store.putIfAbsent(FIRST_USE, ("{\"at\":\"" + now + "\"}").getBytes(StandardCharsets.UTF_8));
        Instant firstUse = firstUse();
        List<Run> missed = new ArrayList<>();
        schedules.forEach((type, cron) -> {
            Date last = lastFireTimeBefore(cron, now);
            if (last != null && !last.toInstant().isBefore(firstUse) && !isDone(type, last)) {
                missed.add(new Run(type, last));
            }
        });
        return missed;
    }

    /** Whether the period a fire time covers was produced. */
    private boolean isDone(String type, Date fireTime) {
        String from = ReportType.parse(type).previousPeriod(fireTime.toInstant().atZone(zone)).from().toString();
        return claims.isDone(name(type, from));
    }

    private Instant firstUse() {
        return store.get(FIRST_USE).map(v -> {
            String text = new String(v.content(), StandardCharsets.UTF_8);
            int at = text.indexOf("\"at\":\"");
            try {
                return Instant.parse(text.substring(at + 6, text.indexOf('"', at + 6)));
            } catch (RuntimeException damaged) {
                return Instant.EPOCH;
            }
        }).orElse(Instant.EPOCH);
    }

    /** Quartz has no "previous fire time": step forward from the longest period back. */
    static Date lastFireTimeBefore(CronExpression cron, Instant now) {
        Date next = cron.getTimeAfter(Date.from(now.minus(Duration.ofDays(32))));
        Date last = null;
        while (next != null && !next.toInstant().isAfter(now)) {
            last = next;
            next = cron.getTimeAfter(next);
        }
        return last;
    }

    private static String name(String type, String from) {
        return type + "/" + from;
    }
}
