package org.bedrockmonitor.detect;

import static org.bedrockmonitor.alerts.AlertTypes.UNAPPROVED_MODEL;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;
import org.bedrockmonitor.price.ModelIds;

/**
 * UNAPPROVED_MODEL: a principal called a model that is not on the approved list, or an expensive model
 * without being allowed to. Needs no history: each (model, principal) row of the window is checked.
 */
final class ModelPolicyRule {

    private ModelPolicyRule() {
    }

    static void judge(Judgement j, ToDoubleFunction<String> outputPricePer1k) {
        DetectionSettings settings = j.settings();
        for (WindowStats row : j.data().rows()) {
            String model = row.modelId();
            String principal = row.principalArn();
            Window window = new Window(row.windowStart(), row.windowEnd());
            if (!settings.approvedModels.isEmpty() && !isApproved(settings, model)) {
                j.findings().event(Alert.of(UNAPPROVED_MODEL, Severity.WARNING, model, principal, window,
                        row.stats().invocations, 0, String.format(Locale.ROOT,
                                "%s called %s %,d times; the model is not on the approved list.",
                                principal, model, row.stats().invocations)));
                continue;
            }
            double price = outputPricePer1k.applyAsDouble(model);
            if (settings.expensiveOutputPricePer1k > 0 && price > settings.expensiveOutputPricePer1k
                    && !settings.expensiveModelPrincipals.contains(principal)) {
                j.findings().event(Alert.of(UNAPPROVED_MODEL, Severity.WARNING, model, principal, window, price,
                        settings.expensiveOutputPricePer1k, String.format(Locale.ROOT,
                                "%s called the expensive model %s ($%.4f per 1k output tokens, limit $%.4f) %,d times without approval.",
                                principal, model, price, settings.expensiveOutputPricePer1k, row.stats().invocations)));
            }
        }
    }

    private static boolean isApproved(DetectionSettings settings, String model) {
        return settings.approvedModels.contains(model) || settings.approvedModels.contains(ModelIds.withoutScopePrefix(model));
    }
}
