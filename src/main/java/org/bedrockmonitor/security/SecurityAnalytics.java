package org.bedrockmonitor.security;

/**
 * What the security detections and the security report share: the settings and the geography database
 * (opened once per process, so that "geography is off" is said once).
 */
public record SecurityAnalytics(SecuritySettings settings, GeoIp geoIp) {
}
