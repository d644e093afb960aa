package org.bedrockmonitor.detect;

import java.time.Instant;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertLifecycle;

/** What every rule family is handed to judge one window: the settings, the state, the window and where findings go. */
record Judgement(DetectionSettings settings, DetectionState state, WindowData data, Alert.Window window,
        AlertLifecycle.Window findings) {

    Instant start() {
        return window.from();
    }

    /** How many windows of history a series keeps: the longest baseline plus the longest sustained run. */
    int capacity() {
        return Math.max(Math.max(settings.tokenSpikeBaselineWindows, settings.anomalyBaselineWindows),
                Math.max(settings.windowsCovering(settings.successRatePeriod), settings.warmupWindows)) + 1
                + Math.max(settings.windowsCovering(settings.errorRateSustained),
                        Math.max(settings.tokenSpikeSustainedWindows, settings.anomalySustainedWindows));
    }
}
