package org.bedrockmonitor.security;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bedrockmonitor.config.Settings;
import org.bedrockmonitor.config.UserError;

/**
 * Every threshold and list of the CloudTrail detections; the documented defaults live in
 * application.properties (section "CloudTrail security analytics").
 *
 * @param failedAuthThreshold      a principal or source IP with more failures than this in one window raises FAILED_AUTH_SPIKE
 * @param failedAuthWindow         width of the (epoch-aligned) failure window
 * @param failedAuthErrorCodes     error codes that count as a failed authentication or authorisation, lower case
 * @param allowedCidrs             when not empty, the only networks Bedrock may be called from
 * @param newIpDetection           without allowed CIDRs: learn each principal's addresses and flag a new one
 * @param learningPeriod           event-time span a principal must have been seen for before a new IP counts
 * @param learningMinEvents        events a principal must have made before a new IP counts
 * @param allowedAgentFamilies     {@link UserAgents} families that are expected; {@code prefix*} matches a prefix
 * @param managementEventNames     control-plane calls reported as MODEL_MANAGEMENT_CHANGE
 * @param maxTrackedKeys           principals (and raised alert keys) remembered, least recently used forgotten first
 * @param geography                the baseline of NEW_GEOGRAPHY
 * @param exfiltration             the thresholds of EXFILTRATION_INDICATOR
 * @param riskLevels               actor risk scores at which the security report rates medium, high and critical
 */
