package org.bedrockmonitor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedrockmonitor.detect.TrafficGenerator.MONDAY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.config.Json;
import org.junit.jupiter.api.Test;

/** A checkpoint is the state itself: judging on from a saved and reloaded state changes nothing. */
class DetectionStateTest {

    @Test
    void judgingFromAReloadedStateGivesTheSameAlertsAndTheSameNextState() throws Exception {
        DetectionSettings settings = new DetectionSettings();
        settings.monthlyBudgetUsd = 600;
        TreeMap<Instant, List<WindowStats>> byWindow = new TreeMap<>();
        new TrafficGenerator(42).objects(MONDAY, 2 * DetectionScenarioTest.DAY, DetectionScenarioTest.during(
                        MONDAY.plusSeconds(14 * 3600), java.time.Duration.ofMinutes(30), TrafficGenerator.SONNET, null,
                        p -> p.withErrors(0.2)))
                .forEach(object -> object.forEach(row -> byWindow.computeIfAbsent(row.windowStart(), w -> new ArrayList<>()).add(row)));
        WindowEvaluator evaluator = new WindowEvaluator(settings, DetectionScenarioTest.PRICES, null);

        DetectionState kept = new DetectionState();
        DetectionState reloaded = new DetectionState();
        List<String> keptAlerts = new ArrayList<>();
        List<String> reloadedAlerts = new ArrayList<>();
        for (var window : byWindow.entrySet()) {
            WindowData data = WindowData.of(window.getKey(), window.getValue(), List.of());
            evaluator.judge(kept, data).forEach(e -> keptAlerts.add(e.alert().toString()));
            reloaded = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(reloaded), DetectionState.class);
            evaluator.judge(reloaded, data).forEach(e -> reloadedAlerts.add(e.alert().toString()));
        }
        assertThat(keptAlerts).isNotEmpty();
        assertThat(reloadedAlerts).isEqualTo(keptAlerts);
        assertThat(Json.MAPPER.writeValueAsString(reloaded)).isEqualTo(Json.MAPPER.writeValueAsString(kept));
    }
}
