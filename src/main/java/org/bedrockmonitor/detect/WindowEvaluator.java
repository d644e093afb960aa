package org.bedrockmonitor.detect;

import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertLifecycle;
import org.bedrockmonitor.detect.DetectionState.Point;
import org.bedrockmonitor.detect.DetectionState.Series;
import org.bedrockmonitor.security.SecurityDetector;

/**
 * Judges one window: every rule family over the window's merged rows and its CloudTrail events, with
 * the history in the detection state, then the lifecycle turns the findings into the alerts that are
 * news. A pure step: the same state and window give the same alerts and the same next state, whatever
 * the order objects arrived in, the number of threads or replicas.
 */
public final class WindowEvaluator {

    private final DetectionSettings settings;
    private final ToDoubleFunction<String> outputPricePer1k;
    private final SecurityDetector security;
    private final AlertLifecycle lifecycle;

    /** {@code security} may be null (no CloudTrail detections). */
    public WindowEvaluator(DetectionSettings settings, ToDoubleFunction<String> outputPricePer1k,
            SecurityDetector security) {
        this.settings = settings;
        this.outputPricePer1k = outputPricePer1k;
        this.security = security;
        this.lifecycle = new AlertLifecycle(settings.cooldown, settings.correlation, settings.resolveAfterWindows);
    }

    public DetectionSettings settings() {
        return settings;
    }

    /** Judges the window {@code data.start()}; windows must be judged in order, empty ones included. */
    public List<AlertLifecycle.Event> judge(DetectionState state, WindowData data) {
        Instant start = data.start();
        Alert.Window window = new Alert.Window(start, start.plusSeconds(settings.windowSeconds));
        AlertLifecycle.Window findings = lifecycle.window(state.lifecycle, start, window);
        Judgement j = new Judgement(settings, state, data, window, findings);
        VolumeRules.completeHoursBefore(j, start);
        if (!data.rows().isEmpty()) {
            ModelPolicyRule.judge(j, outputPricePer1k);
            data.byModel().forEach((model, stats) -> {
                Series series = state.models.computeIfAbsent(model, m -> new Series(m, null));
                boolean errorBreach = RateRules.judge(j, series, stats);
                VolumeRules.judge(j, series, stats, errorBreach);
            });
            data.byPrincipal().forEach((principal, stats) -> {
                Series series = state.principals.computeIfAbsent(principal, p -> new Series(null, p));
                VolumeRules.judge(j, series, stats, false);
            });
            Stats total = data.total();
            state.total.remember(new Point(start, total.invocations, total.errors + total.throttles, total.totalTokens(),
                    false, false, false), j.capacity());
        }
        BudgetRule.judge(j);
        if (security != null) {
            security.judge(state.security, start, data.rows(), data.auditEvents(), window.to()).forEach(findings::event);
        }
        state.lastJudged = start;
        return findings.close(data.byModel().keySet(), data.byPrincipal().keySet());
    }

    /** The input is complete (end of an analysis): hours still open are judged as they stand. */
    public List<AlertLifecycle.Event> finish(DetectionState state) {
        if (state.lastJudged == null) {
            return List.of();
        }
        Instant after = state.lastJudged.plusSeconds(settings.windowSeconds);
        Alert.Window window = new Alert.Window(after, after);
        AlertLifecycle.Window findings = lifecycle.window(state.lifecycle, state.lastJudged, window);
        Judgement j = new Judgement(settings, state, WindowData.of(after, List.of(), List.of()), window, findings);
        VolumeRules.completeHoursBefore(j, Instant.MAX);
        if (security != null) {
            security.finish(state.security).forEach(findings::event);
        }
        return findings.close(java.util.Set.of(), java.util.Set.of(), false);
    }
}
