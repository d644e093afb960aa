package org.bedrockmonitor.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertTypes;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.parse.ComplianceFields;
import org.bedrockmonitor.report.ReportModel.ActorRisk;
import org.bedrockmonitor.report.ReportModel.Signal;
import org.bedrockmonitor.security.GeoIp;
import org.bedrockmonitor.security.IpAddresses;
import org.bedrockmonitor.security.SecuritySettings;
import org.bedrockmonitor.security.SourceLocation;
import org.bedrockmonitor.security.UserAgents;

/**
 * Scores each principal from all its signals of the period, each worth a fixed number of points (the
 * README's table): what it did (root use, logging switched off or changed, controls removed, other
 * management changes), how it called (failed access, unrecognised user agents, external addresses) and
 * what detection raised about it (new country, new or disallowed address, exfiltration indicators).
 * The score is the sum; {@link SecuritySettings.RiskLevels} turns it into a level.
 */
final class ActorRisks {

    /** CloudTrail calls that change what is logged: a gap in the audit trail starts with one of these. */
    static final Set<String> LOGGING_EVENTS = Set.of(
            "PutModelInvocationLoggingConfiguration", "DeleteModelInvocationLoggingConfiguration",
            "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors");
    private static final Set<String> LOGGING_OFF_EVENTS = Set.of(
            "DeleteModelInvocationLoggingConfiguration", "StopLogging", "DeleteTrail");

    static final int ROOT = 6;
    static final int LOGGING_OFF = 6;
    static final int LOGGING_CHANGE = 2;
    static final int CONTROL_REMOVED = 3;
    static final int MANAGEMENT_CHANGE = 1;
    static final int FAILED_ACCESS_SPIKE = 3;
    static final int FAILED_ACCESS = 1;
    static final int UNRECOGNISED_AGENT = 2;
    static final int NEW_COUNTRY = 3;
    static final int NEW_ADDRESS = 2;
    static final int EXTERNAL_ADDRESS = 1;
    static final int EXFILTRATION = 3;

    private static final int SHOWN = 3;
    private static final int SHOWN_AGENT_CHARS = 60;

    private final SecuritySettings settings;
    private final GeoIp geo;
    private final Period period;

    ActorRisks(SecuritySettings settings, GeoIp geo, Period period) {
        this.settings = settings;
        this.geo = geo;
        this.period = period;
    }

    static boolean switchesLoggingOff(AuditEvent event) {
        return !event.failed() && (LOGGING_OFF_EVENTS.contains(event.eventName())
                || "PutModelInvocationLoggingConfiguration".equals(event.eventName())
                && Boolean.FALSE.equals(event.loggingDeliveryEnabled()));
    }

    /** Every principal with events or alerts in the period, highest score first, then by name. */
    List<ActorRisk> score(List<AuditEvent> events, List<Alert> alerts) {
        Map<String, List<AuditEvent>> byPrincipal = new TreeMap<>();
        events.forEach(e -> byPrincipal.computeIfAbsent(principal(e.principalArn()), p -> new ArrayList<>()).add(e));
        Map<String, List<Alert>> alertsByPrincipal = new TreeMap<>();
        for (Alert alert : alerts) {
            if (alert.principal() != null && AlertTypes.isSecurity(alert.type()) && inPeriod(alert)) {
                alertsByPrincipal.computeIfAbsent(alert.principal(), p -> new ArrayList<>()).add(alert);
                byPrincipal.computeIfAbsent(alert.principal(), p -> new ArrayList<>());
            }
        }
        List<ActorRisk> actors = new ArrayList<>();
        byPrincipal.forEach((principal, own) -> actors.add(actor(principal, own,
                alertsByPrincipal.getOrDefault(principal, List.of()))));
        actors.sort(Comparator.comparingInt(ActorRisk::score).reversed().thenComparing(ActorRisk::principal));
        return actors;
    }

