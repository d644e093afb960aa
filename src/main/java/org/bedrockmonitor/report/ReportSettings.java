package org.bedrockmonitor.report;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bedrockmonitor.config.UserError;

/**
 * The monitor.report.* and monitor.budget.* properties a report needs.
 *
 * @param alternatives model id -> the cheaper model of the same family the what-if section may propose
 * @param cacheShare   assumed share of plain input tokens a prompt cache would serve (what-if)
 */
public record ReportSettings(
        String environment,
        ZoneId zone,
        double budgetMonthlyUsd,
        double slaSuccessRate,
        long slaLatencyP95Ms,
        long slaTtftP95Ms,
        int top,
        Map<String, String> alternatives,
        double batchDiscount,
        double cacheShare) {

    public ReportSettings {
        alternatives = Map.copyOf(alternatives);
        if (batchDiscount < 0 || batchDiscount >= 1) {
            throw new UserError("monitor.report.whatif.batch-discount must be in [0, 1), got " + batchDiscount);
        }
        if (cacheShare < 0 || cacheShare > 1) {
            throw new UserError("monitor.report.whatif.cache-share must be in [0, 1], got " + cacheShare);
        }
        if (top < 1) {
            throw new UserError("monitor.report.top must be at least 1, got " + top);
        }
    }

    /** Parses {@code model=alternative,model=alternative}; a pair without '=' is an operator mistake. */
    public static Map<String, String> parseAlternatives(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return pairs;
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new UserError("monitor.report.whatif.alternatives: '" + pair.trim()
                        + "' is not model=alternative");
            }
            pairs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return pairs;
    }

    public static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (RuntimeException e) {
            throw new UserError("monitor.report.time-zone '" + text + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
    }
}
