package org.bedrockmonitor.config;

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
}
