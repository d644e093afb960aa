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

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertTypes;
import org.bedrockmonitor.detect.TrafficGenerator.Injection;
import org.junit.jupiter.api.Test;

/**
 * Each rule against generated traffic with one injected anomaly: the rule fires with the right type,
 * model or principal and numbers; and a clean, noisy day raises nothing.
 */
class DetectionScenarioTest {

    static final int DAY = 288;
    static final Instant AT_14 = MONDAY.plus(Duration.ofHours(14));
    static final ToDoubleFunction<String> PRICES = model -> model.contains("opus") ? 0.075 : 0.015;

    /** Judges every window from the first to the last row, in order, empty ones included, as a complete input. */
    static List<Alert> run(DetectionSettings settings, List<List<WindowStats>> objects) {
        WindowEvaluator evaluator = new WindowEvaluator(settings, PRICES, null);
        TreeMap<Instant, List<WindowStats>> byWindow = new TreeMap<>();
        objects.forEach(object -> object.forEach(row -> byWindow.computeIfAbsent(row.windowStart(), w -> new ArrayList<>()).add(row)));
        DetectionState state = new DetectionState();
        List<Alert> alerts = new ArrayList<>();
        for (Instant window = byWindow.firstKey(); !window.isAfter(byWindow.lastKey());
                window = window.plusSeconds(settings.windowSeconds)) {
            evaluator.judge(state, WindowData.of(window, byWindow.getOrDefault(window, List.of()), List.of()))
                    .forEach(event -> alerts.add(event.alert()));
        }
        evaluator.finish(state).forEach(event -> alerts.add(event.alert()));
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
    static List<Alert> oneDay(Injection injection) {
        return run(new DetectionSettings(), new TrafficGenerator(42).objects(MONDAY, DAY, injection));
    }

    static boolean about(Alert alert, String model, String principal) {
        return java.util.Objects.equals(alert.model(), model) && java.util.Objects.equals(alert.principal(), principal);
    }

    static Set<String> types(List<Alert> alerts) {
        return alerts.stream().map(Alert::type).collect(Collectors.toSet());
    }

    @Test
    void sustainedErrorBurstRaisesHighErrorRateForThatModelAndResolvesAfterwards() {
        List<Alert> alerts = oneDay(during(AT_14, Duration.ofMinutes(30), SONNET, null, p -> p.withErrors(0.20)));

        List<Alert> errorRate = ofType(alerts, AlertTypes.HIGH_ERROR_RATE);
        assertThat(errorRate).isNotEmpty().allMatch(alert -> about(alert, SONNET, null));
        Alert first = errorRate.get(0);
        assertThat(first.window().from()).isEqualTo(AT_14);
        assertThat(first.window().to()).isEqualTo(AT_14.plus(Duration.ofMinutes(10)));
        assertThat(first.observed()).isBetween(12.0, 30.0);
        assertThat(first.threshold()).isEqualTo(5.0);
        assertThat(first.severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(first.message()).contains(SONNET).contains("above 5.0%");
        assertThat(firing(alerts)).allMatch(alert -> about(alert, SONNET, null))
                .extracting(Alert::type).containsOnly(AlertTypes.HIGH_ERROR_RATE, AlertTypes.LOW_SUCCESS_RATE);
        // one FIRING for the episode, one RESOLVED after two clear windows, repeating the FIRING's threshold
        assertThat(errorRate).hasSize(1);
        Alert resolved = ofType(alerts, AlertTypes.HIGH_ERROR_RATE + Alert.RESOLVED_SUFFIX).get(0);
        assertThat(resolved.window().from()).isEqualTo(AT_14.plus(Duration.ofMinutes(35)));
        assertThat(resolved.observed()).isLessThan(5.0);
        assertThat(resolved.threshold()).isEqualTo(first.threshold());
        assertThat(resolved.resolves()).isEqualTo(first.id());
        assertThat(resolved.message()).contains("threshold 5.0%");
    }

    @Test
    void oneBadWindowIsNotASustainedErrorRate() {
        List<Alert> alerts = oneDay(during(AT_14, Duration.ofMinutes(5), SONNET, null, p -> p.withErrors(0.30)));
        assertThat(firing(alerts)).isEmpty();
    }

    @Test
    void intermittentFailuresLowerTheHourlySuccessRateWithoutASustainedErrorRate() {
        Instant from = MONDAY.plus(Duration.ofHours(12));
        Injection everyOtherWindow = (window, model, principal, steady) -> SONNET.equals(model)
                && !window.isBefore(from) && window.isBefore(from.plus(Duration.ofHours(2)))
                && (window.getEpochSecond() / 300) % 2 == 0 ? steady.withErrors(0.15) : steady;
        List<Alert> alerts = oneDay(everyOtherWindow);

        List<Alert> success = ofType(alerts, AlertTypes.LOW_SUCCESS_RATE);
        assertThat(success).isNotEmpty().allMatch(alert -> about(alert, SONNET, null));
        assertThat(success.get(0).observed()).isLessThan(95.0).isGreaterThan(85.0);
        assertThat(success.get(0).window().to().minus(Duration.ofHours(1))).isEqualTo(success.get(0).window().from());
        assertThat(types(firing(alerts))).containsOnly(AlertTypes.LOW_SUCCESS_RATE);
    }

    @Test
    void slowModelRaisesHighLatencyOnItsAverage() {
        List<Alert> alerts = oneDay(during(AT_14, Duration.ofMinutes(15), HAIKU, null, p -> p.withLatency(20)));
        List<Alert> latency = ofType(alerts, AlertTypes.HIGH_LATENCY);
        assertThat(latency).as("one FIRING for the 15-minute episode").hasSize(1).allMatch(alert -> about(alert, HAIKU, null));
        assertThat(ofType(alerts, AlertTypes.HIGH_LATENCY + Alert.RESOLVED_SUFFIX)).singleElement()
                .satisfies(resolved -> assertThat(resolved.window().from()).isEqualTo(AT_14.plus(Duration.ofMinutes(20))));
        assertThat(latency.get(0).observed()).isBetween(35_000.0, 45_000.0);
        assertThat(latency.get(0).threshold()).isEqualTo(30_000.0);
        assertThat(types(firing(alerts))).containsOnly(AlertTypes.HIGH_LATENCY);
    }

    @Test
    void slowTailRaisesHighLatencyOnP95WhileTheAverageIsFine() {
        List<Alert> alerts = oneDay(during(AT_14, Duration.ofMinutes(5), HAIKU, null, p -> p.withSlowShare(0.10)));
        List<Alert> latency = ofType(alerts, AlertTypes.HIGH_LATENCY);
        assertThat(latency).hasSize(1);
        assertThat(latency.get(0).threshold()).isEqualTo(60_000.0);
        assertThat(latency.get(0).observed()).isGreaterThanOrEqualTo(90_000.0);
        assertThat(latency.get(0).message()).containsPattern("average 1\\d\\.\\d s");
    }

    @Test
    void principalTokenSurgeRaisesTokenUsageSpikeAgainstItsBaseline() {
        List<Alert> alerts = oneDay(during(AT_14, Duration.ofMinutes(30), null, SEARCH, p -> p.withTokens(3)));
        List<Alert> spikes = ofType(alerts, AlertTypes.TOKEN_USAGE_SPIKE).stream()
                .filter(alert -> about(alert, null, SEARCH)).toList();
        assertThat(spikes).isNotEmpty();
        Alert first = spikes.get(0);
        assertThat(first.window().to()).isEqualTo(AT_14.plus(Duration.ofMinutes(15)));
        double baseline = first.threshold() / 1.5;
        assertThat(first.observed() / baseline).isBetween(2.4, 4.2);
        // the models SEARCH calls rise too (by its share); no other principal is named
        assertThat(firing(alerts)).allMatch(alert -> alert.principal() == null || alert.principal().equals(SEARCH));
    }

    @Test
    void modestSustainedRiseIsAStatisticalAnomalyButNotATokenSpike() {
        List<Alert> alerts = oneDay(during(AT_14, Duration.ofMinutes(45), HAIKU, null, p -> p.withTokens(1.45)));
        List<Alert> anomalies = ofType(alerts, AlertTypes.STATISTICAL_ANOMALY);
        assertThat(anomalies).isNotEmpty().allMatch(alert -> about(alert, HAIKU, null));
        assertThat(anomalies.get(0).observed()).isGreaterThan(2.0);
        assertThat(anomalies.get(0).window().from()).isAfterOrEqualTo(AT_14);
        assertThat(anomalies.get(0).window().to()).isBeforeOrEqualTo(AT_14.plus(Duration.ofMinutes(45)));
        assertThat(types(firing(alerts))).containsOnly(AlertTypes.STATISTICAL_ANOMALY);
    }

    @Test
    void weeklyBatchIsAnomalousInItsFirstWeekButNotOnceHourOfWeekHistoryKnowsIt() {
        Injection mondayBatch = (window, model, principal, steady) -> {
            var time = window.atOffset(ZoneOffset.UTC);
            return time.getDayOfWeek().getValue() == 1 && time.getHour() == 9 && time.getMinute() < 30
                    ? steady.withTokens(3) : steady;
        };
        TrafficGenerator small = new TrafficGenerator(7, 80, Map.of(HAIKU, 1.0), Map.of(ALICE, 1.0));
        List<Alert> alerts = run(new DetectionSettings(), small.objects(MONDAY, 28 * DAY, mondayBatch));
        List<Alert> anomalies = ofType(alerts, AlertTypes.STATISTICAL_ANOMALY);
        Instant firstBatch = MONDAY.plus(Duration.ofHours(9));
        Instant fourthBatch = firstBatch.plus(Duration.ofDays(21));
        assertThat(anomalies).anyMatch(alert -> !alert.window().from().isBefore(firstBatch)
                && alert.window().to().isBefore(firstBatch.plus(Duration.ofHours(1))));
        assertThat(anomalies).noneMatch(alert -> !alert.window().to().isBefore(fourthBatch)
                && alert.window().to().isBefore(fourthBatch.plus(Duration.ofHours(1))));
        assertThat(anomalies).filteredOn(alert -> alert.message().contains("same hour in previous weeks")).isEmpty();
    }

    @Test
    void dayAtTwoAndAHalfTimesTheUsualRaisesTheDailyUsageSpike() {
        Instant dayTwo = MONDAY.plus(Duration.ofDays(1));
        List<Alert> alerts = run(new DetectionSettings(), new TrafficGenerator(42).objects(MONDAY, 2 * DAY,
                during(dayTwo, Duration.ofDays(1), null, DEV, p -> p.withTokens(2.5))));
        List<Alert> daily = ofType(alerts, AlertTypes.USAGE_SPIKE).stream()
                .filter(alert -> alert.window().from().equals(dayTwo) && !alert.window().to().equals(dayTwo.plus(Duration.ofHours(1))))
                .toList();
        assertThat(daily).hasSize(1).allMatch(alert -> about(alert, null, DEV));
        assertThat(daily.get(0).observed()).isGreaterThan(daily.get(0).threshold());
        assertThat(daily.get(0).window().to()).isBefore(dayTwo.plus(Duration.ofDays(1)));
        assertThat(daily.get(0).message()).contains("daily average").contains("previous 1 days");
        assertThat(firing(alerts)).allMatch(alert -> about(alert, null, DEV) || alert.type().equals(AlertTypes.STATISTICAL_ANOMALY));
    }

    @Test
    void hourAtThreeTimesTheAverageHourRaisesTheHourlyUsageSpike() {
        List<Alert> alerts = oneDay(during(AT_14, Duration.ofHours(1), null, DEV, p -> p.withTokens(3)));
        List<Alert> hourly = ofType(alerts, AlertTypes.USAGE_SPIKE);
        assertThat(hourly).hasSize(1);
        assertThat(about(hourly.get(0), null, DEV)).isTrue();
        assertThat(hourly.get(0).window()).isEqualTo(new Alert.Window(AT_14, AT_14.plus(Duration.ofHours(1))));
        // three times the usual rate, at the afternoon peak, against an average taken mostly at night
        assertThat(hourly.get(0).observed() / (hourly.get(0).threshold() / 2)).isBetween(3.0, 5.0);
    }

    @Test
    void monthToDateCostOverTheBudgetShareRaisesCostBudgetWithProjectionAndRunway() {
        DetectionSettings settings = new DetectionSettings();
        settings.monthlyBudgetUsd = 600;
        List<Alert> alerts = run(settings, new TrafficGenerator(42).objects(MONDAY, 2 * DAY, TrafficGenerator.NONE));
        List<Alert> budget = ofType(alerts, AlertTypes.COST_BUDGET);
        assertThat(budget).extracting(Alert::severity).containsExactly(Alert.Severity.WARNING, Alert.Severity.CRITICAL);
        Alert warning = budget.get(0);
        assertThat(warning.model()).isNull();
        assertThat(warning.threshold()).isEqualTo(480.0);
        assertThat(warning.observed()).isBetween(480.0, 490.0);
        assertThat(warning.window().from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        // the generator spends about $397 a day: the message must project from that rate
        java.util.regex.Matcher numbers = java.util.regex.Pattern.compile(
                "at \\$([\\d,.]+) a day the month ends near \\$([\\d,.]+) and the budget runs out in ([\\d.]+) days")
                .matcher(warning.message());
        assertThat(numbers.find()).as(warning.message()).isTrue();
        double perDay = Double.parseDouble(numbers.group(1).replace(",", ""));
        assertThat(perDay).isBetween(360.0, 440.0);
        double daysLeftInMonth = Duration.between(warning.window().to(), Instant.parse("2026-12-01T00:00:00Z")).toSeconds() / 86400.0;
        assertThat(Double.parseDouble(numbers.group(2).replace(",", "")))
                .isCloseTo(warning.observed() + perDay * daysLeftInMonth, org.assertj.core.data.Offset.offset(1.0));
        assertThat(Double.parseDouble(numbers.group(3))).isCloseTo((600 - warning.observed()) / perDay,
                org.assertj.core.data.Offset.offset(0.06));
        assertThat(budget.get(1).message()).contains("is already spent");
    }

    @Test
    void modelOutsideTheApprovedListIsFlaggedOnFirstUsePerPrincipal() {
        DetectionSettings settings = new DetectionSettings();
        settings.approvedModels = Set.of(HAIKU, SONNET);
        List<Alert> alerts = run(settings, new TrafficGenerator(42).objects(MONDAY, 24, TrafficGenerator.NONE));
        List<Alert> unapproved = ofType(alerts, AlertTypes.UNAPPROVED_MODEL);
        assertThat(unapproved).isNotEmpty().allMatch(alert -> TITAN.equals(alert.model()));
        assertThat(unapproved).extracting(Alert::principal).containsOnly(ALICE, BATCH, SEARCH, DEV);
        assertThat(unapproved.stream().map(alert -> alert.window().from()).min(Instant::compareTo)).contains(MONDAY);
        assertThat(unapproved.get(0).message()).contains("not on the approved list");
    }

    @Test
    void expensiveModelUsedByAPrincipalWithoutApprovalIsFlagged() {
        DetectionSettings settings = new DetectionSettings();
        settings.expensiveModelPrincipals = Set.of(ALICE);
        TrafficGenerator generator = new TrafficGenerator(42, 200, Map.of(HAIKU, 0.8, OPUS, 0.2),
                Map.of(ALICE, 0.5, DEV, 0.5));
        List<Alert> unapproved = ofType(run(settings, generator.objects(MONDAY, 24, TrafficGenerator.NONE)),
                AlertTypes.UNAPPROVED_MODEL);
        assertThat(unapproved).isNotEmpty().allMatch(alert -> about(alert, OPUS, DEV));
        assertThat(unapproved.get(0).observed()).isEqualTo(0.075);
        assertThat(unapproved.get(0).threshold()).isEqualTo(0.05);

        settings.approvedModels = Set.of(HAIKU, "anthropic.claude-3-opus-20240229-v1:0");
        settings.expensiveModelPrincipals = Set.of(ALICE, DEV);
        assertThat(ofType(run(settings, generator.objects(MONDAY, 24, TrafficGenerator.NONE)), AlertTypes.UNAPPROVED_MODEL))
                .as("a region-prefixed id matches its approved base id").isEmpty();
    }

    @Test
    void serverErrorBurstRaisesServiceErrorsWithTheCodes() {
        List<Alert> alerts = oneDay(during(AT_14, Duration.ofMinutes(5), HAIKU, null, p -> p.withServerErrors(0.10)));
        List<Alert> service = ofType(alerts, AlertTypes.SERVICE_ERRORS);
        assertThat(service).hasSize(1).allMatch(alert -> about(alert, HAIKU, null));
        assertThat(service.get(0).observed()).isGreaterThan(5.0);
        assertThat(service.get(0).window().from()).isEqualTo(AT_14);
        assertThat(service.get(0).message()).contains("InternalServerException");
        assertThat(ofType(alerts, AlertTypes.SERVICE_ERRORS + Alert.RESOLVED_SUFFIX)).hasSize(1);
    }

    @Test
    void newSeriesRampingUpIsNotASpikeDuringItsWarmUp() {
        String newcomer = "arn:aws:iam::123456789012:role/new-service";
        Map<String, Double> principals = new LinkedHashMap<>(TrafficGenerator.PRINCIPAL_SHARE);
        principals.put(newcomer, 0.3);
        Injection rampUp = (window, model, principal, steady) -> {
            if (!newcomer.equals(principal)) {
                return steady;
            }
            long minutes = Duration.between(AT_14, window).toMinutes();
            return minutes < 0 ? steady.withRate(0) : minutes < 15 ? steady.withRate(0.2) : steady;
        };
        List<Alert> alerts = run(new DetectionSettings(),
                new TrafficGenerator(42, 200, TrafficGenerator.MODEL_SHARE, principals).objects(MONDAY, DAY, rampUp));
        assertThat(firing(alerts)).noneMatch(alert -> newcomer.equals(alert.principal()));
    }
}
