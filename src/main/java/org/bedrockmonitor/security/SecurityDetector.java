package org.bedrockmonitor.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.bedrockmonitor.alerts.AlertTypes.FAILED_AUTH_SPIKE;
import static org.bedrockmonitor.alerts.AlertTypes.LOGGING_DISABLED;
import static org.bedrockmonitor.alerts.AlertTypes.MODEL_MANAGEMENT_CHANGE;
import static org.bedrockmonitor.alerts.AlertTypes.NEW_GEOGRAPHY;
import static org.bedrockmonitor.alerts.AlertTypes.SUSPICIOUS_USER_AGENT;
import static org.bedrockmonitor.alerts.AlertTypes.UNUSUAL_ACCESS;

import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.parse.ComplianceFields;
import org.bedrockmonitor.util.Hashes;

/**
 * The CloudTrail detections, judged one detection window at a time in event-time order over the
 * window's Bedrock events; what they remember is in {@link SecurityState}, part of the detection state.
 *
 * <ul>
 * <li>{@code FAILED_AUTH_SPIKE} (warning): more than the threshold of AccessDenied-class errors by one
 * principal, or from one source IP, in one failed-access window, judged once that window has ended. An
 * IP window whose failures all come from one principal that already alerted for that window is not
 * alerted twice.</li>
 * <li>{@code UNUSUAL_ACCESS} (warning): with allowed CIDRs configured, a source IP outside all of them
 * (once per principal, IP and day); without, an IP a principal has not used before, once that principal
 * has both the minimum history and the learning period behind it. Service sources
 * ({@code bedrock.amazonaws.com}, {@code AWS Internal}) are not addresses and are skipped.</li>
 * <li>{@code SUSPICIOUS_USER_AGENT} (warning): a user agent whose family is not allowed (once per
 * principal, agent and day). Events without a user agent are skipped.</li>
 * <li>{@code MODEL_MANAGEMENT_CHANGE}: a successful call named in the management list; warning for
 * {@code Delete*}/{@code Stop*} calls (they remove a control), info otherwise.</li>
 * <li>{@code LOGGING_DISABLED}: critical for a successful {@code DeleteModelInvocationLoggingConfiguration}
 * or a {@code Put...} that leaves no destination or no data type on, and for a successful CloudTrail
 * {@code StopLogging} or {@code DeleteTrail}; warning for a {@code Put...} whose settings CloudTrail did
 * not record, since delivery may be off.</li>
 * <li>{@code NEW_GEOGRAPHY} (warning, with a geography database): a principal calls from a country none
 * of its located calls came from in the geography baseline before (30 days), once its first located call
 * is the learning period old and it has located calls in that baseline; once per principal, country and
 * day. Private, loopback, link-local and AWS-internal sources have no country.</li>
 * <li>{@code EXFILTRATION_INDICATOR} (warning): see {@link ExfiltrationRules}.</li>
 * </ul>
 * Only the trail-logging check looks at the compliance events (trail, bucket and log-group calls); every
 * other detection is about calls to Bedrock.
 * Every alert id is a hash of its type and what makes it one incident (principal, IP, window or event),
 * so a replayed window yields the same ids. Alerts name the model when the calls named one and the
 * principal, so that the alerting box can join them with metric alerts on the same model or principal.
 */
public class SecurityDetector {

    static final String DELETE_LOGGING_CONFIGURATION = "DeleteModelInvocationLoggingConfiguration";
    static final String PUT_LOGGING_CONFIGURATION = "PutModelInvocationLoggingConfiguration";

    private static final int SHOWN_AGENT_CHARS = 100;
    private static final int SHOWN_ITEMS = 3;
    private static final String PRINCIPAL = "PRINCIPAL";
    private static final String SOURCE_IP = "SOURCE_IP";

    private final SecuritySettings settings;
    private final GeoIp geoIp;
    private final ExfiltrationRules exfiltration;

    /** Without geography: no country is looked up and NEW_GEOGRAPHY is never raised. */
    public SecurityDetector(SecuritySettings settings) {
        this(settings, GeoIp.off());
    }