    private ActorRisk actor(String principal, List<AuditEvent> events, List<Alert> alerts) {
        List<Signal> signals = new ArrayList<>();
        List<AuditEvent> bedrock = events.stream().filter(AuditEvent::aboutBedrock).toList();
        List<AuditEvent> succeeded = events.stream().filter(e -> !e.failed()).toList();

        long rootCalls = events.stream().filter(e -> "Root".equals(e.principalType())).count();
        if (rootCalls > 0) {
            signals.add(new Signal("root account", ROOT, rootCalls + " call(s) as the account's root user"));
        }
        List<AuditEvent> loggingOff = succeeded.stream().filter(ActorRisks::switchesLoggingOff).toList();
        if (!loggingOff.isEmpty()) {
            signals.add(new Signal("switched logging off", LOGGING_OFF, listed(loggingOff)));
        }
        List<AuditEvent> loggingChanges = succeeded.stream().filter(e -> !switchesLoggingOff(e)
                && (LOGGING_EVENTS.contains(e.eventName()) || !e.aboutBedrock())).toList();
        if (!loggingChanges.isEmpty()) {
            signals.add(new Signal("changed logging or log storage", LOGGING_CHANGE, listed(loggingChanges)));
        }
        List<AuditEvent> writes = bedrock.stream().filter(e -> !e.failed() && e.managementEvent() && !e.readOnly()
                && !LOGGING_EVENTS.contains(e.eventName())).toList();
        List<AuditEvent> removals = writes.stream()
                .filter(e -> e.eventName().startsWith("Delete") || e.eventName().startsWith("Stop")).toList();
        if (!removals.isEmpty()) {
            signals.add(new Signal("removed a control", CONTROL_REMOVED, listed(removals)));
        }
        List<AuditEvent> otherWrites = writes.stream().filter(e -> !removals.contains(e)).toList();
        if (!otherWrites.isEmpty()) {
            signals.add(new Signal("management changes", MANAGEMENT_CHANGE, listed(otherWrites)));
        }
        failedAccess(bedrock, signals);
        unrecognisedAgents(bedrock, signals);
        alertSignal(alerts, AlertTypes.NEW_GEOGRAPHY, "called from a new country", NEW_COUNTRY, signals);
        alertSignal(alerts, AlertTypes.UNUSUAL_ACCESS, "called from a new or disallowed address", NEW_ADDRESS, signals);
        externalAddresses(bedrock, signals);
        alertSignal(alerts, AlertTypes.EXFILTRATION_INDICATOR, "exfiltration indicators", EXFILTRATION, signals);

        int score = signals.stream().mapToInt(Signal::points).sum();
        String countries = bedrock.stream().map(e -> geo.locate(e.sourceIp()).label(geo.enabled()))
                .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
        return new ActorRisk(principal, settings.riskLevels().level(score), score, List.copyOf(signals), countries);
    }

