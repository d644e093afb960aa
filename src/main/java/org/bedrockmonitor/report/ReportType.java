package org.bedrockmonitor.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bedrockmonitor.config.UserError;

/** The four stakeholder reports and the calendar period each one covers. */
public enum ReportType {

    TECHNICAL("Technical report", "daily"),
    EXECUTIVE("Executive summary", "weekly"),
    SECURITY("Security report", "weekly"),
    COST("Cost report", "monthly");

    private final String title;
    private final String cadence;

    ReportType(String title, String cadence) {
        this.title = title;
        this.cadence = cadence;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }

    public String cadence() {
        return cadence;
    }

    /** The last complete period before {@code now}: yesterday, last ISO week (Monday to Monday) or last month. */
    public Period previousPeriod(ZonedDateTime now) {
        ZoneId zone = now.getZone();
        LocalDate today = now.toLocalDate();
        LocalDate start;
        LocalDate end;
        switch (this) {
            case TECHNICAL -> {
                start = today.minusDays(1);
                end = today;
            }
            case EXECUTIVE, SECURITY -> {
                end = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                start = end.minusWeeks(1);
            }
            default -> {
                end = today.withDayOfMonth(1);
                start = end.minusMonths(1);
            }
        }
        return Period.of(start, end, zone);
    }

    public static ReportType parse(String text) {
        for (ReportType type : values()) {
            if (type.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return type;
            }
        }
        throw new UserError("unknown report type '" + text + "' (allowed: " + ids() + ")");
    }

    public static String ids() {
        return Arrays.stream(values()).map(ReportType::id).collect(Collectors.joining(", "));
    }
}
