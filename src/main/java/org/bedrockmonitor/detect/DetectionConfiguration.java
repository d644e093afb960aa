package org.bedrockmonitor.detect;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Beans of the detection box: the rule engine, the notifier (cooldown, grouping), the alert log. */
public class DetectionConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionConfiguration.class);

    @PropertyInject("monitor.environment")
    String environment;
    @PropertyInject("monitor.window.seconds")
    int windowSeconds;
    @PropertyInject("monitor.alert.grace-minutes")
    long graceMinutes;
    @PropertyInject("monitor.alert.min-requests")
    long minRequests;
    @PropertyInject("monitor.alert.error-rate.percent")
    double errorRatePercent;
    @PropertyInject("monitor.alert.error-rate.sustained-minutes")
    long errorRateSustainedMinutes;
    @PropertyInject("monitor.alert.error-rate.min-failures")
    long errorRateMinFailures;
    @PropertyInject("monitor.alert.latency.average-ms")
    double latencyAverageMs;
    @PropertyInject("monitor.alert.latency.p95-ms")
    double latencyP95Ms;
    @PropertyInject("monitor.alert.success-rate.percent")
    double successRatePercent;
    @PropertyInject("monitor.alert.success-rate.period-minutes")
    long successRatePeriodMinutes;
    @PropertyInject("monitor.alert.token-spike.percent")
    double tokenSpikePercent;
    @PropertyInject("monitor.alert.token-spike.baseline-windows")
    int tokenSpikeBaselineWindows;
    @PropertyInject("monitor.alert.token-spike.sustained-windows")
    int tokenSpikeSustainedWindows;
    @PropertyInject("monitor.alert.token-spike.min-tokens")
    long tokenSpikeMinTokens;
    @PropertyInject("monitor.alert.token-spike.min-score")
    double tokenSpikeMinScore;
    @PropertyInject("monitor.alert.usage-spike.percent")
    double usageSpikePercent;
    @PropertyInject("monitor.alert.usage-spike.warmup-hours")
    int usageSpikeWarmupHours;
    @PropertyInject("monitor.alert.usage-spike.min-tokens")
    long usageSpikeMinTokens;
    @PropertyInject("monitor.alert.baseline.warmup-windows")
    int warmupWindows;
    @PropertyInject("monitor.budget.monthly-usd")
    double monthlyBudgetUsd;
    @PropertyInject("monitor.alert.budget.percent")
    double budgetPercent;
    @PropertyInject(value = "monitor.alert.approved-models", defaultValue = "")
    String approvedModels;
    @PropertyInject("monitor.alert.expensive-model.output-price-per-1k")
    double expensiveOutputPricePer1k;
    @PropertyInject(value = "monitor.alert.expensive-model-principals", defaultValue = "")
    String expensiveModelPrincipals;
    @PropertyInject("monitor.alert.service-errors.threshold")
    long serviceErrorsThreshold;
    @PropertyInject("monitor.alert.ingestion.stall-minutes")
    long ingestionStallMinutes;
    @PropertyInject("monitor.alert.ingestion.min-expected-invocations")
    long ingestionMinExpectedInvocations;
    @PropertyInject("monitor.anomaly.threshold-multiplier")
    double anomalyThreshold;
    @PropertyInject("monitor.anomaly.sustained-windows")
    int anomalySustainedWindows;
    @PropertyInject("monitor.anomaly.baseline-windows")
    int anomalyBaselineWindows;
    @PropertyInject("monitor.anomaly.location-windows")
    int anomalyLocationWindows;
    @PropertyInject("monitor.anomaly.min-weeks")
    int anomalyMinWeeks;
    @PropertyInject("monitor.anomaly.history-weeks")
    int anomalyHistoryWeeks;
    @PropertyInject("monitor.anomaly.min-relative-deviation")
    double anomalyMinRelativeDeviation;
    @PropertyInject("monitor.alert.cooldown-minutes")
    long cooldownMinutes;
    @PropertyInject("monitor.alert.correlation-minutes")
    long correlationMinutes;
    @PropertyInject(value = "monitor.sink.critical-alerts", defaultValue = "")
    String criticalAlertsSink;

    private CamelContext camelContext;
    private AlertLog alertLog;

    @Override
    public void configure(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @BindToRegistry("alertEngine")
    public AlertEngine alertEngine() {
        return new AlertEngine(settings(), this::outputPricePer1k, Clock.systemUTC());
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
        return new AlertNotifier(environment, Duration.ofMinutes(cooldownMinutes), Duration.ofMinutes(correlationMinutes),
                alertLog());
    }

    @BindToRegistry("alertWire")
    public AlertWire alertWire() {
        return new AlertWire(!criticalAlertsSink.isBlank());
    }

    DetectionSettings settings() {
        DetectionSettings settings = new DetectionSettings();
        settings.windowSeconds = windowSeconds;
        settings.grace = Duration.ofMinutes(graceMinutes);
        settings.minRequests = minRequests;
        settings.errorRatePercent = errorRatePercent;
        settings.errorRateSustained = Duration.ofMinutes(errorRateSustainedMinutes);
        settings.errorRateMinFailures = errorRateMinFailures;
        settings.latencyAverageMs = latencyAverageMs;
        settings.latencyP95Ms = latencyP95Ms;
        settings.successRatePercent = successRatePercent;
        settings.successRatePeriod = Duration.ofMinutes(successRatePeriodMinutes);
        settings.tokenSpikePercent = tokenSpikePercent;
        settings.tokenSpikeBaselineWindows = tokenSpikeBaselineWindows;
        settings.tokenSpikeSustainedWindows = tokenSpikeSustainedWindows;
        settings.tokenSpikeMinTokens = tokenSpikeMinTokens;
        settings.tokenSpikeMinScore = tokenSpikeMinScore;
        settings.usageSpikePercent = usageSpikePercent;
        settings.usageSpikeWarmupHours = usageSpikeWarmupHours;
        settings.usageSpikeMinTokens = usageSpikeMinTokens;
        settings.warmupWindows = warmupWindows;
        settings.monthlyBudgetUsd = monthlyBudgetUsd;
        settings.budgetPercent = budgetPercent;
        settings.approvedModels = csv(approvedModels);
        settings.expensiveOutputPricePer1k = expensiveOutputPricePer1k;
        settings.expensiveModelPrincipals = csv(expensiveModelPrincipals);
        settings.serviceErrorsThreshold = serviceErrorsThreshold;
        settings.ingestionStall = Duration.ofMinutes(ingestionStallMinutes);
        settings.ingestionMinExpectedInvocations = ingestionMinExpectedInvocations;
        settings.anomalyThreshold = anomalyThreshold;
        settings.anomalySustainedWindows = anomalySustainedWindows;
        settings.anomalyBaselineWindows = anomalyBaselineWindows;
        settings.anomalyLocationWindows = anomalyLocationWindows;
        settings.anomalyMinWeeks = anomalyMinWeeks;
        settings.anomalyHistoryWeeks = anomalyHistoryWeeks;
        settings.anomalyMinRelativeDeviation = anomalyMinRelativeDeviation;
        return settings;
    }

    static Set<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /**
     * The price comes from the core's {@code pricing} bean, looked up when first needed (the core's
     * configuration may bind it after this one); without it no model counts as expensive.
     */
    private double outputPricePer1k(String modelId) {
        Object pricing = camelContext == null ? null : camelContext.getRegistry().lookupByName("pricing");
        if (pricing == null) {
            return Double.NaN;
        }
        try {
            Method method = pricing.getClass().getMethod("outputPricePer1k", String.class);
            Object price = method.invoke(pricing, modelId);
            return price instanceof Number number ? number.doubleValue() : Double.NaN;
        } catch (ReflectiveOperationException e) {
            LOG.warn("The pricing bean has no usable outputPricePer1k(String): {}", e.toString());
            return Double.NaN;
        }
    }
}
