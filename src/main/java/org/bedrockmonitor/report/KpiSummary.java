package org.bedrockmonitor.report;

import java.util.List;

import org.bedrockmonitor.report.ReportModel.Adoption;
import org.bedrockmonitor.report.ReportModel.AlertTime;
import org.bedrockmonitor.report.ReportModel.Availability;
import org.bedrockmonitor.report.ReportModel.Growth;
import org.bedrockmonitor.report.ReportModel.Kpi;

/**
 * The management figures of a period as {@code summary.json} lists them under {@code kpis}: taken from
 * the executive summary of the same period, so the file and the report cannot disagree.
 *
 * @param buckets   per hour (a period of up to two days) or day: requests, cost, cost per 1,000 requests
 *                  (null without requests) and distinct invocation-log principals
 * @param monthEnd  the month-end projection of the month the period ends in
 */
public record KpiSummary(String period, String comparison, boolean earlierData, List<Kpi> kpis, Adoption adoption,
                         List<Growth> growth, List<Bucket> buckets, Availability availability, Double meanMinutesToResolve,
                         List<AlertTime> alertTimes, MonthEnd monthEnd) {

    public record Bucket(String label, long invocations, double costUsd, Double costPer1kUsd, long activePrincipals) {
    }

    public record MonthEnd(String month, double monthToDateUsd, double perDayUsd, double projectedUsd, String method) {
    }

    static KpiSummary of(ReportModel model) {
        ReportModel.Executive e = model.executive();
        return new KpiSummary(model.periodLabel(), e.comparison(), e.earlierData(), e.kpis(), e.adoption(), e.growth(),
                e.daily().stream().map(p -> new Bucket(p.label(), p.invocations(), p.costUsd(), p.costPer1kUsd(), p.principals())).toList(),
                e.availability(), e.meanMinutesToResolve(), e.alertTimes(),
                new MonthEnd(e.budget().month(), e.budget().monthToDateUsd(), e.budget().dailyRateUsd(),
                        e.budget().projectedMonthEndUsd(), e.budget().method()));
    }
}
