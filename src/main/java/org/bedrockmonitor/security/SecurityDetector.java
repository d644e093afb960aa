package org.bedrockmonitor.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.bedrockmonitor.detect.Alert;
import org.bedrockmonitor.detect.Alert.Severity;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * The CloudTrail detections. Stateful: it learns which addresses each principal uses and counts failed
 * calls per epoch-aligned window, so one instance must see every object's events (the route calls it
 * per object; {@link #flush()} closes the analysis).
 *
 * <ul>
 * <li>{@code FAILED_AUTH_SPIKE} (warning): more than the threshold of AccessDenied-class errors by one
 * principal, or from one source IP, in one window. A window is judged once the events seen reach its end
 * (or at flush), so the alert carries the window's full count; a late event that raises the count
 * re-raises the same id with the new count; an event id seen before in the window is not counted again,
 * so a replayed object does not inflate it. An IP window whose failures all come from one principal that
 * already alerted for that window is not alerted twice.</li>
 * <li>{@code UNUSUAL_ACCESS} (warning): with allowed CIDRs configured, a source IP outside all of them
 * (once per principal, IP and day); without, an IP a principal has not used before, once that principal
 * has both the minimum history and the learning period behind it. Service sources
 * ({@code bedrock.amazonaws.com}, {@code AWS Internal}) are not addresses and are skipped.</li>
 * <li>{@code SUSPICIOUS_USER_AGENT} (warning): a user agent whose family is not allowed (once per
 * principal, agent and day). Events without a user agent are skipped.</li>
 * <li>{@code MODEL_MANAGEMENT_CHANGE}: a successful call named in the management list; warning for
 * {@code Delete*}/{@code Stop*} calls (they remove a control), info otherwise.</li>
 * <li>{@code LOGGING_DISABLED}: critical for a successful {@code DeleteModelInvocationLoggingConfiguration}
 * or a {@code Put...} that leaves no destination or no data type on; warning for a {@code Put...} whose
 * settings CloudTrail did not record, since delivery may be off.</li>
 * </ul>
 * Every alert id is a hash of its type and what makes it one incident (principal, IP, window or event),
 * so a replayed object yields the same ids. Alerts name the model when the calls named one and the
 * principal, so that the alerting box can join them with metric alerts on the same model or principal.
 */
public class SecurityDetector {

    public static final String FAILED_AUTH_SPIKE = "FAILED_AUTH_SPIKE";
    public static final String UNUSUAL_ACCESS = "UNUSUAL_ACCESS";
    public static final String SUSPICIOUS_USER_AGENT = "SUSPICIOUS_USER_AGENT";
    public static final String MODEL_MANAGEMENT_CHANGE = "MODEL_MANAGEMENT_CHANGE";
    public static final String LOGGING_DISABLED = "LOGGING_DISABLED";

    static final String DELETE_LOGGING_CONFIGURATION = "DeleteModelInvocationLoggingConfiguration";
    static final String PUT_LOGGING_CONFIGURATION = "PutModelInvocationLoggingConfiguration";

    /** Failure windows are kept this long behind the newest event so late CloudTrail files still count. */
    private static final Duration FAILURE_WINDOW_RETENTION = Duration.ofDays(1);
    private static final int SHOWN_AGENT_CHARS = 100;
    private static final int SHOWN_ITEMS = 3;

    private enum FailureKind { PRINCIPAL, SOURCE_IP }

    private record FailureKey(FailureKind kind, String value, Instant start) {
    }

    private static final class FailureWindow {
        long count;
        long alertedCount;
        final Set<String> principals = new TreeSet<>();
        final Set<String> sourceIps = new TreeSet<>();
        final Set<String> models = new TreeSet<>();
        final Map<String, Long> errorCodes = new TreeMap<>();
        final Set<String> eventIds = new HashSet<>();
    }

    private static final class PrincipalHistory {
        Instant firstSeen;
        long events;
        final Set<String> addresses = new HashSet<>();
    }

    private static final Comparator<FailureKey> FAILURE_ORDER = Comparator
            .comparing(FailureKey::kind).thenComparing(FailureKey::start).thenComparing(FailureKey::value);

    private final SecuritySettings settings;
    private final Map<FailureKey, FailureWindow> failureWindows = new HashMap<>();
    private final Map<String, PrincipalHistory> histories;
    private final Set<String> raisedIds;
    private Instant newestEvent;

    public SecurityDetector(SecuritySettings settings) {
        this.settings = settings;
        this.histories = lruMap(settings.maxTrackedKeys());
        this.raisedIds = Collections.newSetFromMap(lruMap(settings.maxTrackedKeys()));
    }

    /** Takes one object's events; returns the alerts they made due (empty when none). */
    public synchronized List<Alert> accept(List<AuditEvent> events) {
        List<Alert> due = new ArrayList<>();
        if (events == null) {
            return due;
        }
        List<AuditEvent> ordered = events.stream()
                .filter(event -> event != null && event.eventTime() != null)
                .sorted(Comparator.comparing(AuditEvent::eventTime)
                        .thenComparing(event -> String.valueOf(event.eventId())))
                .toList();
        for (AuditEvent event : ordered) {
            if (newestEvent == null || event.eventTime().isAfter(newestEvent)) {
                newestEvent = event.eventTime();
            }
            checkControlChange(event, due);
            checkUserAgent(event, due);
            checkSourceAddress(event, due);
            countFailure(event);
        }
        closeFailureWindows(false, due);
        return due;
    }

    /** End of an analysis: judges every failure window still open. */
    public synchronized List<Alert> flush() {
        List<Alert> due = new ArrayList<>();
        closeFailureWindows(true, due);
        return due;
    }

    private void checkControlChange(AuditEvent event, List<Alert> due) {
        if (event.failed()) {
            return;
        }
        String name = event.eventName();
        if (DELETE_LOGGING_CONFIGURATION.equals(name)) {
            raiseOnce(eventAlert(LOGGING_DISABLED, Severity.CRITICAL, event,
                    "%s deleted the model invocation logging configuration%s: Bedrock calls are no longer logged."
                            .formatted(principal(event), from(event))), due);
        } else if (PUT_LOGGING_CONFIGURATION.equals(name) && event.loggingDeliveryEnabled() == Boolean.FALSE) {
            raiseOnce(eventAlert(LOGGING_DISABLED, Severity.CRITICAL, event,
                    "%s changed the model invocation logging configuration%s so that no logs are delivered."
                            .formatted(principal(event), from(event))), due);
        } else if (PUT_LOGGING_CONFIGURATION.equals(name) && event.loggingDeliveryEnabled() == null) {
            raiseOnce(eventAlert(LOGGING_DISABLED, Severity.WARNING, event,
                    ("%s changed the model invocation logging configuration%s; CloudTrail does not show the new"
                            + " settings, so check that delivery is still on.").formatted(principal(event), from(event))), due);
        } else if (settings.managementEventNames().contains(name)) {
            Severity severity = name.startsWith("Delete") || name.startsWith("Stop") ? Severity.WARNING : Severity.INFO;
            String model = event.modelId() == null ? "" : " for " + event.modelId();
            raiseOnce(eventAlert(MODEL_MANAGEMENT_CHANGE, severity, event,
                    "%s called %s%s%s.".formatted(principal(event), name, model, from(event))), due);
        }
    }

    private void checkUserAgent(AuditEvent event, List<Alert> due) {
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
        raiseOnce(new Alert(id, SUSPICIOUS_USER_AGENT, Severity.WARNING, event.modelId(), principal(event),
                instant(event), 1, 0,
                "%s called %s with user agent \"%s\" (family %s, not an allowed family)%s.".formatted(
                        principal(event), event.eventName(), shown(agent), family, from(event))), due);
    }

    private void checkSourceAddress(AuditEvent event, List<Alert> due) {
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
                raiseOnce(new Alert(alertId(UNUSUAL_ACCESS, "outside-cidrs", principal, ip, day), UNUSUAL_ACCESS,
                        Severity.WARNING, event.modelId(), principal, instant(event), 1, 0,
                        "%s called %s from %s, outside the allowed networks (%s).".formatted(
                                principal, event.eventName(), ip, allowed)), due);
            }
            return;
        }
        if (!settings.newIpDetection()) {
            return;
        }
        PrincipalHistory history = histories.computeIfAbsent(principal, key -> new PrincipalHistory());
        boolean learned = history.events >= settings.learningMinEvents()
                && history.firstSeen != null
                && !event.eventTime().isBefore(history.firstSeen.plus(settings.learningPeriod()));
        boolean newAddress = history.addresses.add(ip);
        long earlierEvents = history.events;
        history.events++;
        if (history.firstSeen == null || event.eventTime().isBefore(history.firstSeen)) {
            history.firstSeen = event.eventTime();
        }
        if (learned && newAddress) {
            raiseOnce(new Alert(alertId(UNUSUAL_ACCESS, "new-ip", principal, ip), UNUSUAL_ACCESS, Severity.WARNING,
                    event.modelId(), principal, instant(event), 1, settings.learningMinEvents(),
                    "%s called %s from %s, an address it had not used in %d calls since %s.".formatted(
                            principal, event.eventName(), ip, earlierEvents, history.firstSeen)), due);
        }
    }

    private void countFailure(AuditEvent event) {
        if (!settings.isAuthFailure(event.errorCode())) {
            return;
        }
        long windowSeconds = settings.failedAuthWindow().toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(event.eventTime().getEpochSecond(), windowSeconds) * windowSeconds);
        byte[] address = IpAddresses.parse(event.sourceIp());
        String ip = address == null ? null : canonical(address);
        record(new FailureKey(FailureKind.PRINCIPAL, principal(event), start), event, ip);
        if (ip != null) {
            record(new FailureKey(FailureKind.SOURCE_IP, ip, start), event, ip);
        }
    }

    private void record(FailureKey key, AuditEvent event, String ip) {
        FailureWindow window = failureWindows.computeIfAbsent(key, k -> new FailureWindow());
        if (event.eventId() != null && !window.eventIds.add(event.eventId())) {
            return;
        }
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

    private void closeFailureWindows(boolean all, List<Alert> due) {
        List<FailureKey> keys = failureWindows.keySet().stream().sorted(FAILURE_ORDER).toList();
        for (FailureKey key : keys) {
            FailureWindow window = failureWindows.get(key);
            Instant end = key.start().plus(settings.failedAuthWindow());
            boolean closed = all || newestEvent != null && !end.isAfter(newestEvent);
            if (!closed || window.count <= settings.failedAuthThreshold() || window.count <= window.alertedCount) {
                continue;
            }
            window.alertedCount = window.count;
            if (key.kind() == FailureKind.SOURCE_IP && alertedForSamePrincipal(key, window)) {
                continue;
            }
            due.add(failedAuthAlert(key, window, end));
        }
        if (newestEvent != null) {
            Instant horizon = newestEvent.minus(FAILURE_WINDOW_RETENTION);
            failureWindows.keySet().removeIf(key -> key.start().plus(settings.failedAuthWindow()).isBefore(horizon));
        }
    }

    private boolean alertedForSamePrincipal(FailureKey key, FailureWindow window) {
        if (window.principals.size() != 1) {
            return false;
        }
        FailureWindow principalWindow = failureWindows.get(
                new FailureKey(FailureKind.PRINCIPAL, window.principals.iterator().next(), key.start()));
        return principalWindow != null && principalWindow.alertedCount > settings.failedAuthThreshold();
    }

    private Alert failedAuthAlert(FailureKey key, FailureWindow window, Instant end) {
        long minutes = settings.failedAuthWindow().toMinutes();
        String span = minutes > 0 ? minutes + " minutes" : settings.failedAuthWindow().toSeconds() + " seconds";
        String codes = window.errorCodes.entrySet().stream()
                .map(code -> code.getKey() + " x" + code.getValue()).collect(Collectors.joining(", "));
        String message;
        String principal;
        if (key.kind() == FailureKind.PRINCIPAL) {
            principal = key.value();
            message = "%d AccessDenied-class errors (%s) by %s within %s from %s (threshold %d).".formatted(
                    window.count, codes, principal, span, listed(window.sourceIps, "source IP"),
                    settings.failedAuthThreshold());
        } else {
            principal = window.principals.size() == 1 ? window.principals.iterator().next() : null;
            message = "%d AccessDenied-class errors (%s) from %s within %s by %s (threshold %d).".formatted(
                    window.count, codes, key.value(), span, listed(window.principals, "principal"),
                    settings.failedAuthThreshold());
        }
        String model = window.models.size() == 1 ? window.models.iterator().next() : null;
        return new Alert(alertId(FAILED_AUTH_SPIKE, key.kind().name(), key.value(), key.start().toString()),
                FAILED_AUTH_SPIKE, Severity.WARNING, model, principal, new Alert.Window(key.start(), end),
                window.count, settings.failedAuthThreshold(), message);
    }

    private static Alert eventAlert(String type, Severity severity, AuditEvent event, String message) {
        String id = alertId(type, principal(event), event.eventName(), String.valueOf(event.eventId()),
                event.eventTime().toString());
        return new Alert(id, type, severity, event.modelId(), principal(event), instant(event), 1, 0, message);
    }

    private void raiseOnce(Alert alert, List<Alert> due) {
        if (raisedIds.add(alert.id())) {
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
            return "sec-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is required of every JVM", missing);
        }
    }

    private static <K, V> Map<K, V> lruMap(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
