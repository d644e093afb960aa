package org.bedrockmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.bedrockmonitor.cli.MonitorProcess;
import org.bedrockmonitor.metrics.MetricCatalog;
import org.bedrockmonitor.parse.Conformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment's variables (AWS_REGION, ENVIRONMENT, SNS_TOPIC_ARN, REPORT_BUCKET, SENDER_EMAIL,
 * TECH_TEAM_EMAILS, ENABLE_DEBUG_LOGGING) set in the environment of a real service process, as the ECS
 * task sets them, and what each changes on the wire or on disk.
 */
class SeedVariablesTest {

    @TempDir
    Path work;

    static final String REGION = "eu-west-3";
    static final String TOPIC = "arn:aws:sns:eu-west-3:111122223333:seed-alerts";
    static final String PUBLISHED = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
            + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>";

    /**
     * aws profile against ElasticMQ, S3Proxy and WireMock (CloudWatch and SNS): an invocation log and a
     * CloudTrail file whose logging-configuration deletion raises a critical alert.
     */
    @Test
    void regionEnvironmentTopicBucketAndDebugLoggingReachWhatTheyName() throws Exception {
        try (AwsTestServers servers = new AwsTestServers()) {
            servers.cloudWatch.stubFor(WireMock.post(AwsTestServers.PUT_METRIC_DATA).willReturn(WireMock.ok()));
            servers.cloudWatch.stubFor(WireMock.post(WireMock.urlEqualTo("/")).withRequestBody(WireMock.containing("Action=Publish"))
                    .willReturn(WireMock.aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISHED)));
            servers.createQueueWithDeadLetterQueue("seed-queue", 3);
            servers.createBucket("logs");
            servers.createBucket("seed-reports");
            String logKey = "AWSLogs/111122223333/BedrockModelInvocationLogs/eu-west-3/2024/05/14/09/variants.json";
            String trailKey = "AWSLogs/111122223333/CloudTrail/eu-west-3/2025/03/26/trail.json";
            String logTag = servers.upload("logs", logKey, Files.readAllBytes(Conformance.file("written/invocation-log-variants.log")));
            String trailTag = servers.upload("logs", trailKey, Files.readAllBytes(Conformance.file(
                    "stratus-red-team/aws.defense-evasion.bedrock-model-invocation-logging-delete.json")));
            Map<String, String> environment = new HashMap<>(Map.of(
                    "MONITOR_PROFILE", "aws",
                    "AWS_REGION", REGION,
                    "ENVIRONMENT", "seedtest",
                    "SNS_TOPIC_ARN", TOPIC,
                    "REPORT_BUCKET", "seed-reports",
                    "ENABLE_DEBUG_LOGGING", "true",
                    "SQS_QUEUE_NAME", "seed-queue",
                    "HEALTH_PORT", String.valueOf(freePort())));
            environment.putAll(Map.of(
                    "AWS_ENDPOINT_URL_SQS", servers.sqsUrl(),
                    "AWS_ENDPOINT_URL_S3", servers.s3Url(),
                    "AWS_ENDPOINT_URL_CLOUDWATCH", servers.cloudWatchUrl(),
                    "AWS_ENDPOINT_URL_SNS", servers.cloudWatchUrl(),
                    "AWS_ACCESS_KEY_ID", AwsTestServers.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", AwsTestServers.SECRET_KEY,
                    "MONITOR_AWS_S3_FORCE_PATH_STYLE", "true",
                    "MONITOR_AWS_SQS_WAIT_TIME_SECONDS", "1",
                    // the samples are from 2024 and 2025: alerts about them would be a backfill, which does not page
                    "MONITOR_ALERT_NOTIFY_MAX_AGE_HOURS", "100000",
                    "MONITOR_DETECT_PERIOD_MS", "1000"));

            Process service = MonitorProcess.start(work, environment);
            try {
                servers.send("seed-queue", "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"logs\"}");
                servers.send("seed-queue", InvocationLogs.s3Event("logs", logKey, logTag, trailKey, trailTag));
                await().atMost(Duration.ofSeconds(60)).until(() -> servers.messagesIn("seed-queue") == 0
                        && objectsIn(servers.keys("seed-reports", "rollups/")) == 2 && !requests(servers, "Action=Publish").isEmpty()
                        && !servers.acceptedPutMetricData().isEmpty());
            } finally {
                service.destroy();
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }

            // REPORT_BUCKET: the rollups of both objects are in that bucket
            assertThat(objectsIn(servers.keys("seed-reports", "rollups/"))).isEqualTo(2);
            // SNS_TOPIC_ARN: the critical alert was published to that topic
            assertThat(requests(servers, "Action=Publish")).isNotEmpty().allSatisfy(publish ->
                    assertThat(form(publish.getRequest().getBodyAsString()).get("TopicArn")).isEqualTo(TOPIC));
            assertThat(form(requests(servers, "Action=Publish").get(0).getRequest().getBodyAsString()).get("Subject"))
                    .contains("LOGGING_DISABLED");
            // ENVIRONMENT: the Environment dimension of every metric
            List<JsonNode> metrics = servers.acceptedPutMetricData();
            assertThat(metrics).allSatisfy(request -> request.path("MetricData").forEach(datum -> {
                JsonNode first = datum.path("Dimensions").get(0);
                assertThat(first.path("Name").asText()).isEqualTo(MetricCatalog.ENVIRONMENT);
                assertThat(first.path("Value").asText()).isEqualTo("seedtest");
            }));
            // AWS_REGION: every request to CloudWatch and SNS is signed for that region
            assertThat(servers.cloudWatch.getAllServeEvents()).isNotEmpty().allSatisfy(event ->
                    assertThat(event.getRequest().getHeader("Authorization")).containsPattern("/" + REGION + "/(monitoring|sns)/aws4_request"));
            // ENABLE_DEBUG_LOGGING: the service's DEBUG lines (here: the test event acknowledged unread)
            assertThat(MonitorProcess.read(work, "stdout")).containsPattern(" DEBUG .*s3:TestEvent");
            assertThat(service.exitValue()).as(MonitorProcess.read(work, "stderr")).isZero();
        }
    }

    /** Rollup files are per object and hour: how many objects wrote the files listed. */
    static long objectsIn(List<String> rollupKeys) {
        return rollupKeys.stream().map(key -> key.substring(key.lastIndexOf('/') + 1)).distinct().count();
    }

    /** local profile: the technical report, scheduled every second, is mailed from SENDER_EMAIL to TECH_TEAM_EMAILS. */
    @Test
    void senderAndTechTeamAddressesAreTheReportMailsFromAndTo() throws Exception {
        Map<String, String> environment = Map.of(
                "SENDER_EMAIL", "monitor@reports.example.org",
                "TECH_TEAM_EMAILS", "oncall@example.org,platform-lead@example.org",
                "MONITOR_REPORT_TECHNICAL_CRON", "* * * * * ?",
                "HEALTH_PORT", String.valueOf(freePort()));

        Process service = MonitorProcess.start(work, environment);
        Path outbox = work.resolve("out/outbox/technical");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> mails(outbox).findAny().isPresent());
        } finally {
            service.destroy();
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        String mail = Files.readString(mails(outbox).findFirst().orElseThrow());
        assertThat(mail).containsPattern("(?m)^From: monitor@reports\\.example\\.org\\r?$")
                .containsPattern("(?m)^To: oncall@example\\.org, ?platform-lead@example\\.org\\r?$");
    }

    static Stream<Path> mails(Path outbox) throws IOException {
        return Files.isDirectory(outbox) ? Files.list(outbox).filter(file -> file.toString().endsWith(".eml")).toList().stream()
                : Stream.empty();
    }

    /** aws profile without SNS_TOPIC_ARN: one sentence naming it, exit 2, before any AWS call. */
    @Test
    void theAwsProfileWithoutSnsTopicArnIsOneSentenceAndExitTwo() throws Exception {
        MonitorProcess.Result run = MonitorProcess.run(work, Map.of("MONITOR_PROFILE", "aws", "HEALTH_PORT", String.valueOf(freePort())),
                Duration.ofSeconds(60));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("bedrock-monitor: SNS_TOPIC_ARN is not set: the aws profile publishes alerts "
                + "to that SNS topic (monitor.aws.sns-topic-arn, e.g. arn:aws:sns:us-east-1:123456789012:bedrock-alerts)");
        MonitorProcess.Result notAnArn = MonitorProcess.run(work, Map.of("MONITOR_PROFILE", "aws", "SNS_TOPIC_ARN", "bedrock-alerts",
                "HEALTH_PORT", String.valueOf(freePort())), Duration.ofSeconds(60));
        assertThat(notAnArn.exit()).isEqualTo(2);
        assertThat(notAnArn.err().strip()).startsWith("bedrock-monitor: SNS_TOPIC_ARN bedrock-alerts is not an SNS topic ARN");
    }

    static List<ServeEvent> requests(AwsTestServers servers, String bodyPart) {
        return servers.cloudWatch.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getBodyAsString().contains(bodyPart)).toList();
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