    public SecurityDetector(SecuritySettings settings, GeoIp geoIp) {
        this.settings = settings;
        this.geoIp = geoIp;
        this.exfiltration = new ExfiltrationRules(settings.exfiltration());
    }

    public GeoIp geoIp() {
        return geoIp;
    }

    /**
     * Judges the events of one window (any order; they are sorted) and the failed-access and read-burst
     * windows that ended by {@code judgedUntil}; returns the alerts raised, each id at most once over the
     * state's life.
     */
    public List<Alert> judge(SecurityState state, List<AuditEvent> events, Instant judgedUntil) {
        return judge(state, null, List.of(), events, judgedUntil);
    }

    /**
     * Judges one detection window: its invocation rows count into the principals' hourly use (the hour
     * before is judged when {@code windowStart} opens a new one), then its events as above.
     */
    public List<Alert> judge(SecurityState state, Instant windowStart, List<WindowStats> rows, List<AuditEvent> events,
            Instant judgedUntil) {
        List<Alert> due = new ArrayList<>();
        if (windowStart != null) {
            exfiltration.usage(state, windowStart, rows, due);
        }
        List<AuditEvent> ordered = events.stream()
                .filter(event -> event != null && event.eventTime() != null)
                .sorted(Comparator.comparing(AuditEvent::eventTime)
                        .thenComparing(event -> String.valueOf(event.eventId())))
                .toList();
        for (AuditEvent event : ordered) {
            if (!event.aboutBedrock()) {
                checkTrailLogging(state, event, due);
                continue;
            }
            checkControlChange(state, event, due);
            checkUserAgent(state, event, due);
            checkSourceAddress(state, event, due);
            checkGeography(state, event, due);
            countFailure(state, event);
            byte[] address = IpAddresses.parse(event.sourceIp());
            exfiltration.read(state, event, principal(event), address == null ? null : canonical(address));
        }
        closeFailureWindows(state, judgedUntil, due);
        exfiltration.closeReadWindows(state, judgedUntil, due);
        state.bound(settings.maxTrackedKeys());
        return due;
    }

    /** The input is complete: the open hour and every open window are judged as they stand. */
    public List<Alert> finish(SecurityState state) {
        List<Alert> due = new ArrayList<>();
        exfiltration.closeHour(state, due);
        closeFailureWindows(state, Instant.MAX, due);
        exfiltration.closeReadWindows(state, Instant.MAX, due);
        return due;
    }

    private void checkTrailLogging(SecurityState state, AuditEvent event, List<Alert> due) {
        if (event.failed() || !("StopLogging".equals(event.eventName()) || "DeleteTrail".equals(event.eventName()))) {
            return;
        }
        String trail = event.details().getOrDefault(ComplianceFields.TRAIL, "(trail not named)");
        String what = "StopLogging".equals(event.eventName()) ? "stopped logging of" : "deleted";
        raiseOnce(state, eventAlert(LOGGING_DISABLED, Severity.CRITICAL, event,
                "%s %s CloudTrail trail %s%s: API calls are no longer recorded by it.".formatted(
                        principal(event), what, trail, from(event))), due);
    }

