package org.bedrockmonitor.detect;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.bedrockmonitor.config.Settings;
import org.bedrockmonitor.price.ModelPrice;
import org.bedrockmonitor.price.PricingTable;

/** Beans of the detection box: the rule engine, the notifier (cooldown, grouping), the alert log. */
public class DetectionConfiguration implements CamelConfiguration {

    @PropertyInject("monitor.environment")
    String environment;
    @PropertyInject("monitor.window.seconds")
    String windowSeconds;
    @PropertyInject("monitor.alert.grace-minutes")
    String graceMinutes;
    @PropertyInject("monitor.alert.min-requests")
    String minRequests;
    @PropertyInject("monitor.alert.error-rate.percent")
    String errorRatePercent;
    @PropertyInject("monitor.alert.error-rate.sustained-minutes")
    String errorRateSustainedMinutes;
    @PropertyInject("monitor.alert.error-rate.min-failures")
    String errorRateMinFailures;
    @PropertyInject("monitor.alert.latency.average-ms")
    String latencyAverageMs;
    @PropertyInject("monitor.alert.latency.p95-ms")
    String latencyP95Ms;
    @PropertyInject("monitor.alert.success-rate.percent")
    String successRatePercent;
    @PropertyInject("monitor.alert.success-rate.period-minutes")
    String successRatePeriodMinutes;
    @PropertyInject("monitor.alert.token-spike.percent")
    String tokenSpikePercent;
    @PropertyInject("monitor.alert.token-spike.baseline-windows")
    String tokenSpikeBaselineWindows;
    @PropertyInject("monitor.alert.token-spike.sustained-windows")
    String tokenSpikeSustainedWindows;
    @PropertyInject("monitor.alert.token-spike.min-tokens")
    String tokenSpikeMinTokens;
    @PropertyInject("monitor.alert.token-spike.min-score")
    String tokenSpikeMinScore;
    @PropertyInject("monitor.alert.usage-spike.percent")
    String usageSpikePercent;
    @PropertyInject("monitor.alert.usage-spike.warmup-hours")
    String usageSpikeWarmupHours;
    @PropertyInject("monitor.alert.usage-spike.min-tokens")
    String usageSpikeMinTokens;
    @PropertyInject("monitor.alert.baseline.warmup-windows")
    String warmupWindows;
    @PropertyInject("monitor.budget.monthly-usd")
    String monthlyBudgetUsd;
    @PropertyInject("monitor.alert.budget.percent")
    String budgetPercent;
    @PropertyInject(value = "monitor.alert.approved-models", defaultValue = "")
    String approvedModels;
    @PropertyInject("monitor.alert.expensive-model.output-price-per-1k")
    String expensiveOutputPricePer1k;
    @PropertyInject(value = "monitor.alert.expensive-model-principals", defaultValue = "")
    String expensiveModelPrincipals;
    @PropertyInject("monitor.alert.service-errors.threshold")
    String serviceErrorsThreshold;
    @PropertyInject("monitor.alert.ingestion.stall-minutes")
    String ingestionStallMinutes;
    @PropertyInject("monitor.alert.ingestion.min-expected-invocations")
    String ingestionMinExpectedInvocations;
    @PropertyInject("monitor.anomaly.threshold-multiplier")
    String anomalyThreshold;
    @PropertyInject("monitor.anomaly.sustained-windows")
    String anomalySustainedWindows;
    @PropertyInject("monitor.anomaly.baseline-windows")
    String anomalyBaselineWindows;
    @PropertyInject("monitor.anomaly.location-windows")
    String anomalyLocationWindows;
    @PropertyInject("monitor.anomaly.min-weeks")
    String anomalyMinWeeks;
    @PropertyInject("monitor.anomaly.history-weeks")
    String anomalyHistoryWeeks;
    @PropertyInject("monitor.anomaly.min-relative-deviation")
    String anomalyMinRelativeDeviation;
    @PropertyInject("monitor.alert.cooldown-minutes")
    String cooldownMinutes;
    @PropertyInject("monitor.alert.correlation-minutes")
    String correlationMinutes;
    @PropertyInject(value = "monitor.sink.critical-alerts", defaultValue = "")
    String criticalAlertsSink;

    private AlertLog alertLog;

    @BindToRegistry("alertEngine")
    public AlertEngine alertEngine(PricingTable pricing) {
        return new AlertEngine(settings(), model -> outputPricePer1k(pricing, model), Clock.systemUTC());
    }

    @BindToRegistry("alertLog")
    public synchronized AlertLog alertLog() {
        if (alertLog == null) {
            alertLog = new AlertLog();
        }
        return alertLog;
    }

    @BindToRegistry("alertNotifier")
    public AlertNotifier alertNotifier() {
        return new AlertNotifier(environment,
                minutes("monitor.alert.cooldown-minutes", cooldownMinutes),
                minutes("monitor.alert.correlation-minutes", correlationMinutes),
                alertLog());
    }

    @BindToRegistry("alertWire")
    public AlertWire alertWire() {
        return new AlertWire(!criticalAlertsSink.isBlank());
    }

