package org.bedrockmonitor.alerts;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.bedrockmonitor.parse.Printable;
import org.bedrockmonitor.util.Hashes;

/**
 * One alert, as sent to the alerts sink and listed in summary.json. {@code message} is a short human
 * sentence with the numbers; it never carries prompt or response text.
 *
 * <p>A condition that fired and later cleared is reported by a resolution alert: same model and
 * principal, type {@code <TYPE>_RESOLVED}, severity info, the clearing window and its value.
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
        String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) String resolves) {

    public static final String RESOLVED_SUFFIX = "_RESOLVED";

    /** The message quotes model ids, ARNs and user agents from the logs: it is made printable once, here. */
    public Alert {
        message = Printable.of(message);
    }

    public Alert(String id, String type, Severity severity, String model, String principal, Window window,
            double observed, double threshold, String message) {
        this(id, type, severity, model, principal, window, observed, threshold, message, null);
    }

    public record Window(Instant from, Instant to) {
    }

    public enum Severity {
        INFO, WARNING, CRITICAL;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An alert whose id is derived from what it is about, so a replayed window yields the same id. */
    public static Alert of(String type, Severity severity, String model, String principal, Window window,
            double observed, double threshold, String message) {
        return new Alert(idOf(type, model, principal, window), type, severity, model, principal, window,
                observed, threshold, message, null);
    }

    /** The resolution of this (firing) alert, observed in {@code window}. */
    public Alert resolvedBy(Window window, double observedNow, String message) {
        return new Alert(id + "-resolved", type + RESOLVED_SUFFIX, Severity.INFO, model, principal, window, observedNow,
                threshold, message, id);
    }

    /** The same alert with a sentence added to its message (how late it was raised, for example). */
    public Alert withNote(String note) {
        return new Alert(id, type, severity, model, principal, window, observed, threshold, message + " " + note, resolves);
    }

    @JsonIgnore
    public boolean isResolution() {
        return type.endsWith(RESOLVED_SUFFIX);
    }

    /** The condition this alert is about: its type without the resolution suffix. */
    @JsonIgnore
    public String condition() {
        return isResolution() ? type.substring(0, type.length() - RESOLVED_SUFFIX.length()) : type;
    }

    static String idOf(String type, String model, String principal, Window window) {
        String key = String.join("|", type, String.valueOf(model), String.valueOf(principal),
                String.valueOf(window.from()), String.valueOf(window.to()));
        return Hashes.sha256Hex(key, 20);
    }

}