    /** NEW_GEOGRAPHY; the principal's countries are remembered whether or not it raises. */
    private void checkGeography(SecurityState state, AuditEvent event, List<Alert> due) {
        if (!geoIp.enabled()) {
            return;
        }
        String country = geoIp.locate(event.sourceIp()).country();
        if (country == null) {
            return;
        }
        String principal = principal(event);
        Instant at = event.eventTime();
        SecurityState.PrincipalHistory history = state.histories.computeIfAbsent(principal, key -> new SecurityState.PrincipalHistory());
        Instant since = at.minus(settings.geography().baseline());
        history.countries.values().removeIf(last -> last.isBefore(since));
        Instant lastFromHere = history.countries.get(country);
        boolean learned = history.firstLocated != null && !at.isBefore(history.firstLocated.plus(settings.geography().learning()));
        if (lastFromHere == null && learned && !history.countries.isEmpty()) {
            long days = settings.geography().baseline().toDays();
            raiseOnce(state, new Alert(alertId(NEW_GEOGRAPHY, principal, country, at.truncatedTo(ChronoUnit.DAYS).toString()),
                    NEW_GEOGRAPHY, Severity.WARNING, event.modelId(), principal, instant(event), 1, 0,
                    "%s called %s from %s in %s, a country it had not called from in the %d days before (its calls then came from %s)."
                            .formatted(principal, event.eventName(), event.sourceIp(), country, days,
                                    String.join(", ", history.countries.keySet()))), due);
        }
        history.countries.merge(country, at, (earlier, now) -> now.isAfter(earlier) ? now : earlier);
        if (history.firstLocated == null || at.isBefore(history.firstLocated)) {
            history.firstLocated = at;
        }
        if (history.firstSeen == null || at.isBefore(history.firstSeen)) {
            history.firstSeen = at;
        }
        if (history.lastSeen == null || at.isAfter(history.lastSeen)) {
            history.lastSeen = at;
        }
    }

    private void checkControlChange(SecurityState state, AuditEvent event, List<Alert> due) {
        if (event.failed()) {
            return;
        }
        String name = event.eventName();
        if (DELETE_LOGGING_CONFIGURATION.equals(name)) {
            raiseOnce(state, eventAlert(LOGGING_DISABLED, Severity.CRITICAL, event,
                    "%s deleted the model invocation logging configuration%s: Bedrock calls are no longer logged."
                            .formatted(principal(event), from(event))), due);
        } else if (PUT_LOGGING_CONFIGURATION.equals(name) && event.loggingDeliveryEnabled() == Boolean.FALSE) {
            raiseOnce(state, eventAlert(LOGGING_DISABLED, Severity.CRITICAL, event,
                    "%s changed the model invocation logging configuration%s so that no logs are delivered."
                            .formatted(principal(event), from(event))), due);
        } else if (PUT_LOGGING_CONFIGURATION.equals(name) && event.loggingDeliveryEnabled() == null) {
            raiseOnce(state, eventAlert(LOGGING_DISABLED, Severity.WARNING, event,
                    ("%s changed the model invocation logging configuration%s; CloudTrail does not show the new"
                            + " settings, so check that delivery is still on.").formatted(principal(event), from(event))), due);
        } else if (settings.managementEventNames().contains(name)) {
            Severity severity = name.startsWith("Delete") || name.startsWith("Stop") ? Severity.WARNING : Severity.INFO;
            String model = event.modelId() == null ? "" : " for " + event.modelId();
            raiseOnce(state, eventAlert(MODEL_MANAGEMENT_CHANGE, severity, event,
                    "%s called %s%s%s.".formatted(principal(event), name, model, from(event))), due);
        }
    }

    private void checkUserAgent(SecurityState state, AuditEvent event, List<Alert> due) {
        String agent = event.userAgent();
        if (agent == null || agent.isBlank()) {
            return;
        }
        String family = UserAgents.family(agent);
        if (settings.isAllowedAgentFamily(family)) {
            return;
        }
        Instant day = event.eventTime().truncatedTo(ChronoUnit.DAYS);
        String id = alertId(SUSPICIOUS_USER_AGENT, principal(event), agent, day.toString());
        raiseOnce(state, new Alert(id, SUSPICIOUS_USER_AGENT, Severity.WARNING, event.modelId(), principal(event),
                instant(event), 1, 0,
                "%s called %s with user agent \"%s\" (family %s, not an allowed family)%s.".formatted(
                        principal(event), event.eventName(), shown(agent), family, from(event))), due);
    }