    /** A spike when one failed-access window (as the detector counts them) holds more than the threshold. */
    private void failedAccess(List<AuditEvent> events, List<Signal> signals) {
        List<AuditEvent> failures = events.stream().filter(e -> settings.isAuthFailure(e.errorCode())).toList();
        if (failures.isEmpty()) {
            return;
        }
        long windowSeconds = settings.failedAuthWindow().toSeconds();
        Map<Long, Long> perWindow = failures.stream().collect(Collectors.groupingBy(
                e -> Math.floorDiv(e.eventTime().getEpochSecond(), windowSeconds), TreeMap::new, Collectors.counting()));
        long most = perWindow.values().stream().mapToLong(Long::longValue).max().orElse(0);
        String codes = failures.stream().collect(Collectors.groupingBy(AuditEvent::errorCode, TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
        String span = windowSeconds % 60 == 0 ? windowSeconds / 60 + " minutes" : windowSeconds + " seconds";
        if (most > settings.failedAuthThreshold()) {
            signals.add(new Signal("failed-access spike", FAILED_ACCESS_SPIKE, String.format(Locale.ROOT,
                    "%d AccessDenied-class failures (%s), %d of them within %s (threshold %d)", failures.size(), codes, most,
                    span, settings.failedAuthThreshold())));
        } else {
            signals.add(new Signal("failed access", FAILED_ACCESS, String.format(Locale.ROOT,
                    "%d AccessDenied-class failures (%s), at most %d within %s", failures.size(), codes, most, span)));
        }
    }

    private void unrecognisedAgents(List<AuditEvent> events, List<Signal> signals) {
        Map<String, Long> agents = events.stream()
                .filter(e -> e.userAgent() != null && !e.userAgent().isBlank()
                        && !settings.isAllowedAgentFamily(UserAgents.family(e.userAgent())))
                .collect(Collectors.groupingBy(AuditEvent::userAgent, TreeMap::new, Collectors.counting()));
        if (agents.isEmpty()) {
            return;
        }
        String shown = agents.entrySet().stream().limit(SHOWN)
                .map(e -> String.format(Locale.ROOT, "\"%s\" (%s) on %d call(s)", shortened(e.getKey()),
                        UserAgents.family(e.getKey()), e.getValue()))
                .collect(Collectors.joining(", "));
        signals.add(new Signal("unrecognised user agent", UNRECOGNISED_AGENT,
                shown + (agents.size() > SHOWN ? ", and " + (agents.size() - SHOWN) + " more" : "")));
    }

    /** Public addresses (outside the allowed networks when those are configured), with their countries. */
    private void externalAddresses(List<AuditEvent> events, List<Signal> signals) {
        Map<String, Long> external = new TreeMap<>();
        for (AuditEvent event : events) {
            SourceLocation location = geo.locate(event.sourceIp());
            byte[] address = IpAddresses.parse(event.sourceIp());
            boolean allowed = address != null && settings.allowedCidrs().stream().anyMatch(cidr -> cidr.contains(address));
            if (location.external() && !allowed) {
                external.merge(event.sourceIp().trim() + " (" + location.label(geo.enabled()) + ")", 1L, Long::sum);
            }
        }
        if (external.isEmpty()) {
            return;
        }
        long calls = external.values().stream().mapToLong(Long::longValue).sum();
        String shown = external.keySet().stream().limit(SHOWN).collect(Collectors.joining(", "));
        signals.add(new Signal("external address", EXTERNAL_ADDRESS, String.format(Locale.ROOT, "%d call(s) from %s%s",
                calls, shown, external.size() > SHOWN ? " and " + (external.size() - SHOWN) + " more" : "")));
    }

    private static void alertSignal(List<Alert> alerts, String type, String name, int points, List<Signal> signals) {
        List<Alert> raised = alerts.stream().filter(a -> type.equals(a.type()))
                .sorted(Comparator.comparing((Alert a) -> a.window().from()).thenComparing(Alert::id)).toList();
        if (!raised.isEmpty()) {
            signals.add(new Signal(name, points, raised.size() + " " + type + " alert(s); first: " + raised.get(0).message()));
        }
    }

    private boolean inPeriod(Alert alert) {
        Instant from = alert.window() == null ? null : alert.window().from();
        return from != null && !from.isBefore(period.from()) && from.isBefore(period.to());
    }

    /** The calls by name with their counts, then the first one's time and subject. */
    private static String listed(List<AuditEvent> events) {
        Map<String, Long> names = events.stream().collect(Collectors.groupingBy(AuditEvent::eventName, TreeMap::new, Collectors.counting()));
        AuditEvent first = events.stream().min(Comparator.comparing(AuditEvent::eventTime)).orElseThrow();
        String subject = subject(first);
        return names.entrySet().stream().map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "))
                + "; first " + first.eventName() + (subject == null ? "" : " (" + subject + ")") + " at " + first.eventTime();
    }

    private static String subject(AuditEvent event) {
        for (String key : List.of(ComplianceFields.TRAIL, ComplianceFields.BUCKET, ComplianceFields.LOG_GROUP)) {
            if (event.details().containsKey(key)) {
                return event.details().get(key);
            }
        }
        return event.modelId();
    }

    private static String shortened(String agent) {
        return agent.length() <= SHOWN_AGENT_CHARS ? agent : agent.substring(0, SHOWN_AGENT_CHARS) + "...";
    }

    private static String principal(String arn) {
        return arn == null ? "" : arn;
    }
}
