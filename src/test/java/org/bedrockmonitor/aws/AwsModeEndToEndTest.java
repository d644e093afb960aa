package org.bedrockmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.apache.camel.CamelContext;
import org.bedrockmonitor.aggregate.RunTotals;
import org.bedrockmonitor.aggregate.SummaryJson;
import org.bedrockmonitor.cli.Analysis;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.config.MonitorRuntime;
import org.bedrockmonitor.metrics.MetricCatalog;
import org.bedrockmonitor.metrics.MetricsDrops;
import org.bedrockmonitor.parse.Conformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aws profile against ElasticMQ, S3Proxy and WireMock-as-CloudWatch: real notification shapes in,
 * rollups, rejected records and decoded PutMetricData requests out, with exact counts under faults.
 */
class AwsModeEndToEndTest {

    static final String LOGS = "logs";
    static AwsTestServers servers;
    static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    Path temp;
    String queue;
    String reports;
    final List<MonitorRuntime> runtimes = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        servers = new AwsTestServers();
        servers.createBucket(LOGS);
    }

    @AfterAll
    static void stopServers() throws Exception {
        servers.close();
    }

    @BeforeEach
    void freshQueueAndBucket(TestInfo test) {
        int n = SEQ.incrementAndGet();
        queue = "notifications-" + n;
        reports = "reports-" + n;
        servers.createQueueWithDeadLetterQueue(queue, 2);
        servers.createBucket(reports);
        servers.cloudWatch.resetAll();
        servers.cloudWatch.stubFor(WireMock.post(AwsTestServers.PUT_METRIC_DATA).willReturn(WireMock.ok()));
    }

    @AfterEach
    void stopRuntimes() {
        runtimes.forEach(MonitorRuntime::close);
    }

    CamelContext startService(Map<String, String> extra) throws Exception {
        Map<String, String> properties = servers.serviceProperties(queue, reports, temp.resolve("state"));
        properties.put("monitor.detect.scheduled", "false");
        properties.putAll(extra);
        MonitorRuntime runtime = new MonitorRuntime("aws", properties);
        runtimes.add(runtime);
        return runtime.start();
    }

    static RunTotals.Snapshot totals(CamelContext camel) {
        return camel.getRegistry().lookupByNameAndType("runTotals", RunTotals.class).snapshot();
    }

    /** Sum of one metric's values x counts over every accepted request, for the given dimension names. */
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

    /** Cost sums depend on the order objects were added (floating point); compared with a tolerance. */
    static JsonNode withoutCost(JsonNode stats) {
        ObjectNode copy = stats.deepCopy();
        copy.remove("costUsd");
        return copy;
    }

    static final Set<String> ENV = Set.of(MetricCatalog.ENVIRONMENT);

    /** Rollup files are per object and hour of its records: how many objects wrote the files listed. */
    static long objects(List<String> rollupKeys) {
        return rollupKeys.stream().map(key -> key.substring(key.lastIndexOf('/') + 1)).distinct().count();
    }

    @Test
    void notificationsOfEveryShapeGiveTheRollupsMetricsAndCountsOfAnalyze() throws Exception {
        byte[] variants = Files.readAllBytes(Conformance.file("written/invocation-log-variants.log"));
        String gzLines = InvocationLogs.lines("gz", 300, 1);
        byte[] gz = InvocationLogs.gzip(gzLines);
        byte[] multi = InvocationLogs.multiMemberGzip(InvocationLogs.lines("m1", 120, 2), InvocationLogs.lines("m2", 80, 3));
        String k1 = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2025/03/10/10/variants test.log";
        String k2 = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2025/03/10/10/gen=1.json.gz";
        String k3 = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2025/03/10/11/multi.json.gz";
        String e1 = servers.upload(LOGS, k1, variants);
        String e2 = servers.upload(LOGS, k2, gz);
        String e3 = servers.upload(LOGS, k3, multi);
        Path files = temp.resolve("files");
        Files.createDirectories(files);
        Files.write(files.resolve("variants.log"), variants);
        Files.write(files.resolve("gen.json.gz"), gz);
        Files.write(files.resolve("multi.json.gz"), multi);
        ObjectNode expected = new Analysis(List.of(files), temp.resolve("analyze"), null,
                new PrintWriter(new StringWriter())).run().summary();

        CamelContext camel = startService(Map.of());
        servers.send(queue, "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"logs\"}");
        servers.send(queue, InvocationLogs.s3Event(LOGS, k1, e1, k2, e2));
        servers.send(queue, InvocationLogs.snsEnvelope(InvocationLogs.eventBridge(LOGS, k3, e3)).replace("aws.s3", "aws.s3"));
        servers.send(queue, "{\"Records\":[{\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"bucket\":{\"name\":\"logs\"},\"object\":{\"key\":\"x\"}}}]}");

        await().atMost(Duration.ofSeconds(30)).until(() -> totals(camel).objects() == 3 && servers.messagesIn(queue) == 0);
        ObjectNode actual = SummaryJson.of(totals(camel), List.of());
        assertThat(actual.path("records")).isEqualTo(expected.path("records"));
        assertThat(withoutCost(actual.path("totals"))).isEqualTo(withoutCost(expected.path("totals")));
        assertThat(actual.path("totals").path("costUsd").asDouble())
                .isCloseTo(expected.path("totals").path("costUsd").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(actual.path("byModel").size()).isEqualTo(expected.path("byModel").size());
        expected.path("byModel").fieldNames().forEachRemaining(model -> assertThat(
                withoutCost(actual.path("byModel").path(model))).isEqualTo(withoutCost(expected.path("byModel").path(model))));
        assertThat(actual.path("records").path("invocations").asLong()).isEqualTo(12 + 300 + 200);

        assertThat(objects(servers.keys(reports, "rollups/"))).isEqualTo(3);
        long rolledUp = 0;
        for (String key : servers.keys(reports, "rollups/")) {
            for (String line : servers.read(reports, key).split("\n")) {
                JsonNode node = Json.MAPPER.readTree(line);
                if (node.path("kind").asText().equals("window")) {
                    rolledUp += node.path("stats").path("invocations").asLong();
                }
            }
        }
        assertThat(rolledUp).isEqualTo(512);
        assertThat(servers.keys(reports, "state/ledger/")).hasSize(3)
                .allSatisfy(key -> assertThat(servers.read(reports, key)).contains("\"state\":\"done\""));

        List<JsonNode> requests = servers.acceptedPutMetricData();
        assertThat(requests).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path("Namespace").asText()).isEqualTo("Custom/Bedrock");
            assertThat(r.path("MetricData").size()).isBetween(1, 1000);
            r.path("MetricData").forEach(d -> {
                Set<String> dimensions = new HashSet<>();
                d.path("Dimensions").forEach(dim -> dimensions.add(dim.path("Name").asText()));
                assertThat(MetricCatalog.publishes(d.path("MetricName").asText(), dimensions)).as(d.toString()).isTrue();
                assertThat(d.path("Dimensions").get(0).path("Value").asText()).isEqualTo("test");
            });
        });
        assertThat(metricSum("Invocations", ENV)).isEqualTo(512);
        assertThat(metricSum("Invocations", Set.of(MetricCatalog.ENVIRONMENT, MetricCatalog.MODEL_ID))).isEqualTo(512);
        assertThat(metricSum("Invocations", Set.of(MetricCatalog.ENVIRONMENT, MetricCatalog.PRINCIPAL))).isEqualTo(512);
        assertThat(metricSum("InputTokens", ENV)).isEqualTo(expected.path("totals").path("inputTokens").asDouble());
        assertThat(metricSum("OutputTokens", ENV)).isEqualTo(expected.path("totals").path("outputTokens").asDouble());
        assertThat(metricSum("EstimatedCostUsd", ENV)).isCloseTo(expected.path("totals").path("costUsd").asDouble(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(metricSum("LogObjectsProcessed", ENV)).isEqualTo(3);
        // every generated record has a latency; the variants file's records with one are in analyze's histogram
        assertThat(metricSum("LatencyMs", ENV) / 1).isPositive();
    }

    String uploadGenerated(String name, int records, long seed) {
        String key = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2025/03/10/10/" + name + ".json.gz";
        return key + "\n" + servers.upload(LOGS, key, InvocationLogs.gzip(InvocationLogs.lines(name, records, seed)));
    }

    static String s3EventFor(String... uploaded) {
        List<String> keysAndETags = new ArrayList<>();
        for (String u : uploaded) {
            keysAndETags.addAll(List.of(u.split("\n")));
        }
        return InvocationLogs.s3Event(LOGS, keysAndETags.toArray(String[]::new));
    }

    static String formEncoded(String key) {
        return java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /**
     * Sources disagree on whether EventBridge URL-encodes keys, so a key S3 does not know is read once more in
     * its other form: an encoded name of a plain key is decoded, a plain name of a key that is literally
     * encoded is encoded. An object deleted before it is read is acknowledged, counted (summary and the
     * ObjectsMissing metric) and logged at WARN, never dead-lettered.
     */
    @Test
    void aKeyInEitherEncodingIsReadAndAnObjectReallyGoneIsCountedMissing() throws Exception {
        String folder = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2025/03/10/10/";
        String plainKey = folder + "corrupt upload (1) " + queue + ".json.gz";
        String plainTag = servers.upload(LOGS, plainKey, InvocationLogs.gzip(InvocationLogs.lines("plain-" + queue, 40, 81)));
        String literalKey = folder + "literal+%28" + queue + "%29.json.gz";
        String literalTag = servers.upload(LOGS, literalKey, InvocationLogs.gzip(InvocationLogs.lines("literal-" + queue, 50, 82)));
        String present = uploadGenerated("present-" + queue, 30, 71);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        CamelContext camel = startService(Map.of());

        try {
            servers.send(queue, InvocationLogs.eventBridge(LOGS, formEncoded(plainKey), plainTag));
            servers.send(queue, InvocationLogs.eventBridge(LOGS, java.net.URLDecoder.decode(literalKey, StandardCharsets.UTF_8), literalTag));
            servers.send(queue, InvocationLogs.s3Event(LOGS, folder + "gone " + queue + ".json.gz", "0123"));
            servers.send(queue, s3EventFor(present));

            await().atMost(Duration.ofSeconds(30)).until(() -> servers.messagesIn(queue) == 0 && totals(camel).objects() == 4
                    && metricSum(MetricCatalog.OBJECTS_MISSING, ENV) == 1);
        } finally {
            root.detachAppender(log);
        }
        RunTotals.Snapshot totals = totals(camel);
        assertThat(totals.invocations()).isEqualTo(40 + 50 + 30);
        assertThat(totals.missingObjects()).isEqualTo(1);
        assertThat(totals.failedObjects()).isEmpty();
        assertThat(SummaryJson.of(totals, List.of()).path("objects").path("missing").asLong()).isEqualTo(1);
        assertThat(servers.messagesIn(queue + "-dlq")).isZero();
        assertThat(metricSum(MetricCatalog.OBJECTS_MISSING, ENV)).isEqualTo(1);
        assertThat(metricSum("LogObjectsProcessed", ENV)).isEqualTo(3);
        List<String> sources = new ArrayList<>();
        for (String key : servers.keys(reports, "rollups/")) {
            sources.add(Json.MAPPER.readTree(servers.read(reports, key).split("\n")[0]).path("source").asText());
        }
        assertThat(sources).as("each object is named by the key it was read under")
                .contains("s3://" + LOGS + "/" + plainKey, "s3://" + LOGS + "/" + literalKey);
        assertThat(log.list).filteredOn(event -> event.getLevel() == ch.qos.logback.classic.Level.WARN)
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anySatisfy(message -> assertThat(message).contains("gone " + queue + ".json.gz does not exist (tried key "
                        + folder + "gone " + queue + ".json.gz and " + formEncoded(folder + "gone " + queue + ".json.gz") + ")"));
    }

    @Test
    void theSameNotificationDeliveredThreeTimesIsCountedOnce() throws Exception {
        String object = uploadGenerated("dup-" + queue, 250, 11);
        CamelContext camel = startService(Map.of());

        servers.send(queue, s3EventFor(object));
        servers.send(queue, s3EventFor(object));
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.messagesIn(queue) == 0 && totals(camel).objects() >= 1);
        servers.send(queue, InvocationLogs.snsEnvelope(s3EventFor(object)));
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.messagesIn(queue) == 0);

        assertThat(totals(camel).objects()).isEqualTo(1);
        assertThat(totals(camel).invocations()).isEqualTo(250);
        assertThat(metricSum("Invocations", ENV)).isEqualTo(250);
        assertThat(objects(servers.keys(reports, "rollups/"))).isEqualTo(1);
    }

    @Test
    void aCorruptAndANonLogObjectAreDeadLetteredWhileTheOthersOfTheMessageCompleteOnce() throws Exception {
        String good1 = uploadGenerated("good1-" + queue, 100, 21);
        String good2 = uploadGenerated("good2-" + queue, 150, 22);
        byte[] corrupt = InvocationLogs.gzip(InvocationLogs.lines("bad", 50, 23));
        corrupt = java.util.Arrays.copyOf(corrupt, corrupt.length / 2);
        String corruptKey = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2025/03/10/10/corrupt-" + queue + ".json.gz";
        String corruptObject = corruptKey + "\n" + servers.upload(LOGS, corruptKey, corrupt);
        String otherKey = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2025/03/10/10/other-" + queue + ".json";
        String other = otherKey + "\n" + servers.upload(LOGS, otherKey, "{\"hello\":\"world\"}\n".getBytes(StandardCharsets.UTF_8));
        CamelContext camel = startService(Map.of());

        servers.send(queue, s3EventFor(good1, corruptObject, other, good2));

        await().atMost(Duration.ofSeconds(40)).until(() -> servers.messagesIn(queue + "-dlq") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> servers.messagesIn(queue) == 0);
        assertThat(totals(camel).invocations()).isEqualTo(250);
        assertThat(metricSum("Invocations", ENV)).isEqualTo(250);
        assertThat(objects(servers.keys(reports, "rollups/"))).isEqualTo(2);
        List<String> rejected = servers.keys(reports, "rejected/").stream().map(k -> servers.read(reports, k)).toList();
        assertThat(String.join("\n", rejected)).contains("corrupt-" + queue).contains("other-" + queue)
                .contains("not a Bedrock invocation log");
        String dead = servers.sqs.receiveMessage(b -> b.queueUrl(servers.queueUrl(queue + "-dlq"))).messages().get(0).body();
        assertThat(dead).contains("corrupt-" + queue);
    }

    @Test
    void cloudWatchFailingForAWhileIsRetriedAndNothingIsDropped() throws Exception {
        servers.cloudWatch.resetAll();
        String scenario = "cloudwatch-outage";
        servers.cloudWatch.stubFor(WireMock.post(AwsTestServers.PUT_METRIC_DATA).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(WireMock.serverError()).willSetStateTo("failed-1"));
        for (int i = 1; i < 6; i++) {
            servers.cloudWatch.stubFor(WireMock.post(AwsTestServers.PUT_METRIC_DATA).inScenario(scenario)
                    .whenScenarioStateIs("failed-" + i)
                    .willReturn(i % 2 == 0 ? WireMock.serverError() : WireMock.status(503))
                    .willSetStateTo(i == 5 ? "recovered" : "failed-" + (i + 1)));
        }
        servers.cloudWatch.stubFor(WireMock.post(AwsTestServers.PUT_METRIC_DATA).inScenario(scenario)
                .whenScenarioStateIs("recovered").willReturn(WireMock.ok()));
        String object = uploadGenerated("cw-" + queue, 200, 31);
        CamelContext camel = startService(Map.of());

        servers.send(queue, s3EventFor(object));

        await().atMost(Duration.ofSeconds(40)).until(() -> servers.messagesIn(queue) == 0 && metricSum("Invocations", ENV) == 200);
        long failures = servers.cloudWatch.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() >= 500).count();
        assertThat(failures).isEqualTo(6);
        assertThat(camel.getRegistry().lookupByNameAndType("metricsDrops", MetricsDrops.class).total()).isZero();
        assertThat(metricSum("LogObjectsProcessed", ENV)).isEqualTo(1);
    }

    @Test
    void metricsStillFailingAfterEveryRetryAreCountedAsDroppedAndReported() throws Exception {
        servers.cloudWatch.resetAll();
        servers.cloudWatch.stubFor(WireMock.post(AwsTestServers.PUT_METRIC_DATA).willReturn(WireMock.serverError()));
        String first = uploadGenerated("drop1-" + queue, 40, 41);
        String second = uploadGenerated("drop2-" + queue, 60, 42);
        CamelContext camel = startService(Map.of("monitor.metrics.retries", "1"));
        MetricsDrops drops = camel.getRegistry().lookupByNameAndType("metricsDrops", MetricsDrops.class);

        servers.send(queue, s3EventFor(first));
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.messagesIn(queue) == 0 && drops.total() > 0);
        long dropped = drops.total();
        servers.cloudWatch.resetAll();
        servers.cloudWatch.stubFor(WireMock.post(AwsTestServers.PUT_METRIC_DATA).willReturn(WireMock.ok()));
        servers.send(queue, s3EventFor(second));
        await().atMost(Duration.ofSeconds(30)).until(() -> metricSum("Invocations", ENV) == 60);

        assertThat(totals(camel).invocations()).isEqualTo(100);
        assertThat(metricSum("MetricPointsDropped", ENV)).isEqualTo(dropped);
    }

    @Test
    void aServiceStoppedHardMidObjectAndRestartedCountsEveryRecordExactlyOnce() throws Exception {
        String object = uploadGenerated("crash-" + queue, 400, 51);
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        CamelContext first = startService(Map.of("camel.main.shutdown-timeout", "1"));
        first.getManagementStrategy().addEventNotifier(new StuckAfterRollup(stuck));

        servers.send(queue, s3EventFor(object));
        assertThat(stuck.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        runtimes.remove(0).close();
        CamelContext second = startService(Map.of());

        await().atMost(Duration.ofSeconds(40)).until(() -> servers.messagesIn(queue) == 0 && totals(second).objects() == 1);
        assertThat(totals(second).invocations()).isEqualTo(400);
        assertThat(metricSum("Invocations", ENV)).isEqualTo(400);
        assertThat(objects(servers.keys(reports, "rollups/"))).isEqualTo(1);
        assertThat(servers.messagesIn(queue + "-dlq")).isZero();
    }

    @Test
    void stoppingTheServiceWhileAnObjectIsInFlightLetsItFinishAndAcknowledges() throws Exception {
        String object = uploadGenerated("drain-" + queue, 300, 61);
        java.util.concurrent.CountDownLatch inFlight = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        CamelContext camel = startService(Map.of("camel.main.shutdown-timeout", "30"));
        camel.getManagementStrategy().addEventNotifier(new HeldAfterRollup(inFlight, release));
        RunTotals totals = camel.getRegistry().lookupByNameAndType("runTotals", RunTotals.class);
        servers.send(queue, s3EventFor(object));
        assertThat(inFlight.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        MonitorRuntime runtime = runtimes.remove(0);
        Thread stopper = new Thread(runtime::close);
        stopper.start();
        await().atMost(Duration.ofSeconds(10)).until(camel::isStopping);
        release.countDown();
        stopper.join(Duration.ofSeconds(40).toMillis());

        assertThat(stopper.isAlive()).isFalse();
        assertThat(servers.messagesIn(queue)).isZero();
        assertThat(totals.snapshot().invocations()).isEqualTo(300);
        assertThat(metricSum("Invocations", ENV)).isEqualTo(300);
        assertThat(servers.keys(reports, "state/ledger/")).singleElement()
                .satisfies(key -> assertThat(servers.read(reports, key)).contains("\"state\":\"done\""));
    }

    /** Holds the object between its rollup and its acknowledgement until the test releases it. */
    static final class HeldAfterRollup extends org.apache.camel.support.EventNotifierSupport {
        private final java.util.concurrent.CountDownLatch inFlight;
        private final java.util.concurrent.CountDownLatch release;

        HeldAfterRollup(java.util.concurrent.CountDownLatch inFlight, java.util.concurrent.CountDownLatch release) {
            this.inFlight = inFlight;
            this.release = release;
            setIgnoreExchangeSendingEvents(false);
        }

        @Override
        public boolean isEnabled(org.apache.camel.spi.CamelEvent event) {
            return event instanceof org.apache.camel.spi.CamelEvent.ExchangeSendingEvent sending
                    && sending.getEndpoint().getEndpointUri().startsWith("direct://object-committed");
        }

        @Override
        public void notify(org.apache.camel.spi.CamelEvent event) throws Exception {
            inFlight.countDown();
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * Simulates a process dying in the middle of an object: it holds the object's claim and has fetched
     * it, nothing is committed, and the thread never returns.
     */
    static final class StuckAfterRollup extends org.apache.camel.support.EventNotifierSupport {
        private final java.util.concurrent.CountDownLatch stuck;

        StuckAfterRollup(java.util.concurrent.CountDownLatch stuck) {
            this.stuck = stuck;
            setIgnoreExchangeSendingEvents(false);
        }

        @Override
        public boolean isEnabled(org.apache.camel.spi.CamelEvent event) {
            return event instanceof org.apache.camel.spi.CamelEvent.ExchangeSendingEvent sending
                    && sending.getEndpoint().getEndpointUri().startsWith("direct://log-object");
        }

        @Override
        public void notify(org.apache.camel.spi.CamelEvent event) throws Exception {
            stuck.countDown();
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }
}
