package org.bedrockmonitor.security;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
        if (failedAuthThreshold < 0) {
            throw new UserError("monitor.security.failed-auth.threshold must be 0 or more, not " + failedAuthThreshold);
        }
        if (failedAuthWindow.isZero() || failedAuthWindow.isNegative()) {
            throw new UserError("monitor.security.failed-auth.window-seconds must be positive, not " + failedAuthWindow.toSeconds());
        }
        if (maxTrackedKeys < 1) {
            throw new UserError("monitor.security.max-tracked-keys must be positive, not " + maxTrackedKeys);
        }
    }

    /** Builds the settings from the property values as written in application.properties. */
    public static SecuritySettings of(int failedAuthThreshold, long failedAuthWindowSeconds, String failedAuthErrorCodes,
            String allowedCidrs, boolean newIpDetection, long learningHours, int learningMinEvents,
            String allowedAgentFamilies, String managementEventNames, int maxTrackedKeys) {
        return new SecuritySettings(
                failedAuthThreshold,
                Duration.ofSeconds(failedAuthWindowSeconds),
                csv(failedAuthErrorCodes).stream().map(code -> code.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toCollection(LinkedHashSet::new)),
                allowedCidrs(allowedCidrs),
                newIpDetection,
                Duration.ofHours(learningHours),
                learningMinEvents,
                List.copyOf(csv(allowedAgentFamilies).stream().map(f -> f.toLowerCase(Locale.ROOT)).toList()),
                csv(managementEventNames),
                maxTrackedKeys);
    }

    private static List<IpAddresses.Cidr> allowedCidrs(String csv) {
        try {
            return IpAddresses.parseCidrs(csv);
        } catch (UserError wrongBlock) {
            throw new UserError("monitor.security.unusual-access.allowed-cidrs: " + wrongBlock.getMessage());
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
