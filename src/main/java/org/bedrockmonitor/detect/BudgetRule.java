package org.bedrockmonitor.detect;

import static org.bedrockmonitor.alerts.AlertTypes.COST_BUDGET;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Locale;

import org.bedrockmonitor.aggregate.MonthEndProjection;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.Alert.Window;

/**
 * COST_BUDGET: month-to-date cost of the account above a share of the monthly budget (warning), then
 * above the budget (critical), once each per month, with the projected month end and the runway at the
 * month's pace so far ({@link MonthEndProjection}, the reports' method). Months are calendar months of the
 * report time zone. Month-to-date is the sum of the windows judged, so every replica agrees on it.
 */
final class BudgetRule {

    private BudgetRule() {
    }

    static void judge(Judgement j) {
        DetectionSettings settings = j.settings();
        DetectionState state = j.state();
        YearMonth month = YearMonth.from(j.start().atZone(settings.budgetZone));
        String monthKey = month.toString();
        if (j.data().total().invocations > 0) {
            state.monthCost.merge(monthKey, j.data().total().costUsd, Double::sum);
            state.monthFirstWindow.merge(monthKey, j.start(), (a, b) -> a.isBefore(b) ? a : b);
        }
        double budget = settings.monthlyBudgetUsd;
        if (budget <= 0) {
            return;
        }
        double spent = state.monthCost.getOrDefault(monthKey, 0.0);
        double limit = settings.budgetPercent / 100.0 * budget;
        if (spent <= limit) {
            return;
        }
        Severity severity = spent >= budget ? Severity.CRITICAL : Severity.WARNING;
        String already = state.budgetRaised.get(monthKey);
        if (already != null && Severity.valueOf(already).compareTo(severity) >= 0) {
            return;
        }
        state.budgetRaised.put(monthKey, severity.name());
        Instant monthStart = month.atDay(1).atStartOfDay(settings.budgetZone).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(settings.budgetZone).toInstant();
        Instant to = j.window().to();
        MonthEndProjection projection = MonthEndProjection.of(spent, state.monthFirstWindow.get(monthKey), to, monthEnd);
        double runwayDays = projection.runwayDays(budget);
        j.findings().event(Alert.of(COST_BUDGET, severity, null, null, new Window(monthStart, to), spent, limit,
                String.format(Locale.ROOT,
                        "Month-to-date cost $%,.2f is %.0f%% of the $%,.2f monthly budget; at $%,.2f a day the month ends near $%,.2f and the budget %s.",
                        spent, 100 * spent / budget, budget, projection.perDayUsd(), projection.projectedUsd(),
                        runwayDays == 0 ? "is already spent" : String.format(Locale.ROOT, "runs out in %.1f days", runwayDays))));
    }
}
