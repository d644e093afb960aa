package org.bedrockmonitor.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.logging.LoggingCheck;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.report.ReportModel.ActorRisk;
import org.bedrockmonitor.report.ReportModel.AlertLine;
import org.bedrockmonitor.report.ReportModel.AuditLine;
import org.bedrockmonitor.report.ReportModel.Count;
import org.bedrockmonitor.report.ReportModel.PrincipalActivity;
import org.bedrockmonitor.report.ReportModel.Risk;
import org.bedrockmonitor.report.ReportModel.Security;
import org.bedrockmonitor.report.ReportModel.SourceIp;
import org.bedrockmonitor.security.GeoIp;
import org.bedrockmonitor.security.SecurityAnalytics;
import org.bedrockmonitor.security.UserAgents;

/**
 * The security report's model: a pure function of the period's CloudTrail events, rollup rows and alerts,
 * the security settings, the geography database and the latest {@code logging status} check.
 */
final class SecurityReportBuilder {

    private static final int MAX_LISTED_ACTIONS = 50;
    private static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "info");

    private final ReportSettings settings;
    private final SecurityAnalytics analytics;
    private final LoggingCheck loggingCheck;

    /** {@code loggingCheck} may be null (no check recorded). */
    SecurityReportBuilder(ReportSettings settings, SecurityAnalytics analytics, LoggingCheck loggingCheck) {
        this.settings = settings;
        this.analytics = analytics;
        this.loggingCheck = loggingCheck;
    }

    Security build(List<AuditEvent> allEvents, List<WindowStats> rows, Period period, List<Alert> alerts,
            List<AlertLine> alertLines) {
        GeoIp geo = analytics.geoIp();
        List<AuditEvent> events = allEvents.stream().filter(AuditEvent::aboutBedrock).toList();
        List<String> days = ReportBuilder.calendarBuckets(period);
        List<AuditEvent> failed = events.stream().filter(AuditEvent::failed).toList();

        Map<String, Double> failedPerDay = new LinkedHashMap<>();
        days.forEach(d -> failedPerDay.put(d, 0.0));
        failed.forEach(e -> failedPerDay.merge(ReportBuilder.calendarBucket(e.eventTime(), period), 1.0, Double::sum));
        List<Count> failedByDay = ReportBuilder.scaled(failedPerDay);
        List<Count> failedByCode = ReportBuilder.counts(failed.stream()
                .collect(Collectors.groupingBy(AuditEvent::errorCode, TreeMap::new, Collectors.summingDouble(e -> 1))),
                Integer.MAX_VALUE);

        Map<String, List<AuditEvent>> byIp = events.stream()
                .collect(Collectors.groupingBy(e -> nonNull(e.sourceIp()), TreeMap::new, Collectors.toList()));
        List<SourceIp> ips = byIp.entrySet().stream()
                .map(e -> new SourceIp(e.getKey(), e.getValue().size(), e.getValue().stream().filter(AuditEvent::failed).count(),
                        e.getValue().stream().map(AuditEvent::principalArn).distinct().count(), families(e.getValue()),
                        country(e.getKey())))
                .sorted(Comparator.comparingLong(SourceIp::events).reversed().thenComparing(SourceIp::ip))
                .limit(settings.top())
                .toList();
        List<Count> agents = ReportBuilder.counts(events.stream()
                .collect(Collectors.groupingBy(e -> UserAgents.family(e.userAgent()), TreeMap::new, Collectors.summingDouble(e -> 1))),
                Integer.MAX_VALUE);
        List<Count> countries = ReportBuilder.counts(events.stream()
                .collect(Collectors.groupingBy(e -> country(e.sourceIp()), TreeMap::new, Collectors.summingDouble(e -> 1))),
                Integer.MAX_VALUE);

        Map<String, List<AuditEvent>> byPrincipal = events.stream()
                .collect(Collectors.groupingBy(e -> nonNull(e.principalArn()), TreeMap::new, Collectors.toList()));
        List<PrincipalActivity> activity = byPrincipal.entrySet().stream()
                .map(e -> principalActivity(e.getKey(), e.getValue(), days, period))
                .sorted(Comparator.comparingLong(PrincipalActivity::events).reversed().thenComparing(PrincipalActivity::principal))
                .limit(settings.top())
                .toList();

        List<AuditEvent> changes = events.stream().filter(e -> e.managementEvent() && !e.readOnly()).toList();
        List<AuditLine> actions = changes.stream().limit(MAX_LISTED_ACTIONS).map(SecurityReportBuilder::auditLine).toList();
        List<AuditEvent> loggingEvents = allEvents.stream().filter(e -> ActorRisks.LOGGING_EVENTS.contains(e.eventName())).toList();
        List<AuditLine> logging = loggingEvents.stream().map(SecurityReportBuilder::auditLine).toList();

        Map<String, Double> guardrails = new TreeMap<>();
        rows.forEach(r -> {
            if (r.stats().guardrailInterventions > 0) {
                guardrails.merge(r.modelId(), (double) r.stats().guardrailInterventions, Double::sum);
            }
        });
        long guardrailTotal = guardrails.values().stream().mapToLong(Double::longValue).sum();

        List<ActorRisk> scored = new ActorRisks(analytics.settings(), geo, period).score(allEvents, alerts);
        List<ActorRisk> shownActors = scored.stream().filter(a -> a.score() > 0).limit(settings.top()).toList();
        List<Risk> risks = risks(scored, events, failed, loggingEvents, changes.size(), guardrailTotal);
        String level = risks.stream().map(Risk::level).filter(l -> !l.equals("info"))
                .min(Comparator.comparingInt(LEVELS::indexOf)).orElse("low");
        return new Security(events.size(), failed.size(), byPrincipal.size(), byIp.size(), days, failedByDay, failedByCode,
                ips, agents, activity, changes.size(), actions, logging, guardrailTotal,
                ReportBuilder.counts(guardrails, Integer.MAX_VALUE), level, risks, alertLines, geo.status(), geo.enabled(),
                countries, shownActors, scored.stream().filter(a -> a.score() > 0).count(),
                new ComplianceStatus(period).items(allEvents, loggingCheck),
                rows.stream().filter(r -> r.stats().invocations > 0 && r.principalArn() != null && !r.principalArn().isEmpty())
                        .map(WindowStats::principalArn).distinct().count());
    }

    private String country(String sourceIp) {
        return analytics.geoIp().locate(sourceIp).label(analytics.geoIp().enabled());
    }

    private PrincipalActivity principalActivity(String principal, List<AuditEvent> events, List<String> days, Period period) {
        Map<String, Long> perDay = events.stream()
                .collect(Collectors.groupingBy(e -> ReportBuilder.calendarBucket(e.eventTime(), period), Collectors.counting()));
        return new PrincipalActivity(principal, nonNull(events.get(0).principalType()), events.size(),
                events.stream().filter(AuditEvent::failed).count(),
                events.stream().map(AuditEvent::sourceIp).distinct().count(),
                events.get(0).eventTime(), events.get(events.size() - 1).eventTime(),
                days.stream().map(d -> perDay.getOrDefault(d, 0L)).toList(), families(events),
                events.stream().map(e -> country(e.sourceIp())).collect(Collectors.toCollection(TreeSet::new))
                        .stream().collect(Collectors.joining(", ")));
    }

    private static String families(List<AuditEvent> events) {
        return events.stream().map(e -> UserAgents.family(e.userAgent())).collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.joining(", "));
    }

    private static AuditLine auditLine(AuditEvent e) {
        return new AuditLine(e.eventTime(), nonNull(e.principalArn()), e.eventName(), e.modelId(), nonNull(e.sourceIp()),
                UserAgents.family(e.userAgent()), e.errorCode());
    }

    /**
     * The findings: one per actor rated medium or above (its explanation), a coverage finding when there is
     * no CloudTrail evidence, then context about the whole period (level info: it does not rate the period,
     * the actors behind it do).
     */
    private List<Risk> risks(List<ActorRisk> actors, List<AuditEvent> events, List<AuditEvent> failed,
            List<AuditEvent> logging, long managementChanges, long guardrailInterventions) {
        List<Risk> risks = new ArrayList<>();
        for (ActorRisk actor : actors) {
            if (LEVELS.indexOf(actor.level()) <= LEVELS.indexOf("medium")) {
                risks.add(new Risk(actor.level(), String.format(Locale.ROOT, "%s scores %d: %s.", actor.principal(),
                        actor.score(), actor.signals().stream().map(s -> s.name() + " (+" + s.points() + ")")
                                .collect(Collectors.joining(", ")))));
            }
        }
        List<AuditEvent> loggingOff = logging.stream().filter(ActorRisks::switchesLoggingOff).toList();
        if (!loggingOff.isEmpty()) {
            risks.add(new Risk("info", String.format(Locale.ROOT,
                    "Logging was switched off or deleted %d time(s) (%s by %s): activity after that may be missing from this report.",
                    loggingOff.size(), loggingOff.get(0).eventName(), loggingOff.get(0).principalArn())));
        }
        long otherLogging = logging.stream().filter(e -> !e.failed()).count() - loggingOff.size();
        if (otherLogging > 0) {
            risks.add(new Risk("info", otherLogging + " other change(s) to logging configuration: confirm they were planned."));
        }
        List<AuditEvent> root = events.stream().filter(e -> "Root".equals(e.principalType())).toList();
        if (!root.isEmpty()) {
            risks.add(new Risk("info", root.size() + " call(s) made with the root account; root should not use Bedrock."));
        }
        if (!failed.isEmpty()) {
            double share = (double) failed.size() / events.size();
            Map.Entry<String, Long> worst = failed.stream()
                    .collect(Collectors.groupingBy(e -> nonNull(e.principalArn()), TreeMap::new, Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            risks.add(new Risk("info", String.format(Locale.ROOT, "%d call(s) failed (%.1f%% of %d); most from %s (%d).",
                    failed.size(), share * 100, events.size(), worst.getKey(), worst.getValue())));
        }
        long unrecognised = events.stream().map(e -> UserAgents.family(e.userAgent()))
                .filter(f -> !analytics.settings().isAllowedAgentFamily(f)).count();
        if (unrecognised > 0) {
            risks.add(new Risk("info", unrecognised + " call(s) from user agents outside the allowed families (see User agents)."));
        }
        if (managementChanges > 0) {
            risks.add(new Risk("info", managementChanges + " management change(s) to Bedrock resources (listed below)."));
        }
        if (guardrailInterventions > 0) {
            risks.add(new Risk("info", "Guardrails intervened " + guardrailInterventions + " time(s)."));
        }
        if (events.isEmpty()) {
            risks.add(new Risk("medium", "No CloudTrail events about Bedrock in this period: check that the trail is "
                    + "delivered and read, or nothing below can be trusted."));
        } else if (risks.isEmpty()) {
            risks.add(new Risk("low", "Nothing unusual: no failed calls, logging changes or root activity."));
        } else if (risks.stream().noneMatch(r -> !r.level().equals("info"))) {
            risks.add(0, new Risk("low", "No principal scores medium or above (see Actors)."));
        }
        risks.sort(Comparator.comparingInt(r -> LEVELS.indexOf(r.level())));
        return risks;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
