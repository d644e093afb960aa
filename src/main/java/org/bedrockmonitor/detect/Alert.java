package org.bedrockmonitor.detect;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One alert, as sent to the alerts sink and listed in summary.json. {@code message} is a short human
 * sentence with the numbers; it never carries prompt or response text.
 */
public record Alert(
        String id,
        String type,
        Severity severity,
        String model,
        String principal,
        Window window,
        double observed,
        double threshold,
        String message) {

    public record Window(Instant from, Instant to) {
    }

    public enum Severity {
        INFO, WARNING, CRITICAL;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
