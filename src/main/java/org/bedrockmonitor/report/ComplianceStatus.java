package org.bedrockmonitor.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bedrockmonitor.logging.LoggingCheck;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.parse.ComplianceFields;
import org.bedrockmonitor.report.ReportModel.ComplianceItem;

/**
 * The compliance status of the security report: how invocation logging, the trails, and the buckets and
 * log groups that hold the logs stood at the end of the period, each from the last successful call that
 * set it in the period (or the {@code logging status} check, when it is newer), with that evidence and its
 * date; "unknown (no evidence in the period)" where nothing set it. The destinations named by the
 * logging configuration and the trails are listed even without evidence about them.
 */
final class ComplianceStatus {

    static final String OK = "ok";
    static final String ATTENTION = "attention";
    static final String UNKNOWN = "unknown";
    static final String NO_EVIDENCE = "unknown (no evidence in the period)";

    private static final String LOGGING = "Invocation logging";
    private static final String TRAIL = "CloudTrail";
    private static final String BUCKET = "S3 bucket";
    private static final String LOG_GROUP = "Log group";

    private final Period period;

    ComplianceStatus(Period period) {
        this.period = period;
    }

    List<ComplianceItem> items(List<AuditEvent> events, LoggingCheck check) {
        List<AuditEvent> ordered = events.stream().filter(e -> !e.failed())
                .filter(e -> !e.eventTime().isBefore(period.from()) && e.eventTime().isBefore(period.to()))
                .sorted(Comparator.comparing(AuditEvent::eventTime).thenComparing(e -> String.valueOf(e.eventId())))
                .toList();
        LoggingCheck evidenceCheck = check != null && check.checkedAt().isBefore(period.to()) ? check : null;
        List<ComplianceItem> items = new ArrayList<>();
        Set<String> destinationBuckets = new LinkedHashSet<>();
        Set<String> destinationLogGroups = new LinkedHashSet<>();
        items.add(invocationLogging(ordered, evidenceCheck, destinationBuckets, destinationLogGroups));
        items.addAll(trails(ordered, destinationBuckets, destinationLogGroups));
        items.addAll(buckets(ordered, destinationBuckets));
        items.addAll(logGroups(ordered, destinationLogGroups));
        return items;
    }

    private ComplianceItem invocationLogging(List<AuditEvent> events, LoggingCheck check, Set<String> buckets,
            Set<String> logGroups) {
        AuditEvent last = null;
        for (AuditEvent event : events) {
            if (event.aboutBedrock() && (event.eventName().equals("PutModelInvocationLoggingConfiguration")
                    || event.eventName().equals("DeleteModelInvocationLoggingConfiguration"))) {
                last = event;
            }
        }
        String subject = "Bedrock model invocation logging";
        if (check != null && (last == null || !check.checkedAt().isBefore(last.eventTime()))) {
            addIfPresent(buckets, check.bucket());
            addIfPresent(logGroups, check.logGroup());
            String evidence = "logging status check" + (check.region() == null ? "" : " in " + check.region())
                    + (check.drift().isEmpty() ? "" : "; drift: " + String.join("; ", check.drift()));
            if (!check.configured()) {
                return new ComplianceItem(LOGGING, subject, "off (not configured)", ATTENTION, evidence, check.checkedAt());
            }
            String status = "on: " + destinations(check.bucket(), check.keyPrefix(), check.logGroup())
                    + "; data types " + (check.dataTypes().isEmpty() ? "none" : String.join(", ", check.dataTypes()));
            boolean delivers = !check.dataTypes().isEmpty() && (check.bucket() != null || check.logGroup() != null);
            return new ComplianceItem(LOGGING, subject, delivers ? status : "configured but delivers nothing (" + status + ")",
                    delivers && check.drift().isEmpty() ? OK : ATTENTION, evidence, check.checkedAt());
        }
        if (last == null) {
            return new ComplianceItem(LOGGING, subject, NO_EVIDENCE, UNKNOWN, "", null);
        }
        String evidence = evidence(last);
        if (last.eventName().equals("DeleteModelInvocationLoggingConfiguration")) {
            return new ComplianceItem(LOGGING, subject, "off (configuration deleted)", ATTENTION, evidence, last.eventTime());
        }
        Map<String, String> d = last.details();
        addIfPresent(buckets, d.get(ComplianceFields.DESTINATION_BUCKET));
        addIfPresent(logGroups, d.get(ComplianceFields.DESTINATION_LOG_GROUP));
        if (last.loggingDeliveryEnabled() == null) {
            return new ComplianceItem(LOGGING, subject, "changed; CloudTrail did not record the new settings", UNKNOWN,
                    evidence, last.eventTime());
        }
        String dataTypes = d.getOrDefault(ComplianceFields.DATA_TYPES, "");
        String status = destinations(d.get(ComplianceFields.DESTINATION_BUCKET), d.get(ComplianceFields.DESTINATION_PREFIX),
                d.get(ComplianceFields.DESTINATION_LOG_GROUP)) + "; data types " + (dataTypes.isEmpty() ? "none" : dataTypes.replace(",", ", "));
        return last.loggingDeliveryEnabled()
                ? new ComplianceItem(LOGGING, subject, "on: " + status, OK, evidence, last.eventTime())
                : new ComplianceItem(LOGGING, subject, "off: delivers nothing (" + status + ")", ATTENTION, evidence, last.eventTime());
    }

