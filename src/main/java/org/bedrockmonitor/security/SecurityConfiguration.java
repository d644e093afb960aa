package org.bedrockmonitor.security;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Beans of the CloudTrail security analytics box; every value is documented in application.properties. */
public class SecurityConfiguration implements CamelConfiguration {

    @PropertyInject(SecuritySettings.FAILED_AUTH_THRESHOLD)
    private String failedAuthThreshold;
    @PropertyInject(SecuritySettings.FAILED_AUTH_WINDOW_SECONDS)
    private String failedAuthWindowSeconds;
    @PropertyInject(SecuritySettings.FAILED_AUTH_ERROR_CODES)
    private String failedAuthErrorCodes;
    @PropertyInject(value = SecuritySettings.ALLOWED_CIDRS, defaultValue = "")
    private String allowedCidrs;
    @PropertyInject(SecuritySettings.NEW_IP)
    private String newIp;
    @PropertyInject(SecuritySettings.LEARNING_HOURS)
    private String learningHours;
    @PropertyInject(SecuritySettings.MIN_EVENTS)
    private String minEvents;
    @PropertyInject(SecuritySettings.ALLOWED_AGENT_FAMILIES)
    private String allowedAgentFamilies;
    @PropertyInject(SecuritySettings.MANAGEMENT_EVENT_NAMES)
    private String managementEventNames;
    @PropertyInject(SecuritySettings.MAX_TRACKED_KEYS)
    private String maxTrackedKeys;

    @BindToRegistry("securityDetector")
    public SecurityDetector securityDetector() {
        Map<String, String> values = new HashMap<>();
        values.put(SecuritySettings.FAILED_AUTH_THRESHOLD, failedAuthThreshold);
        values.put(SecuritySettings.FAILED_AUTH_WINDOW_SECONDS, failedAuthWindowSeconds);
        values.put(SecuritySettings.FAILED_AUTH_ERROR_CODES, failedAuthErrorCodes);
        values.put(SecuritySettings.ALLOWED_CIDRS, allowedCidrs);
        values.put(SecuritySettings.NEW_IP, newIp);
        values.put(SecuritySettings.LEARNING_HOURS, learningHours);
        values.put(SecuritySettings.MIN_EVENTS, minEvents);
        values.put(SecuritySettings.ALLOWED_AGENT_FAMILIES, allowedAgentFamilies);
        values.put(SecuritySettings.MANAGEMENT_EVENT_NAMES, managementEventNames);
        values.put(SecuritySettings.MAX_TRACKED_KEYS, maxTrackedKeys);
        return new SecurityDetector(SecuritySettings.fromProperties(values::get));
    }
}
