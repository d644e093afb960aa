package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bedrockmonitor.aggregate.RollupCodec;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.parse.AuditLogReader.Counts;
import org.junit.jupiter.api.Test;

class ComplianceEventsTest {

    private static String event(String source, String name, String request) {
        return """
                {"eventVersion":"1.10","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/ops",
                 "accountId":"111122223333"},"eventTime":"2026-03-02T10:00:00Z","eventSource":"%s","eventName":"%s",
                 "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.10","userAgent":"aws-cli/2.15.0",
                 "requestParameters":%s,"responseElements":null,"eventID":"evt-%s","readOnly":false,
                 "managementEvent":true,"recipientAccountId":"111122223333"}""".formatted(source, name, request, name);
    }

    @Test
    void trailBucketAndLogGroupCallsAreKeptWithTheSettingsTheyNameButAreNotCountedAsBedrockEvents() throws IOException {
        String file = "{\"Records\":[" + String.join(",",
                event("cloudtrail.amazonaws.com", "StopLogging",
                        "{\"name\":\"arn:aws:cloudtrail:us-east-1:111122223333:trail/main\"}"),
                event("cloudtrail.amazonaws.com", "UpdateTrail",
                        "{\"name\":\"main\",\"s3BucketName\":\"org-trail\",\"enableLogFileValidation\":true,"
                                + "\"cloudWatchLogsLogGroupArn\":\"arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/main:*\"}"),
                event("s3.amazonaws.com", "PutBucketEncryption",
                        "{\"bucketName\":\"bedrock-logs\",\"ServerSideEncryptionConfiguration\":{\"Rule\":{"
                                + "\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"alias/logs\"}}}}"),
                event("s3.amazonaws.com", "PutBucketLifecycle",
                        "{\"bucketName\":\"bedrock-logs\",\"LifecycleConfiguration\":{\"Rule\":["
                                + "{\"Status\":\"Enabled\",\"Expiration\":{\"Days\":\"400\"}},"
                                + "{\"Status\":\"Enabled\",\"Expiration\":{\"Days\":365}},"
                                + "{\"Status\":\"Disabled\",\"Expiration\":{\"Days\":30}}]}}"),
                event("logs.amazonaws.com", "PutRetentionPolicy",
                        "{\"logGroupName\":\"/bedrock/invocations\",\"retentionInDays\":90}"),
                event("bedrock.amazonaws.com", "PutModelInvocationLoggingConfiguration",
                        "{\"loggingConfig\":{\"s3Config\":{\"bucketName\":\"bedrock-logs\",\"keyPrefix\":\"\"},"
                                + "\"cloudWatchConfig\":{\"logGroupName\":\"/bedrock/invocations\"},"
                                + "\"textDataDeliveryEnabled\":true,\"imageDataDeliveryEnabled\":false,\"embeddingDataDeliveryEnabled\":true}}"),
                event("s3.amazonaws.com", "PutObject", "{\"bucketName\":\"bedrock-logs\"}"),
                event("ec2.amazonaws.com", "RunInstances", "{}")) + "]}";

        List<AuditEvent> events = new ArrayList<>();
        Counts counts = new CloudTrailReader().read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), events::add);

        assertThat(counts).isEqualTo(new Counts(8, 1, 0));
        assertThat(events).extracting(AuditEvent::eventName).containsExactly("StopLogging", "UpdateTrail",
                "PutBucketEncryption", "PutBucketLifecycle", "PutRetentionPolicy", "PutModelInvocationLoggingConfiguration");
        assertThat(events).filteredOn(AuditEvent::aboutBedrock).extracting(AuditEvent::eventName)
                .containsExactly("PutModelInvocationLoggingConfiguration");
        assertThat(events.get(0).details()).isEqualTo(Map.of("trail", "main"));
        assertThat(events.get(1).details()).isEqualTo(Map.of("trail", "main", "trailBucket", "org-trail",
                "logFileValidation", "true", "trailLogGroup", "CloudTrail/main"));
        assertThat(events.get(2).details()).isEqualTo(Map.of("bucket", "bedrock-logs", "sseAlgorithm", "aws:kms",
                "kmsKeyId", "alias/logs"));
        assertThat(events.get(3).details()).as("shortest enabled expiration")
                .isEqualTo(Map.of("bucket", "bedrock-logs", "lifecycleRules", "3", "expirationDays", "365"));
        assertThat(events.get(4).details()).isEqualTo(Map.of("logGroup", "/bedrock/invocations", "retentionDays", "90"));
        assertThat(events.get(5).details()).isEqualTo(Map.of("destinationBucket", "bedrock-logs",
                "destinationLogGroup", "/bedrock/invocations", "dataTypes", "text,embedding"));
        assertThat(events.get(5).loggingDeliveryEnabled()).isTrue();
        for (AuditEvent event : events) {
            assertThat(RollupCodec.decodeAudit(Json.MAPPER.readTree(RollupCodec.encode(event)))).as("kept in rollups").isEqualTo(event);
        }
    }
}