    DetectionSettings settings() {
        DetectionSettings settings = new DetectionSettings();
        settings.windowSeconds = Settings.positiveInt("monitor.window.seconds", windowSeconds);
        settings.grace = minutes("monitor.alert.grace-minutes", graceMinutes);
        settings.minRequests = Settings.positiveLong("monitor.alert.min-requests", minRequests);
        settings.errorRatePercent = Settings.nonNegativeDouble("monitor.alert.error-rate.percent", errorRatePercent);
        settings.errorRateSustained = minutes("monitor.alert.error-rate.sustained-minutes", errorRateSustainedMinutes);
        settings.errorRateMinFailures =
                Settings.positiveLong("monitor.alert.error-rate.min-failures", errorRateMinFailures);
        settings.latencyAverageMs = Settings.nonNegativeDouble("monitor.alert.latency.average-ms", latencyAverageMs);
        settings.latencyP95Ms = Settings.nonNegativeDouble("monitor.alert.latency.p95-ms", latencyP95Ms);
        settings.successRatePercent =
                Settings.nonNegativeDouble("monitor.alert.success-rate.percent", successRatePercent);
        settings.successRatePeriod = minutes("monitor.alert.success-rate.period-minutes", successRatePeriodMinutes);
        settings.tokenSpikePercent = Settings.nonNegativeDouble("monitor.alert.token-spike.percent", tokenSpikePercent);
        settings.tokenSpikeBaselineWindows =
                Settings.positiveInt("monitor.alert.token-spike.baseline-windows", tokenSpikeBaselineWindows);
        settings.tokenSpikeSustainedWindows =
                Settings.positiveInt("monitor.alert.token-spike.sustained-windows", tokenSpikeSustainedWindows);
        settings.tokenSpikeMinTokens =
                Settings.positiveLong("monitor.alert.token-spike.min-tokens", tokenSpikeMinTokens);
        settings.tokenSpikeMinScore =
                Settings.nonNegativeDouble("monitor.alert.token-spike.min-score", tokenSpikeMinScore);
        settings.usageSpikePercent = Settings.nonNegativeDouble("monitor.alert.usage-spike.percent", usageSpikePercent);
        settings.usageSpikeWarmupHours =
                Settings.positiveInt("monitor.alert.usage-spike.warmup-hours", usageSpikeWarmupHours);
        settings.usageSpikeMinTokens =
                Settings.positiveLong("monitor.alert.usage-spike.min-tokens", usageSpikeMinTokens);
        settings.warmupWindows = Settings.positiveInt("monitor.alert.baseline.warmup-windows", warmupWindows);
        settings.monthlyBudgetUsd = Settings.nonNegativeDouble("monitor.budget.monthly-usd", monthlyBudgetUsd);
        settings.budgetPercent = Settings.nonNegativeDouble("monitor.alert.budget.percent", budgetPercent);
        settings.approvedModels = csv(approvedModels);
        settings.expensiveOutputPricePer1k =
                Settings.nonNegativeDouble("monitor.alert.expensive-model.output-price-per-1k", expensiveOutputPricePer1k);
        settings.expensiveModelPrincipals = csv(expensiveModelPrincipals);
        settings.serviceErrorsThreshold =
                Settings.positiveLong("monitor.alert.service-errors.threshold", serviceErrorsThreshold);
        settings.ingestionStall = minutes("monitor.alert.ingestion.stall-minutes", ingestionStallMinutes);
        settings.ingestionMinExpectedInvocations =
                Settings.positiveLong("monitor.alert.ingestion.min-expected-invocations", ingestionMinExpectedInvocations);
        settings.anomalyThreshold =
                Settings.nonNegativeDouble("monitor.anomaly.threshold-multiplier", anomalyThreshold);
        settings.anomalySustainedWindows =
                Settings.positiveInt("monitor.anomaly.sustained-windows", anomalySustainedWindows);
        settings.anomalyBaselineWindows =
                Settings.positiveInt("monitor.anomaly.baseline-windows", anomalyBaselineWindows);
        settings.anomalyLocationWindows =
                Settings.positiveInt("monitor.anomaly.location-windows", anomalyLocationWindows);
        settings.anomalyMinWeeks = Settings.positiveInt("monitor.anomaly.min-weeks", anomalyMinWeeks);
        settings.anomalyHistoryWeeks = Settings.positiveInt("monitor.anomaly.history-weeks", anomalyHistoryWeeks);
        settings.anomalyMinRelativeDeviation =
                Settings.nonNegativeDouble("monitor.anomaly.min-relative-deviation", anomalyMinRelativeDeviation);
        return settings;
    }

    private static Duration minutes(String key, String value) {
        return Duration.ofMinutes(Settings.positiveLong(key, value));
    }

    static Set<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Unpriced models cannot be judged expensive: NaN compares false against every limit. */
    static double outputPricePer1k(PricingTable pricing, String modelId) {
        ModelPrice price = pricing.find(modelId);
        return price == null ? Double.NaN : price.outputPer1k();
    }
}
