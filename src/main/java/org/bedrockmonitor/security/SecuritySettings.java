package org.bedrockmonitor.security;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
        int maxTrackedKeys) {

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
                wholeNumber(MAX_TRACKED_KEYS, property.apply(MAX_TRACKED_KEYS), 1));
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
