package org.bedrockmonitor.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/** Parses property values, naming the key and the allowed values when one is wrong. */
public final class Settings {

    private Settings() {
    }

    public static int positiveInt(String key, String value) {
        long parsed = positiveLong(key, value);
        if (parsed > Integer.MAX_VALUE) {
            throw new UserError(key + "=" + value + " is too large (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) parsed;
    }

    public static long positiveLong(String key, String value) {
        try {
            long parsed = Long.parseLong(value == null ? "" : value.trim());
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UserError(key + "=" + value + " is not valid (allowed: a whole number greater than 0)");
        }
    }

    public static long nonNegativeLong(String key, String value) {
        try {
            long parsed = Long.parseLong(value == null ? "" : value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UserError(key + "=" + value + " is not valid (allowed: a whole number, 0 or more)");
        }
    }

    /** A number in [min, max], e.g. a confidence. */
    public static double fraction(String key, String value, double min, double max) {
        try {
            double parsed = Double.parseDouble(value == null ? "" : value.trim());
            if (!(parsed >= min && parsed <= max)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UserError(key + "=" + value + " is not valid (allowed: a number from " + min + " to " + max + ")");
        }
    }

    public static double nonNegativeDouble(String key, String value) {
        try {
            double parsed = Double.parseDouble(value == null ? "" : value.trim());
            if (parsed < 0 || Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UserError(key + "=" + value + " is not valid (allowed: a number, 0 or more)");
        }
    }

    public static boolean bool(String key, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UserError(key + "=" + value + " is not valid (allowed: true, false)");
        };
    }

    /** An ISO-8601 duration of 0 or more ({@code P7D}, {@code PT12H}). */
    public static Duration duration(String key, String value) {
        try {
            Duration parsed = Duration.parse(value == null ? "" : value.trim());
            if (parsed.isNegative()) {
                throw new DateTimeException("negative");
            }
            return parsed;
        } catch (DateTimeException e) {
            throw new UserError(key + "=" + value + " is not valid (allowed: an ISO-8601 duration such as P7D or PT12H)");
        }
    }

    /** A date ({@code 2020-01-01}, the start of that day in UTC) or an instant ({@code 2020-01-01T00:00:00Z}). */
    public static Instant instant(String key, String value) {
        String v = value == null ? "" : value.trim();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeException e) {
            throw new UserError(key + "=" + value + " is not valid (allowed: a date such as 2020-01-01 or an instant such as 2020-01-01T00:00:00Z)");
        }
    }

    /** A time zone id ({@code UTC}, {@code Europe/Berlin}). */
    public static ZoneId zone(String key, String value) {
        try {
            return ZoneId.of(value == null ? "" : value.trim());
        } catch (DateTimeException e) {
            throw new UserError(key + " '" + value + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
    }
}
