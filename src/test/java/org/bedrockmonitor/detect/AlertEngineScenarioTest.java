package org.bedrockmonitor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedrockmonitor.detect.TrafficGenerator.ALICE;
import static org.bedrockmonitor.detect.TrafficGenerator.BATCH;
import static org.bedrockmonitor.detect.TrafficGenerator.DEV;
import static org.bedrockmonitor.detect.TrafficGenerator.HAIKU;
import static org.bedrockmonitor.detect.TrafficGenerator.MONDAY;
import static org.bedrockmonitor.detect.TrafficGenerator.OPUS;
import static org.bedrockmonitor.detect.TrafficGenerator.SEARCH;
import static org.bedrockmonitor.detect.TrafficGenerator.SONNET;
import static org.bedrockmonitor.detect.TrafficGenerator.TITAN;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.detect.TrafficGenerator.Injection;
import org.junit.jupiter.api.Test;

/**
 * Each rule against generated traffic with one injected anomaly: the rule fires with the right type,
 * model or principal and numbers; and a clean, noisy day raises nothing.
 */
class AlertEngineScenarioTest {

    static final int DAY = 288;
    static final Instant AT_14 = MONDAY.plus(Duration.ofHours(14));
    static final ToDoubleFunction<String> PRICES = model -> model.contains("opus") ? 0.075 : 0.015;

    static List<Alert> run(DetectionSettings settings, List<List<WindowStats>> objects) {
        AlertEngine engine = new AlertEngine(settings, PRICES, Clock.systemUTC());
        List<Alert> alerts = new ArrayList<>();
        objects.forEach(object -> alerts.addAll(engine.accept(object)));
        alerts.addAll(engine.flush());
        return alerts;
    }

    static List<Alert> firing(List<Alert> alerts) {
        return alerts.stream().filter(alert -> !alert.isResolution()).toList();
    }

    static List<Alert> ofType(List<Alert> alerts, String type) {
        return alerts.stream().filter(alert -> alert.type().equals(type)).toList();
    }

    static Injection during(Instant from, Duration length, String model, String principal,
            java.util.function.UnaryOperator<TrafficGenerator.Profile> change) {
        Instant to = from.plus(length);
        return (window, m, p, steady) -> !window.isBefore(from) && window.isBefore(to)
                && (model == null || model.equals(m)) && (principal == null || principal.equals(p))
                ? change.apply(steady) : steady;
    }

    @Test
    void aCleanNoisyDayRaisesNothing() {
        Map<Long, Integer> falsePositives = new LinkedHashMap<>();
        List<Alert> all = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            List<Alert> alerts = firing(run(new DetectionSettings(),
                    new TrafficGenerator(seed).objects(MONDAY, 2 * DAY, TrafficGenerator.NONE)));
            falsePositives.put(seed, alerts.size());
            all.addAll(alerts);
        }
        System.out.println("false positives per seed (2 clean days each): " + falsePositives);
        assertThat(all).as(all.stream().map(a -> a.type() + " " + a.message()).collect(Collectors.joining("\n"))).isEmpty();
    }
}
