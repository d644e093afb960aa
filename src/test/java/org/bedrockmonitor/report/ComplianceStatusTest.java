package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bedrockmonitor.logging.LoggingCheck;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.report.ReportModel.ComplianceItem;
import org.junit.jupiter.api.Test;

class ComplianceStatusTest {

    private static final String OPS = "arn:aws:iam::123456789012:user/ops";
    private final ComplianceStatus status = new ComplianceStatus(ReportFixtures.week());

    private static AuditEvent call(String time, String source, String name, Boolean delivery, Map<String, String> details) {
        return new AuditEvent(Instant.parse(time), "evt-" + name + time, source, name, "us-east-1", "123456789012", OPS,
                "IAMUser", "198.51.100.10", "aws-cli/2.15.0", null, null, null, false, true, delivery, details);
    }

    private static ComplianceItem item(String area, String subject, String status, String state, String evidence, String time) {
        return new ComplianceItem(area, subject, status, state, evidence, time == null ? null : Instant.parse(time));
    }

    @Test
    void eachSettingIsTheLastCallThatSetItInThePeriodWithItsEvidenceAndDate() {
        List<AuditEvent> events = List.of(
                call("2026-11-10T09:00:00Z", "cloudtrail.amazonaws.com", "StartLogging", null, Map.of("trail", "main")),
                call("2026-11-16T09:00:00Z", "bedrock.amazonaws.com", "PutModelInvocationLoggingConfiguration", true,
                        Map.of("destinationBucket", "bedrock-logs", "destinationLogGroup", "/bedrock/invocations",
                                "dataTypes", "text,embedding")),
                call("2026-11-17T09:00:00Z", "cloudtrail.amazonaws.com", "UpdateTrail", null,
                        Map.of("trail", "main", "logFileValidation", "true", "trailBucket", "org-trail")),
                call("2026-11-18T09:00:00Z", "cloudtrail.amazonaws.com", "StopLogging", null, Map.of("trail", "main")),
                call("2026-11-18T10:00:00Z", "s3.amazonaws.com", "PutBucketEncryption", null,
                        Map.of("bucket", "bedrock-logs", "sseAlgorithm", "aws:kms", "kmsKeyId", "alias/logs")),
                call("2026-11-18T11:00:00Z", "s3.amazonaws.com", "PutBucketLifecycle", null,
                        Map.of("bucket", "bedrock-logs", "lifecycleRules", "1", "expirationDays", "365")),
                call("2026-11-19T09:00:00Z", "logs.amazonaws.com", "PutRetentionPolicy", null,
                        Map.of("logGroup", "/bedrock/invocations", "retentionDays", "90")),
                call("2026-11-24T09:00:00Z", "logs.amazonaws.com", "DeleteRetentionPolicy", null,
                        Map.of("logGroup", "/bedrock/invocations")));

        assertThat(status.items(events, null)).containsExactly(
                item("Invocation logging", "Bedrock model invocation logging",
                        "on: S3 s3://bedrock-logs/, CloudWatch Logs /bedrock/invocations; data types text, embedding", "ok",
                        "PutModelInvocationLoggingConfiguration by " + OPS + " in us-east-1", "2026-11-16T09:00:00Z"),
                item("CloudTrail", "trail main: logging", "off (logging stopped)", "attention",
                        "StopLogging by " + OPS + " in us-east-1", "2026-11-18T09:00:00Z"),
                item("CloudTrail", "trail main: log-file validation", "on", "ok",
                        "UpdateTrail by " + OPS + " in us-east-1", "2026-11-17T09:00:00Z"),
                item("S3 bucket", "bedrock-logs (log destination): encryption", "aws:kms, key alias/logs", "ok",
                        "PutBucketEncryption by " + OPS + " in us-east-1", "2026-11-18T10:00:00Z"),
                item("S3 bucket", "bedrock-logs (log destination): retention", "objects expire after 365 days", "ok",
                        "PutBucketLifecycle by " + OPS + " in us-east-1", "2026-11-18T11:00:00Z"),
                item("S3 bucket", "org-trail (log destination): encryption", "unknown (no evidence in the period)", "unknown", "", null),
                item("S3 bucket", "org-trail (log destination): retention", "unknown (no evidence in the period)", "unknown", "", null),
                item("Log group", "/bedrock/invocations (log destination): encryption", "unknown (no evidence in the period)",
                        "unknown", "", null),
                item("Log group", "/bedrock/invocations (log destination): retention", "90 days", "ok",
                        "PutRetentionPolicy by " + OPS + " in us-east-1", "2026-11-19T09:00:00Z"));
    }

    @Test
    void aLoggingStatusCheckNewerThanTheLastChangeIsTheEvidence() {
        List<AuditEvent> events = List.of(call("2026-11-16T09:00:00Z", "bedrock.amazonaws.com",
                "DeleteModelInvocationLoggingConfiguration", null, Map.of()));
        LoggingCheck check = new LoggingCheck(Instant.parse("2026-11-20T06:00:00Z"), "us-east-1", true, "bedrock-logs", "",
                null, List.of("text"), List.of("key prefix: expected \"\", found \"logs/\""));

        assertThat(status.items(events, check).get(0)).isEqualTo(item("Invocation logging", "Bedrock model invocation logging",
                "on: S3 s3://bedrock-logs/; data types text", "attention",
                "logging status check in us-east-1; drift: key prefix: expected \"\", found \"logs/\"", "2026-11-20T06:00:00Z"));
        assertThat(status.items(events, null).get(0)).isEqualTo(item("Invocation logging", "Bedrock model invocation logging",
                "off (configuration deleted)", "attention",
                "DeleteModelInvocationLoggingConfiguration by " + OPS + " in us-east-1", "2026-11-16T09:00:00Z"));
    }

    @Test
    void withoutEvidenceEverySettingIsUnknownNotOk() {
        assertThat(status.items(List.of(), null)).extracting(ComplianceItem::subject, ComplianceItem::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Bedrock model invocation logging", "unknown (no evidence in the period)"),
                        org.assertj.core.groups.Tuple.tuple("trail logging", "unknown (no evidence in the period)"),
                        org.assertj.core.groups.Tuple.tuple("log-file validation", "unknown (no evidence in the period)"));
    }
}