    private List<ComplianceItem> trails(List<AuditEvent> events, Set<String> buckets, Set<String> logGroups) {
        Map<String, AuditEvent> logging = new TreeMap<>();
        Map<String, AuditEvent> validation = new TreeMap<>();
        Map<String, AuditEvent> deleted = new TreeMap<>();
        for (AuditEvent event : events) {
            if (!ComplianceFields.CLOUDTRAIL.equals(event.eventSource())) {
                continue;
            }
            String trail = event.details().getOrDefault(ComplianceFields.TRAIL, "(trail not named)");
            switch (event.eventName()) {
                case "StartLogging", "StopLogging" -> {
                    logging.put(trail, event);
                    deleted.remove(trail);
                }
                case "DeleteTrail" -> deleted.put(trail, event);
                case "CreateTrail", "UpdateTrail" -> {
                    if (event.details().containsKey(ComplianceFields.LOG_FILE_VALIDATION)) {
                        validation.put(trail, event);
                    }
                    logging.putIfAbsent(trail, null);
                    deleted.remove(trail);
                }
                default -> logging.putIfAbsent(trail, null);
            }
            addIfPresent(buckets, event.details().get(ComplianceFields.TRAIL_BUCKET));
            addIfPresent(logGroups, event.details().get(ComplianceFields.TRAIL_LOG_GROUP));
        }
        if (logging.isEmpty() && deleted.isEmpty()) {
            return List.of(new ComplianceItem(TRAIL, "trail logging", NO_EVIDENCE, UNKNOWN, "", null),
                    new ComplianceItem(TRAIL, "log-file validation", NO_EVIDENCE, UNKNOWN, "", null));
        }
        Set<String> trails = new TreeSet<>(logging.keySet());
        trails.addAll(deleted.keySet());
        List<ComplianceItem> items = new ArrayList<>();
        for (String trail : trails) {
            AuditEvent gone = deleted.get(trail);
            if (gone != null) {
                items.add(new ComplianceItem(TRAIL, "trail " + trail + ": logging", "off (trail deleted)", ATTENTION,
                        evidence(gone), gone.eventTime()));
                continue;
            }
            AuditEvent state = logging.get(trail);
            items.add(state == null
                    ? new ComplianceItem(TRAIL, "trail " + trail + ": logging", NO_EVIDENCE, UNKNOWN, "", null)
                    : state.eventName().equals("StartLogging")
                    ? new ComplianceItem(TRAIL, "trail " + trail + ": logging", "on", OK, evidence(state), state.eventTime())
                    : new ComplianceItem(TRAIL, "trail " + trail + ": logging", "off (logging stopped)", ATTENTION,
                            evidence(state), state.eventTime()));
            AuditEvent checks = validation.get(trail);
            boolean on = checks != null && Boolean.parseBoolean(checks.details().get(ComplianceFields.LOG_FILE_VALIDATION));
            items.add(checks == null
                    ? new ComplianceItem(TRAIL, "trail " + trail + ": log-file validation", NO_EVIDENCE, UNKNOWN, "", null)
                    : new ComplianceItem(TRAIL, "trail " + trail + ": log-file validation", on ? "on" : "off",
                            on ? OK : ATTENTION, evidence(checks), checks.eventTime()));
        }
        return items;
    }