public record SecuritySettings(
        int failedAuthThreshold,
        Duration failedAuthWindow,
        Set<String> failedAuthErrorCodes,
        List<IpAddresses.Cidr> allowedCidrs,
        boolean newIpDetection,
        Duration learningPeriod,
        int learningMinEvents,
        List<String> allowedAgentFamilies,
        Set<String> managementEventNames,
        int maxTrackedKeys,
        Geography geography,
        Exfiltration exfiltration,
        RiskLevels riskLevels) {

    /**
     * NEW_GEOGRAPHY: a principal calls from a country none of its located calls came from in the
     * {@code baseline} before, once its first located call is {@code learning} old and it has located
     * calls in that baseline.
     */
    public record Geography(Duration baseline, Duration learning) {
    }

    /**
     * EXFILTRATION_INDICATOR, judged per principal and clock hour of event time against the principal's
     * own active hours of the last {@code baseline}.
     *
     * @param baseline            how far back a principal's active hours make its baseline
     * @param minBaselineHours    active hours needed before the volume scores and the distinct-model count count
     * @param score               robust score (median/MAD) above which output tokens or calls are an indicator
     * @param minOutputTokens     an hour with fewer output tokens is never a volume indicator
     * @param minCalls            an hour with fewer calls is never a call-volume indicator
     * @param offHoursMinOutputTokens output tokens that make a bulk read in an hour of day the principal does not use
     * @param usualHoursMinDays   distinct active days in the baseline before its usual hours are known
     * @param distinctModels      this many models in one hour, and more than in any baseline hour, is an indicator
     * @param readBurstThreshold  more List/Get management reads than this in one read-burst window is an indicator
     * @param readBurstWindow     width of the (epoch-aligned) read-burst window
     */
    public record Exfiltration(Duration baseline, int minBaselineHours, double score, long minOutputTokens, long minCalls,
            long offHoursMinOutputTokens, int usualHoursMinDays, int distinctModels, int readBurstThreshold,
            Duration readBurstWindow) {
    }

    /** Actor risk scores from which a principal rates medium, high and critical (below medium: low). */
    public record RiskLevels(int medium, int high, int critical) {

        public String level(int score) {
            return score >= critical ? "critical" : score >= high ? "high" : score >= medium ? "medium" : "low";
        }
    }

    public SecuritySettings {
        failedAuthErrorCodes = Collections.unmodifiableSet(new LinkedHashSet<>(failedAuthErrorCodes));
        allowedCidrs = List.copyOf(allowedCidrs);
        allowedAgentFamilies = List.copyOf(allowedAgentFamilies);
        managementEventNames = Collections.unmodifiableSet(new LinkedHashSet<>(managementEventNames));
    }

    public static final String PREFIX = "monitor.security.";
    public static final String FAILED_AUTH_THRESHOLD = PREFIX + "failed-auth.threshold";
    public static final String FAILED_AUTH_WINDOW_SECONDS = PREFIX + "failed-auth.window-seconds";
    public static final String FAILED_AUTH_ERROR_CODES = PREFIX + "failed-auth.error-codes";
    public static final String ALLOWED_CIDRS = PREFIX + "unusual-access.allowed-cidrs";
    public static final String NEW_IP = PREFIX + "unusual-access.new-ip";
    public static final String LEARNING_HOURS = PREFIX + "unusual-access.learning-hours";
    public static final String MIN_EVENTS = PREFIX + "unusual-access.min-events";
    public static final String ALLOWED_AGENT_FAMILIES = PREFIX + "user-agent.allowed-families";
    public static final String MANAGEMENT_EVENT_NAMES = PREFIX + "management.event-names";
    public static final String MAX_TRACKED_KEYS = PREFIX + "max-tracked-keys";
    public static final String GEOIP_DATABASE = PREFIX + "geoip-database";
    public static final String GEOGRAPHY_BASELINE_DAYS = PREFIX + "geography.baseline-days";
    public static final String GEOGRAPHY_LEARNING_HOURS = PREFIX + "geography.learning-hours";
    public static final String EXFILTRATION = PREFIX + "exfiltration.";
    public static final String EXFILTRATION_BASELINE_DAYS = EXFILTRATION + "baseline-days";
    public static final String EXFILTRATION_MIN_BASELINE_HOURS = EXFILTRATION + "min-baseline-hours";
    public static final String EXFILTRATION_SCORE = EXFILTRATION + "score";
    public static final String EXFILTRATION_MIN_OUTPUT_TOKENS = EXFILTRATION + "min-output-tokens";
    public static final String EXFILTRATION_MIN_CALLS = EXFILTRATION + "min-calls";
    public static final String EXFILTRATION_OFF_HOURS_MIN_OUTPUT_TOKENS = EXFILTRATION + "off-hours.min-output-tokens";
    public static final String EXFILTRATION_USUAL_HOURS_MIN_DAYS = EXFILTRATION + "off-hours.min-days";
    public static final String EXFILTRATION_DISTINCT_MODELS = EXFILTRATION + "distinct-models";
    public static final String EXFILTRATION_READ_BURST_THRESHOLD = EXFILTRATION + "read-burst.threshold";
    public static final String EXFILTRATION_READ_BURST_WINDOW_SECONDS = EXFILTRATION + "read-burst.window-seconds";
    public static final String RISK_MEDIUM = PREFIX + "risk.medium-score";
    public static final String RISK_HIGH = PREFIX + "risk.high-score";
    public static final String RISK_CRITICAL = PREFIX + "risk.critical-score";

    /**
     * Builds the settings from the property values as written in application.properties ({@code property}
     * maps a full key to its value); a wrong value is one sentence naming its key.
     */
    public static SecuritySettings fromProperties(Function<String, String> property) {
        return new SecuritySettings(
                wholeNumber(FAILED_AUTH_THRESHOLD, property.apply(FAILED_AUTH_THRESHOLD), 0),
                Duration.ofSeconds(wholeNumber(FAILED_AUTH_WINDOW_SECONDS, property.apply(FAILED_AUTH_WINDOW_SECONDS), 1)),
                csv(property.apply(FAILED_AUTH_ERROR_CODES)).stream().map(code -> code.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toCollection(LinkedHashSet::new)),
                allowedCidrs(property.apply(ALLOWED_CIDRS)),
                Settings.bool(NEW_IP, property.apply(NEW_IP)),
                Duration.ofHours(wholeNumber(LEARNING_HOURS, property.apply(LEARNING_HOURS), 0)),
                wholeNumber(MIN_EVENTS, property.apply(MIN_EVENTS), 0),
                csv(property.apply(ALLOWED_AGENT_FAMILIES)).stream().map(f -> f.toLowerCase(Locale.ROOT)).toList(),
                csv(property.apply(MANAGEMENT_EVENT_NAMES)),
                wholeNumber(MAX_TRACKED_KEYS, property.apply(MAX_TRACKED_KEYS), 1),
                new Geography(
                        Duration.ofDays(wholeNumber(GEOGRAPHY_BASELINE_DAYS, property.apply(GEOGRAPHY_BASELINE_DAYS), 1)),
                        Duration.ofHours(wholeNumber(GEOGRAPHY_LEARNING_HOURS, property.apply(GEOGRAPHY_LEARNING_HOURS), 0))),
                new Exfiltration(
                        Duration.ofDays(wholeNumber(EXFILTRATION_BASELINE_DAYS, property.apply(EXFILTRATION_BASELINE_DAYS), 1)),
                        wholeNumber(EXFILTRATION_MIN_BASELINE_HOURS, property.apply(EXFILTRATION_MIN_BASELINE_HOURS), 2),
                        positiveNumber(EXFILTRATION_SCORE, property.apply(EXFILTRATION_SCORE)),
                        wholeNumber(EXFILTRATION_MIN_OUTPUT_TOKENS, property.apply(EXFILTRATION_MIN_OUTPUT_TOKENS), 0),
                        wholeNumber(EXFILTRATION_MIN_CALLS, property.apply(EXFILTRATION_MIN_CALLS), 0),
                        wholeNumber(EXFILTRATION_OFF_HOURS_MIN_OUTPUT_TOKENS,
                                property.apply(EXFILTRATION_OFF_HOURS_MIN_OUTPUT_TOKENS), 1),
                        wholeNumber(EXFILTRATION_USUAL_HOURS_MIN_DAYS, property.apply(EXFILTRATION_USUAL_HOURS_MIN_DAYS), 1),
                        wholeNumber(EXFILTRATION_DISTINCT_MODELS, property.apply(EXFILTRATION_DISTINCT_MODELS), 2),
                        wholeNumber(EXFILTRATION_READ_BURST_THRESHOLD, property.apply(EXFILTRATION_READ_BURST_THRESHOLD), 0),
                        Duration.ofSeconds(wholeNumber(EXFILTRATION_READ_BURST_WINDOW_SECONDS,
                                property.apply(EXFILTRATION_READ_BURST_WINDOW_SECONDS), 1))),
                riskLevels(property));
    }

    /** The settings as the bundled application.properties documents them (reports built outside the service). */
    public static SecuritySettings documentedDefaults() {
        Properties documented = new Properties();
        try (InputStream in = SecuritySettings.class.getResourceAsStream("/application.properties")) {
            documented.load(in);
        } catch (IOException | NullPointerException unreadable) {
            throw new IllegalStateException("the bundled application.properties cannot be read", unreadable);
        }
        return fromProperties(documented::getProperty);
    }

    private static RiskLevels riskLevels(Function<String, String> property) {
        int medium = wholeNumber(RISK_MEDIUM, property.apply(RISK_MEDIUM), 1);
        int high = wholeNumber(RISK_HIGH, property.apply(RISK_HIGH), medium + 1);
        int critical = wholeNumber(RISK_CRITICAL, property.apply(RISK_CRITICAL), high + 1);
        return new RiskLevels(medium, high, critical);
    }

    private static double positiveNumber(String key, String value) {
        try {
            double parsed = Double.parseDouble(value == null ? "" : value.trim());
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException notANumber) {
            throw new UserError(key + "=" + value + " is not valid (allowed: a number greater than 0)");
        }
    }

    private static int wholeNumber(String key, String value, int min) {
        try {
            int parsed = Integer.parseInt(value == null ? "" : value.trim());
            if (parsed < min) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException notANumber) {
            throw new UserError(key + "=" + value + " is not valid (allowed: a whole number, " + min + " or more)");
        }
    }

    private static List<IpAddresses.Cidr> allowedCidrs(String csv) {
        try {
            return IpAddresses.parseCidrs(csv);
        } catch (UserError wrongBlock) {
            throw new UserError(ALLOWED_CIDRS + ": " + wrongBlock.getMessage());
        }
    }

    public boolean isAuthFailure(String errorCode) {
        return errorCode != null && failedAuthErrorCodes.contains(errorCode.toLowerCase(Locale.ROOT));
    }

    public boolean isAllowedAgentFamily(String family) {
        for (String allowed : allowedAgentFamilies) {
            boolean matches = allowed.endsWith("*")
                    ? family.startsWith(allowed.substring(0, allowed.length() - 1))
                    : family.equals(allowed);
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> csv(String value) {
        if (value == null) {
            return new LinkedHashSet<>();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