    private void checkSourceAddress(SecurityState state, AuditEvent event, List<Alert> due) {
        byte[] address = IpAddresses.parse(event.sourceIp());
        if (address == null) {
            return;
        }
        String ip = canonical(address);
        String principal = principal(event);
        if (!settings.allowedCidrs().isEmpty()) {
            if (settings.allowedCidrs().stream().noneMatch(cidr -> cidr.contains(address))) {
                String day = event.eventTime().truncatedTo(ChronoUnit.DAYS).toString();
                String allowed = settings.allowedCidrs().stream().map(IpAddresses.Cidr::text).collect(Collectors.joining(", "));
                raiseOnce(state, new Alert(alertId(UNUSUAL_ACCESS, "outside-cidrs", principal, ip, day), UNUSUAL_ACCESS,
                        Severity.WARNING, event.modelId(), principal, instant(event), 1, 0,
                        "%s called %s from %s, outside the allowed networks (%s).".formatted(
                                principal, event.eventName(), ip, allowed)), due);
            }
            return;
        }
        if (!settings.newIpDetection()) {
            return;
        }
        SecurityState.PrincipalHistory history = state.histories.computeIfAbsent(principal, key -> new SecurityState.PrincipalHistory());
        boolean learned = history.events >= settings.learningMinEvents()
                && history.firstSeen != null
                && !event.eventTime().isBefore(history.firstSeen.plus(settings.learningPeriod()));
        boolean newAddress = history.addresses.add(ip);
        long earlierEvents = history.events;
        history.events++;
        if (history.firstSeen == null || event.eventTime().isBefore(history.firstSeen)) {
            history.firstSeen = event.eventTime();
        }
        if (history.lastSeen == null || event.eventTime().isAfter(history.lastSeen)) {
            history.lastSeen = event.eventTime();
        }
        if (learned && newAddress) {
            raiseOnce(state, new Alert(alertId(UNUSUAL_ACCESS, "new-ip", principal, ip), UNUSUAL_ACCESS, Severity.WARNING,
                    event.modelId(), principal, instant(event), 1, settings.learningMinEvents(),
                    "%s called %s from %s, an address it had not used in %d calls since %s.".formatted(
                            principal, event.eventName(), ip, earlierEvents, history.firstSeen)), due);
        }
    }

