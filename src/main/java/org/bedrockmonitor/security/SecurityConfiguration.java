package org.bedrockmonitor.security;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Beans of the CloudTrail security analytics box; every value is documented in application.properties. */
public class SecurityConfiguration implements CamelConfiguration {

    @PropertyInject("monitor.security.failed-auth.threshold")
    private int failedAuthThreshold;

    @PropertyInject("monitor.security.failed-auth.window-seconds")
    private long failedAuthWindowSeconds;

    @PropertyInject("monitor.security.failed-auth.error-codes")
    private String failedAuthErrorCodes;

    @PropertyInject(value = "monitor.security.unusual-access.allowed-cidrs", defaultValue = "")
    private String allowedCidrs;

    @PropertyInject("monitor.security.unusual-access.new-ip")
    private boolean newIpDetection;

    @PropertyInject("monitor.security.unusual-access.learning-hours")
    private long learningHours;

    @PropertyInject("monitor.security.unusual-access.min-events")
    private int learningMinEvents;

    @PropertyInject("monitor.security.user-agent.allowed-families")
    private String allowedAgentFamilies;

    @PropertyInject("monitor.security.management.event-names")
    private String managementEventNames;

    @PropertyInject("monitor.security.max-tracked-keys")
    private int maxTrackedKeys;

    @BindToRegistry("securityDetector")
    public SecurityDetector securityDetector() {
        return new SecurityDetector(SecuritySettings.of(failedAuthThreshold, failedAuthWindowSeconds,
                failedAuthErrorCodes, allowedCidrs, newIpDetection, learningHours, learningMinEvents,
                allowedAgentFamilies, managementEventNames, maxTrackedKeys));
    }
}
