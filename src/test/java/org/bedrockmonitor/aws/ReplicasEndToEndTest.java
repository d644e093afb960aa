package org.bedrockmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertNotification;
import org.bedrockmonitor.alerts.AlertTypes;
import org.bedrockmonitor.cli.Analysis;
import org.bedrockmonitor.cli.MonitorProcess;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.corpus.IncidentCorpus;
import org.bedrockmonitor.metrics.MetricCatalog;
import org.bedrockmonitor.report.SesEmulator;
import org.bedrockmonitor.store.S3StateStore;
import org.bedrockmonitor.windows.WindowStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as it runs in AWS: three replicas, each its own JVM, on one SQS queue, sharing the report
 * bucket. Notifications arrive out of order, twice, and in every envelope (S3, SNS, EventBridge); one
 * replica is killed with SIGKILL while it reads an object, then started again. Every record counts once
 * in the rollups and in CloudWatch, every alert reaches SNS once, and the technical report is mailed once.
 * {@code -Dreplicas.runs=10} repeats the scenario (on demand; CI runs it once).
 */
class ReplicasEndToEndTest {

    static final String LOGS = "logs";
    static final String PREFIX = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2026/11/24/";
    static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:replica-alerts";
    static final String PUBLISHED = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
            + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>";

    static AwsTestServers servers;
    static SesEmulator ses;
    static List<IncidentCorpus.Object> corpus;
    static byte[] victim;
    static long records;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        servers = new AwsTestServers();
        ses = SesEmulator.start();
        servers.createBucket(LOGS);
        corpus = IncidentCorpus.objects();
        victim = IncidentCorpus.quietDayBefore(60_000);
        records = corpus.stream().mapToLong(IncidentCorpus.Object::records).sum() + 60_000;
    }

    @AfterAll
    static void stop() throws Exception {
        ses.close();
        servers.close();
    }

    @Test
    void threeReplicasWithOneKilledMidObjectCountEveryRecordAndSendEveryAlertAndReportOnce() throws Exception {
        int runs = Integer.getInteger("replicas.runs", 1);
        for (int run = 1; run <= runs; run++) {
            scenario(run);
        }
    }

    void scenario(int run) throws Exception {
        String queue = "replicas-" + run;
        String reports = "replica-reports-" + run;
        servers.createQueueWithDeadLetterQueue(queue, 5);
        servers.createBucket(reports);
        servers.cloudWatch.resetAll();
        servers.cloudWatch.stubFor(WireMock.post(AwsTestServers.PUT_METRIC_DATA).willReturn(WireMock.ok()));
        servers.cloudWatch.stubFor(WireMock.post(WireMock.urlEqualTo("/")).withRequestBody(WireMock.containing("Action=Publish"))
                .willReturn(WireMock.aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISHED)));
        int mailsBefore = technicalMails();

        List<String> notifications = new ArrayList<>();
        Random random = new Random(run);
        for (IncidentCorpus.Object object : corpus) {
            String key = PREFIX + object.name();
            String eTag = servers.upload(LOGS, key, object.gzip());
            String s3 = InvocationLogs.s3Event(LOGS, key, eTag);
            notifications.add(switch (random.nextInt(3)) {
                case 0 -> s3;
                case 1 -> InvocationLogs.snsEnvelope(s3);
                default -> InvocationLogs.eventBridge(LOGS, key, eTag);
            });
            if (random.nextInt(4) == 0) {
                notifications.add(s3);
            }
        }
        Collections.shuffle(notifications, random);
        String victimKey = PREFIX.replace("/24/", "/23/") + "quiet-day.json.gz";
        String victimTag = servers.upload(LOGS, victimKey, victim);

        Path dir = Files.createDirectories(work.resolve("run-" + run));
        List<Process> replicas = new ArrayList<>();
        try {
            // the first replica alone gets the big object, and dies while it reads it
            // without the report schedule: killed after SES accepted a mail and before the claim is done, it
            // would make the one duplicate the design allows (README, Running several replicas)
            Process doomed = replica(dir.resolve("a"), queue, reports, Map.of("MONITOR_REPORT_SCHEDULES", "false"));
            replicas.add(doomed);
            servers.send(queue, InvocationLogs.s3Event(LOGS, victimKey, victimTag));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> ledgerValues(reports).anyMatch(value -> value.contains("in-progress")));
            doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            replicas.remove(doomed);
            assertThat(ledgerValues(reports)).as("killed before it committed the object")
                    .allSatisfy(value -> assertThat(value).contains("in-progress"));

            replicas.add(replica(dir.resolve("b"), queue, reports, Map.of()));
            replicas.add(replica(dir.resolve("c"), queue, reports, Map.of()));
            replicas.add(replica(dir.resolve("a-again"), queue, reports, Map.of()));
            notifications.forEach(body -> servers.send(queue, body));

            S3StateStore store = new S3StateStore(() -> servers.s3, reports, "");
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                    .conditionEvaluationListener(condition -> System.out.printf("waiting %ds: queue %d, done %d, pending %d, outbox %d, mails %d%n",
                            condition.getElapsedTimeInMS() / 1000, servers.messagesIn(queue), doneObjects(reports),
                            new WindowStore(store, 300, 0).pending().size(), store.list("state/alerts/outbox/").size(),
                            uncheckedMails() - mailsBefore))
                    .until(() -> servers.messagesIn(queue) == 0 && doneObjects(reports) == corpus.size() + 1
                            && new WindowStore(store, 300, 0).pending().isEmpty() && store.list("state/alerts/outbox/").isEmpty()
                            && technicalMails() > mailsBefore);
        } finally {
            for (Process replica : replicas) {
                replica.destroy();
            }
            copyLogs(dir);
            for (Process replica : replicas) {
                assertThat(replica.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }

        // every record once: in the rollups and in CloudWatch
        S3StateStore store = new S3StateStore(() -> servers.s3, reports, "");
        WindowStore windows = new WindowStore(store, 300, 0);
        long rolledUp = windows.read(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")).windows()
                .stream().mapToLong(row -> row.stats().invocations).sum();
        assertThat(rolledUp).isEqualTo(records);
        assertThat(metricSum(MetricCatalog.INVOCATIONS, Set.of(MetricCatalog.ENVIRONMENT))).isEqualTo(records);
        assertThat(metricSum(MetricCatalog.LOG_OBJECTS_PROCESSED, Set.of(MetricCatalog.ENVIRONMENT))).isEqualTo(corpus.size() + 1);
        assertThat(servers.messagesIn(queue + "-dlq")).isZero();

        // every alert of the final judgement once on SNS, none twice, and the planted incidents among them
        List<AlertJournal.Entry> journal = new AlertJournal(store).all();
        Set<String> logged = journal.stream().filter(AlertJournal.Entry::published)
                .map(entry -> entry.alert().id() + "|" + entry.status()).collect(Collectors.toSet());
        List<String> published = publishedAlerts();
        assertThat(published).as("no alert published twice").doesNotHaveDuplicates();
        assertThat(published).containsAll(logged);
        assertThat(journal).anyMatch(e -> e.alert().type().equals(AlertTypes.HIGH_ERROR_RATE)
                && IncidentCorpus.SMALL_MODEL.equals(e.alert().model()));
        assertThat(journal).anyMatch(e -> e.alert().type().equals(AlertTypes.TOKEN_USAGE_SPIKE)
                && IncidentCorpus.SURGING.equals(e.alert().principal()));
        assertThat(journal).filteredOn(e -> e.alert().type().equals(AlertTypes.COST_BUDGET)).hasSize(2);
        assertThat(alerts(journal)).as("the same alerts as analyze on the same files").isEqualTo(alerts(analyze(run)));

        // the technical report of yesterday: one mail, however many replicas ran its schedule
        assertThat(technicalMails() - mailsBefore).as("technical mails; the emulator holds %s", mailDigest()).isEqualTo(1);
        assertThat(servers.keys(reports, "reports/technical/")).hasSize(2);
    }

    /** The firing alerts by id, type, subject and window. */
    static Set<String> alerts(List<AlertJournal.Entry> journal) {
        return journal.stream().filter(e -> e.status() == AlertNotification.Status.FIRING)
                .map(e -> String.join("|", e.alert().id(), e.alert().type(), String.valueOf(e.alert().model()),
                        String.valueOf(e.alert().principal()), String.valueOf(e.alert().window())))
                .collect(Collectors.toSet());
    }

    static List<AlertJournal.Entry> analyze(int run) throws Exception {
        Path files = Files.createDirectories(work.resolve("analyze-input-" + run));
        for (IncidentCorpus.Object object : corpus) {
            Files.write(files.resolve(object.name()), object.gzip());
        }
        Files.write(files.resolve("quiet-day.json.gz"), victim);
        Path out = work.resolve("analyze-" + run);
        new Analysis(List.of(files), out, null, new PrintWriter(new StringWriter()), 0,
                Map.of("monitor.budget.monthly-usd", IncidentCorpus.BUDGET_USD)).run();
        return new AlertJournal(new org.bedrockmonitor.store.FolderStateStore(out)).all();
    }

    Process replica(Path dir, String queue, String reports, Map<String, String> overrides) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> environment = new HashMap<>();
        environment.putAll(Map.of(
                "MONITOR_PROFILE", "aws",
                "AWS_REGION", "us-east-1",
                "ENVIRONMENT", "replicas",
                "SNS_TOPIC_ARN", TOPIC,
                "REPORT_BUCKET", reports,
                "SQS_QUEUE_NAME", queue,
                "SENDER_EMAIL", "monitor@example.org",
                "TECH_TEAM_EMAILS", "oncall@example.org",
                "HEALTH_PORT", String.valueOf(freePort())));
        environment.putAll(Map.of(
                "AWS_ENDPOINT_URL_SQS", servers.sqsUrl(),
                "AWS_ENDPOINT_URL_S3", servers.s3Url(),
                "AWS_ENDPOINT_URL_CLOUDWATCH", servers.cloudWatchUrl(),
                "AWS_ENDPOINT_URL_SNS", servers.cloudWatchUrl(),
                "AWS_ENDPOINT_URL_SES", ses.endpoint(),
                "AWS_ACCESS_KEY_ID", AwsTestServers.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", AwsTestServers.SECRET_KEY,
                "MONITOR_AWS_S3_FORCE_PATH_STYLE", "true"));
        environment.putAll(Map.of(
                "MONITOR_AWS_SQS_WAIT_TIME_SECONDS", "1",
                "MONITOR_AWS_SQS_VISIBILITY_TIMEOUT", "5",
                "MONITOR_LEDGER_CLAIM_SECONDS", "4",
                "MONITOR_LEDGER_BUSY_RETRY_MS", "1500",
                "MONITOR_JOBS_CLAIM_SECONDS", "10",
                "MONITOR_DETECT_PERIOD_MS", "1000",
                "MONITOR_ALERT_OUTBOX_SWEEP_MS", "1000",
                // the corpus is of 2026-11: its alerts would be a backfill, which does not page
                "MONITOR_ALERT_NOTIFY_MAX_AGE_HOURS", "100000",
                "MONITOR_BUDGET_MONTHLY_USD", IncidentCorpus.BUDGET_USD));
        environment.putAll(Map.of(
                // the technical report's schedule fires every two seconds on every replica: one claim wins
                "MONITOR_REPORT_TECHNICAL_CRON", "*/2 * * * * ?",
                "MONITOR_REPORT_CATCH_UP_DELAY_MS", "600000"));
        environment.putAll(overrides);
        return MonitorProcess.start(dir, environment);
    }

    /** The replicas' output, kept where a failed run can be read after the test's folder is gone. */
    static void copyLogs(Path dir) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "replicas", dir.getFileName().toString()));
        try (var replicas = Files.list(dir)) {
            for (Path replica : replicas.filter(Files::isDirectory).toList()) {
                for (String stream : List.of(".stdout", ".stderr")) {
                    Path log = replica.resolve(stream);
                    if (Files.exists(log)) {
                        Files.copy(log, kept.resolve(replica.getFileName() + stream), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /** Objects the ledger marks done (a claim listed and then released by its replica reads as absent). */
    static long doneObjects(String reports) {
        return ledgerValues(reports).filter(value -> value.contains("\"done\"")).count();
    }

    /** The ledger's claims as read now; a key listed and then released is left out, not an error. */
    static java.util.stream.Stream<String> ledgerValues(String reports) {
        S3StateStore store = new S3StateStore(() -> servers.s3, reports, "");
        return store.list("state/ledger/").stream().map(listed -> store.get(listed.key())).flatMap(java.util.Optional::stream)
                .map(value -> new String(value.content(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Each published notification's alerts, as {@code <alert id>|<status>}. */
    static List<String> publishedAlerts() throws IOException {
        List<String> alerts = new ArrayList<>();
        for (LoggedRequest request : servers.cloudWatch.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/"))
                .withRequestBody(WireMock.containing("Action=Publish")))) {
            Map<String, String> form = org.bedrockmonitor.alerts.SnsWire.form(request.getBodyAsString());
            JsonNode message = Json.MAPPER.readTree(form.get("Message"));
            for (JsonNode alert : message.path("alerts")) {
                alerts.add(alert.path("id").asText() + "|" + message.path("status").asText());
            }
        }
        return alerts;
    }

    static int uncheckedMails() {
        try {
            return technicalMails();
        } catch (IOException e) {
            return -1;
        }
    }

    /** How many technical report mails of yesterday the SES emulator holds. */
    static int technicalMails() throws IOException {
        int mails = 0;
        for (JsonNode mail : ses.emails()) {
            if (mail.path("subject").asText().contains("technical report " + yesterday())) {
                mails++;
            }
        }
        return mails;
    }

    /** Each mail the SES emulator holds, without its body: what to read when a mail went twice. */
    static List<String> mailDigest() throws IOException {
        List<String> digest = new ArrayList<>();
        for (JsonNode mail : ses.emails()) {
            ObjectNode head = mail.deepCopy();
            head.remove(List.of("body", "attachments"));
            digest.add(head.toString());
        }
        return digest;
    }

    static double metricSum(String name, Set<String> dimensionNames) {
        double sum = 0;
        for (JsonNode request : servers.acceptedPutMetricData()) {
            for (JsonNode datum : request.path("MetricData")) {
                Set<String> dims = new HashSet<>();
                datum.path("Dimensions").forEach(d -> dims.add(d.path("Name").asText()));
                if (datum.path("MetricName").asText().equals(name) && dims.equals(dimensionNames)) {
                    for (int i = 0; i < datum.path("Values").size(); i++) {
                        sum += datum.path("Values").get(i).asDouble() * datum.path("Counts").get(i).asDouble();
                    }
                }
            }
        }
        return sum;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    }
}
