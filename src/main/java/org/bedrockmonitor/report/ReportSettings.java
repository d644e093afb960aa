package org.bedrockmonitor.report;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bedrockmonitor.config.Settings;
import org.bedrockmonitor.config.UserError;

/**
 * The monitor.report.* and monitor.budget.* properties a report needs.
 *
 * @param alternatives model id -> the cheaper model of the same family the what-if section may propose
 * @param cacheShare   assumed share of plain input tokens a prompt cache would serve (what-if)
 * @param slaAvailabilityPercent the share of requests (percent) that must not fail on the service side for an
 *                     aggregation window to count as available
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
        double cacheShare,
        double slaAvailabilityPercent) {

    public ReportSettings {
        alternatives = Map.copyOf(alternatives);
        if (batchDiscount < 0 || batchDiscount >= 1) {
            throw new UserError("monitor.report.whatif.batch-discount must be in [0, 1), got " + batchDiscount);
        }
        if (cacheShare < 0 || cacheShare > 1) {
            throw new UserError("monitor.report.whatif.cache-share must be in [0, 1], got " + cacheShare);
        }
        if (!(slaAvailabilityPercent > 0 && slaAvailabilityPercent <= 100)) {
            throw new UserError("monitor.report.sla.availability-percent must be above 0 and at most 100, got " + slaAvailabilityPercent);
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
        return Settings.zone("monitor.report.time-zone", text);
    }
}