    private List<ComplianceItem> buckets(List<AuditEvent> events, Set<String> destinations) {
        Map<String, AuditEvent> encryption = new LinkedHashMap<>();
        Map<String, AuditEvent> lifecycle = new LinkedHashMap<>();
        Set<String> named = new LinkedHashSet<>(destinations);
        for (AuditEvent event : events) {
            String bucket = event.details().get(ComplianceFields.BUCKET);
            if (!ComplianceFields.S3.equals(event.eventSource()) || bucket == null) {
                continue;
            }
            named.add(bucket);
            if (event.eventName().endsWith("BucketEncryption")) {
                encryption.put(bucket, event);
            } else {
                lifecycle.put(bucket, event);
            }
        }
        List<ComplianceItem> items = new ArrayList<>();
        for (String bucket : ordered(named, destinations)) {
            String role = destinations.contains(bucket) ? " (log destination)" : "";
            AuditEvent enc = encryption.get(bucket);
            if (enc == null) {
                items.add(new ComplianceItem(BUCKET, bucket + role + ": encryption", NO_EVIDENCE, UNKNOWN, "", null));
            } else if (enc.eventName().equals("DeleteBucketEncryption")) {
                items.add(new ComplianceItem(BUCKET, bucket + role + ": encryption",
                        "default encryption removed (S3 falls back to SSE-S3)", ATTENTION, evidence(enc), enc.eventTime()));
            } else {
                String algorithm = enc.details().getOrDefault(ComplianceFields.SSE_ALGORITHM, "not recorded");
                String key = enc.details().get(ComplianceFields.KMS_KEY);
                items.add(new ComplianceItem(BUCKET, bucket + role + ": encryption", algorithm + (key == null ? "" : ", key " + key),
                        OK, evidence(enc), enc.eventTime()));
            }
            AuditEvent life = lifecycle.get(bucket);
            if (life == null) {
                items.add(new ComplianceItem(BUCKET, bucket + role + ": retention", NO_EVIDENCE, UNKNOWN, "", null));
            } else if (life.eventName().equals("DeleteBucketLifecycle")) {
                items.add(new ComplianceItem(BUCKET, bucket + role + ": retention",
                        "lifecycle removed: objects are kept until deleted", ATTENTION, evidence(life), life.eventTime()));
            } else {
                String days = life.details().get(ComplianceFields.EXPIRATION_DAYS);
                items.add(new ComplianceItem(BUCKET, bucket + role + ": retention", days == null
                        ? life.details().getOrDefault(ComplianceFields.LIFECYCLE_RULES, "0") + " lifecycle rule(s), none expires objects"
                        : "objects expire after " + days + " days", days == null ? ATTENTION : OK, evidence(life), life.eventTime()));
            }
        }
        return items;
    }

    private List<ComplianceItem> logGroups(List<AuditEvent> events, Set<String> destinations) {
        Map<String, AuditEvent> key = new LinkedHashMap<>();
        Map<String, AuditEvent> retention = new LinkedHashMap<>();
        Set<String> named = new LinkedHashSet<>(destinations);
        for (AuditEvent event : events) {
            String group = event.details().get(ComplianceFields.LOG_GROUP);
            if (!ComplianceFields.LOGS.equals(event.eventSource()) || group == null) {
                continue;
            }
            named.add(group);
            switch (event.eventName()) {
                case "AssociateKmsKey", "DisassociateKmsKey" -> key.put(group, event);
                case "CreateLogGroup" -> {
                    if (event.details().containsKey(ComplianceFields.KMS_KEY)) {
                        key.put(group, event);
                    }
                }
                default -> retention.put(group, event);
            }
        }
        List<ComplianceItem> items = new ArrayList<>();
        for (String group : ordered(named, destinations)) {
            String role = destinations.contains(group) ? " (log destination)" : "";
            AuditEvent k = key.get(group);
            items.add(k == null
                    ? new ComplianceItem(LOG_GROUP, group + role + ": encryption", NO_EVIDENCE, UNKNOWN, "", null)
                    : k.eventName().equals("DisassociateKmsKey")
                    ? new ComplianceItem(LOG_GROUP, group + role + ": encryption",
                            "KMS key removed (CloudWatch Logs' own encryption only)", ATTENTION, evidence(k), k.eventTime())
                    : new ComplianceItem(LOG_GROUP, group + role + ": encryption",
                            "KMS key " + k.details().get(ComplianceFields.KMS_KEY), OK, evidence(k), k.eventTime()));
            AuditEvent r = retention.get(group);
            items.add(r == null
                    ? new ComplianceItem(LOG_GROUP, group + role + ": retention", NO_EVIDENCE, UNKNOWN, "", null)
                    : r.eventName().equals("DeleteRetentionPolicy")
                    ? new ComplianceItem(LOG_GROUP, group + role + ": retention", "never expire (retention policy removed)",
                            ATTENTION, evidence(r), r.eventTime())
                    : new ComplianceItem(LOG_GROUP, group + role + ": retention",
                            r.details().getOrDefault(ComplianceFields.RETENTION_DAYS, "not recorded") + " days", OK,
                            evidence(r), r.eventTime()));
        }
        return items;
    }

    /** Destinations first in the order they were named, then the others by name. */
    private static List<String> ordered(Set<String> named, Set<String> destinations) {
        List<String> order = new ArrayList<>(destinations);
        named.stream().filter(n -> !destinations.contains(n)).sorted().forEach(order::add);
        return order;
    }

    private static String destinations(String bucket, String prefix, String logGroup) {
        List<String> parts = new ArrayList<>();
        if (bucket != null) {
            parts.add("S3 s3://" + bucket + "/" + (prefix == null ? "" : prefix));
        }
        if (logGroup != null) {
            parts.add("CloudWatch Logs " + logGroup);
        }
        return parts.isEmpty() ? "no destination" : String.join(", ", parts);
    }

    private static String evidence(AuditEvent event) {
        return event.eventName() + " by " + (event.principalArn() == null ? "unknown" : event.principalArn())
                + (event.awsRegion() == null ? "" : " in " + event.awsRegion());
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value);
        }
    }
}