    private void countFailure(SecurityState state, AuditEvent event) {
        if (!settings.isAuthFailure(event.errorCode())) {
            return;
        }
        long windowSeconds = settings.failedAuthWindow().toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(event.eventTime().getEpochSecond(), windowSeconds) * windowSeconds);
        byte[] address = IpAddresses.parse(event.sourceIp());
        String ip = address == null ? null : canonical(address);
        record(state, PRINCIPAL, principal(event), start, event, ip);
        if (ip != null) {
            record(state, SOURCE_IP, ip, start, event, ip);
        }
    }

    private static void record(SecurityState state, String kind, String value, Instant start, AuditEvent event, String ip) {
        SecurityState.FailureWindow window = state.failureWindows.computeIfAbsent(failureKey(kind, value, start), k -> {
            SecurityState.FailureWindow created = new SecurityState.FailureWindow();
            created.kind = kind;
            created.value = value;
            created.start = start;
            return created;
        });
        window.count++;
        window.principals.add(principal(event));
        if (ip != null) {
            window.sourceIps.add(ip);
        }
        if (event.modelId() != null) {
            window.models.add(event.modelId());
        }
        window.errorCodes.merge(event.errorCode(), 1L, Long::sum);
    }

    private static String failureKey(String kind, String value, Instant start) {
        return kind + "|" + start + "|" + value;
    }

    /** Judges the failed-access windows that ended by {@code until}; principals first, then addresses. */
    private void closeFailureWindows(SecurityState state, Instant until, List<Alert> due) {
        List<SecurityState.FailureWindow> ended = state.failureWindows.values().stream()
                .filter(window -> !window.start.plus(settings.failedAuthWindow()).isAfter(until))
                .sorted(Comparator.comparing((SecurityState.FailureWindow w) -> w.kind)
                        .thenComparing(w -> w.start).thenComparing(w -> w.value))
                .toList();
        for (SecurityState.FailureWindow window : ended) {
            if (window.count > settings.failedAuthThreshold() && window.count > window.alertedCount) {
                window.alertedCount = window.count;
                if (!(SOURCE_IP.equals(window.kind) && alertedForSamePrincipal(state, window))) {
                    due.add(failedAuthAlert(window, window.start.plus(settings.failedAuthWindow())));
                }
            }
        }
        ended.forEach(window -> state.failureWindows.remove(failureKey(window.kind, window.value, window.start)));
    }

    private boolean alertedForSamePrincipal(SecurityState state, SecurityState.FailureWindow window) {
        if (window.principals.size() != 1) {
            return false;
        }
        SecurityState.FailureWindow principalWindow = state.failureWindows.get(
                failureKey(PRINCIPAL, window.principals.first(), window.start));
        return principalWindow != null && principalWindow.alertedCount > settings.failedAuthThreshold();
    }

    private Alert failedAuthAlert(SecurityState.FailureWindow window, Instant end) {
        long minutes = settings.failedAuthWindow().toMinutes();
        String span = minutes > 0 ? minutes + " minutes" : settings.failedAuthWindow().toSeconds() + " seconds";
        String codes = window.errorCodes.entrySet().stream()
                .map(code -> code.getKey() + " x" + code.getValue()).collect(Collectors.joining(", "));
        String message;
        String principal;
        if (PRINCIPAL.equals(window.kind)) {
            principal = window.value;
            message = "%d AccessDenied-class errors (%s) by %s within %s from %s (threshold %d).".formatted(
                    window.count, codes, principal, span, listed(window.sourceIps, "source IP"),
                    settings.failedAuthThreshold());
        } else {
            principal = window.principals.size() == 1 ? window.principals.iterator().next() : null;
            message = "%d AccessDenied-class errors (%s) from %s within %s by %s (threshold %d).".formatted(
                    window.count, codes, window.value, span, listed(window.principals, "principal"),
                    settings.failedAuthThreshold());
        }
        String model = window.models.size() == 1 ? window.models.iterator().next() : null;
        return new Alert(alertId(FAILED_AUTH_SPIKE, window.kind, window.value, window.start.toString()),
                FAILED_AUTH_SPIKE, Severity.WARNING, model, principal, new Alert.Window(window.start, end),
                window.count, settings.failedAuthThreshold(), message);
    }

    private static Alert eventAlert(String type, Severity severity, AuditEvent event, String message) {
        String id = alertId(type, principal(event), event.eventName(), String.valueOf(event.eventId()),
                event.eventTime().toString());
        return new Alert(id, type, severity, event.modelId(), principal(event), instant(event), 1, 0, message);
    }

    private static void raiseOnce(SecurityState state, Alert alert, List<Alert> due) {
        if (state.raisedIds.add(alert.id())) {
            due.add(alert);
        }
    }

    /** The reader always names a principal; events built elsewhere may not, and must still be counted. */
    private static String principal(AuditEvent event) {
        return event.principalArn() == null ? "unknown" : event.principalArn();
    }

    private static Alert.Window instant(AuditEvent event) {
        return new Alert.Window(event.eventTime(), event.eventTime());
    }

    private static String from(AuditEvent event) {
        return event.sourceIp() == null ? "" : " from " + event.sourceIp();
    }

    private static String listed(Set<String> items, String noun) {
        if (items.isEmpty()) {
            return "no " + noun;
        }
        String shown = items.stream().limit(SHOWN_ITEMS).collect(Collectors.joining(", "));
        String more = items.size() > SHOWN_ITEMS ? ", ..." : "";
        return items.size() + " " + noun + (items.size() == 1 ? "" : "s") + " (" + shown + more + ")";
    }

    /** User agents are caller-controlled: shown shortened and without control characters. */
    private static String shown(String agent) {
        String printable = agent.replaceAll("\\p{Cntrl}", "?").replace('"', '\'');
        return printable.length() <= SHOWN_AGENT_CHARS ? printable : printable.substring(0, SHOWN_AGENT_CHARS) + "...";
    }

    private static String canonical(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("an address of " + address.length + " bytes", impossible);
        }
    }

    static String alertId(String... parts) {
        return "sec-" + Hashes.sha256Hex(String.join("\u001f", parts), 32);
    }

}
