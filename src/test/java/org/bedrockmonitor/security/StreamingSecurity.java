package org.bedrockmonitor.security;

import java.time.Instant;
import java.util.List;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * Feeds a {@link SecurityDetector} object by object as a stream would, with its state kept between calls:
 * each call judges the failed-access windows that ended by the newest event seen so far, {@link #flush}
 * judges the rest. The tests' way to drive the detector without a detection run.
 */
final class StreamingSecurity {

    private final SecurityDetector detector;
    final SecurityState state = new SecurityState();
    private Instant newest = Instant.EPOCH;

    StreamingSecurity(SecuritySettings settings) {
        this(settings, GeoIp.off());
    }

    StreamingSecurity(SecuritySettings settings, GeoIp geoIp) {
        this.detector = new SecurityDetector(settings, geoIp);
    }

    List<Alert> accept(List<AuditEvent> events) {
        for (AuditEvent event : events) {
            if (event != null && event.eventTime() != null && event.eventTime().isAfter(newest)) {
                newest = event.eventTime();
            }
        }
        return detector.judge(state, events, newest);
    }

    List<Alert> flush() {
        return detector.judge(state, List.of(), Instant.MAX);
    }
}
