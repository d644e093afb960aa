package org.bedrockmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.ingest.ObjectKind;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.store.FolderStateStore;
import org.junit.jupiter.api.Test;

/**
 * EMF lines checked the way CloudWatch Logs reads them: every line a valid EMF document within the
 * format's limits, and the values published per metric series exactly the input points' expansion.
 */
class EmfLinesTest {

    static final String NAMESPACE = "Custom/Bedrock";
    static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(300);

    /** What CloudWatch files a value under; dimensions as keys and values in document order. */
    record Series(String name, String unit, List<String> dimensions, long timestampMillis) {
    }

    final EmfLines emf = new EmfLines(NAMESPACE);

    @Test
    void pointsSharingTimestampAndDimensionsBecomeOneLine() throws Exception {
        Map<String, String> dims = dims("Environment", "prod", "ModelId", "m1");
        List<MetricPoint> points = List.of(
                MetricPoint.sum("Invocations", "Count", dims, T0, 12),
                MetricPoint.sum("Errors", "Count", dims, T0, 1),
                MetricPoint.sum("InputTokens", "Count", dims, T0, 4_000),
                MetricPoint.sum("OutputTokens", "Count", dims, T0, 900),
                MetricPoint.sum("EstimatedCostUsd", "None", dims, T0, 0.125),
                new MetricPoint("LatencyMs", "Milliseconds", dims, T0, List.of(120.0, 300.0), List.of(3.0, 2.0)));

        String text = emf.lines(points);

        assertThat(text).endsWith("\n");
        List<JsonNode> documents = parseAndCheck(text);
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).path("_aws").path("CloudWatchMetrics").get(0).path("Metrics"))
                .extracting(m -> m.path("Name").asText())
                .containsExactly("Invocations", "Errors", "InputTokens", "OutputTokens", "EstimatedCostUsd", "LatencyMs");
        assertThat(published(documents)).isEqualTo(expected(points));
    }

    @Test
    void mixedPointsArePublishedAsExactlyTheirExpandedValues() throws Exception {
        Map<String, String> envModel = dims("Environment", "prod", "ModelId", "m1");
        Map<String, String> modelEnv = dims("ModelId", "m1", "Environment", "prod");
        Map<String, String> otherModel = dims("Environment", "prod", "ModelId", "m2");
        Map<String, String> env = dims("Environment", "prod");
        List<Double> latencies = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            latencies.add(100.0 + i * 7);
            counts.add(i % 3 == 0 ? 2.0 : 1.0);
        }
        List<MetricPoint> points = new ArrayList<>(List.of(
                MetricPoint.sum("Invocations", "Count", envModel, T0, 7),
                MetricPoint.sum("Invocations", "Count", modelEnv, T0, 5),
                MetricPoint.sum("Invocations", "Count", otherModel, T0, 3),
                MetricPoint.sum("Invocations", "Count", envModel, T1, 2),
                MetricPoint.sum("EstimatedCostUsd", "None", envModel, T0, 0.125),
                new MetricPoint("LatencyMs", "Milliseconds", envModel, T0, latencies, counts),
                new MetricPoint("CostPerRequest", "None", envModel, T0, List.of(0.0031), List.of(240.0)),
                new MetricPoint("TokensPerRequest", "Count", envModel, T0, List.of(1.5, 2.0, 3.0),
                        List.of(2.4, 2.6, 0.2)),
                MetricPoint.sum("Invocations", "Count", envModel, T0, 4),
                MetricPoint.sum("Invocations", "None", envModel, T0, 9),
                MetricPoint.sum("UniqueUsers", "Count", env, T0, 4),
                MetricPoint.sum("ModelSwitchRate", "None", env, T0, 0.25)));

        List<JsonNode> documents = parseAndCheck(emf.lines(points));

        assertThat(published(documents)).isEqualTo(expected(points));
    }

    @Test
    void aDistributionOfMoreThanAHundredValuesContinuesInFurtherLinesOfTheSameSeries() throws Exception {
        Map<String, String> dims = dims("Environment", "prod");
        List<MetricPoint> points = List.of(
                MetricPoint.sum("Invocations", "Count", dims, T0, 250),
                new MetricPoint("LatencyMs", "Milliseconds", dims, T0, List.of(100.0, 200.0, 300.0),
                        List.of(120.0, 100.0, 30.0)));

        List<JsonNode> documents = parseAndCheck(emf.lines(points));

        assertThat(documents).hasSize(3);
        assertThat(documents).extracting(d -> d.path("LatencyMs").size()).containsExactly(100, 100, 50);
        assertThat(documents).extracting(d -> d.has("Invocations")).containsExactly(true, false, false);
        assertThat(published(documents)).isEqualTo(expected(points));
    }

    @Test
    void moreThanAHundredMetricsOfOneSeriesAreSplitAcrossLines() throws Exception {
        Map<String, String> dims = dims("Environment", "prod");
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            points.add(MetricPoint.sum("Metric" + i, "Count", dims, T0, i));
        }

        List<JsonNode> documents = parseAndCheck(emf.lines(points));

        assertThat(documents).extracting(d -> d.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").size())
                .containsExactly(100, 100, 30);
        assertThat(published(documents)).isEqualTo(expected(points));
    }

    @Test
    void integralValuesAreWrittenAsIntegersAndOthersAsDoubles() throws Exception {
        Map<String, String> dims = dims("Environment", "prod");
        List<MetricPoint> points = List.of(
                MetricPoint.sum("Invocations", "Count", dims, T0, 3),
                MetricPoint.sum("EstimatedCostUsd", "None", dims, T0, 0.125),
                MetricPoint.sum("InputTokens", "Count", dims, T0, 0x1p53),
                MetricPoint.sum("OutputTokens", "Count", dims, T0, 0x1p60));

        String text = emf.lines(points);

        assertThat(text).contains("\"Invocations\":3,", "\"EstimatedCostUsd\":0.125,", "\"InputTokens\":9007199254740992,")
                .doesNotContain("3.0");
        JsonNode document = parseAndCheck(text).get(0);
        assertThat(document.path("OutputTokens").isDouble()).isTrue();
        assertThat(document.path("OutputTokens").asDouble()).isEqualTo(0x1p60);
    }

    @Test
    void aRealisticObjectNeedsFarFewerLinesThanPointsAndLosesNoValue() throws Exception {
        ObjectMetrics metrics = new ObjectMetrics("prod",
                new TopPrincipals(new FolderStateStore(java.nio.file.Files.createTempDirectory("top")), 5), new MetricsDrops());
        List<MetricPoint> points = metrics.points(realisticObject(new Random(7)));

        List<JsonNode> documents = parseAndCheck(emf.lines(points));

        assertThat(documents.size()).isEqualTo(fewestDocuments(points));
        assertThat(documents.size() * 5).isLessThan(points.size());
        assertThat(published(documents)).isEqualTo(expected(points));
    }

    @Test
    void noPointsOrOnlyZeroCountsWriteNothing() {
        Map<String, String> dims = dims("Environment", "prod");

        assertThat(emf.lines(List.of())).isEmpty();
        assertThat(emf.lines(List.of(new MetricPoint("LatencyMs", "Milliseconds", dims, T0, List.of(5.0), List.of(0.3)))))
                .isEmpty();
    }

    /** Two windows of an object: six models and eight principals, each row with its own latencies. */
    static ObjectResult realisticObject(Random random) {
        List<WindowStats> rows = new ArrayList<>();
        for (Instant window : List.of(T0, T1)) {
            for (int model = 1; model <= 6; model++) {
                for (int principal = 1; principal <= 8; principal++) {
                    if (random.nextInt(3) == 0) {
                        continue;
                    }
                    Stats stats = new Stats();
                    stats.invocations = 1 + random.nextInt(30);
                    stats.errors = random.nextInt(2);
                    stats.inputTokens = stats.invocations * (200 + random.nextInt(2_000));
                    stats.outputTokens = stats.invocations * (50 + random.nextInt(500));
                    stats.costUsd = stats.inputTokens * 0.000003 + stats.outputTokens * 0.000015;
                    for (long i = 0; i < stats.invocations; i++) {
                        stats.latencyMs.add(200 + random.nextInt(4_000));
                        stats.timeToFirstTokenMs.add(50 + random.nextInt(600));
                    }
                    rows.add(new WindowStats(window, 300, "m" + model, "arn:aws:iam::123456789012:user/u" + principal,
                            "", true, stats));
                }
            }
        }
        long invocations = rows.stream().mapToLong(r -> r.stats().invocations).sum();
        return new ObjectResult("s3://b/k", "k", ObjectKind.INVOCATION_LOG,
                new ObjectSummary("s3://b/k", "INVOCATION_LOG", invocations, invocations, 0, 0, 0, 0),
                rows, List.of(), List.of(), T0, T1.plusSeconds(299), null);
    }

    /**
     * The least number of documents the limits allow: per timestamp and dimensions, as many as the
     * metric with the most values needs (valid while no series has more than 100 metrics or a repeated name).
     */
    static int fewestDocuments(List<MetricPoint> points) {
        Map<List<Object>, Map<String, Long>> valuesByMetric = new HashMap<>();
        for (MetricPoint point : points) {
            valuesByMetric.computeIfAbsent(List.of(point.timestamp(), List.copyOf(point.dimensions().entrySet())),
                    k -> new HashMap<>()).merge(point.name(), (long) expansion(point).size(), Long::sum);
        }
        int documents = 0;
        for (Map<String, Long> metrics : valuesByMetric.values()) {
            assertThat(metrics).hasSizeLessThanOrEqualTo(EmfLines.MAX_METRICS);
            long mostValues = metrics.values().stream().mapToLong(Long::longValue).max().orElse(0);
            documents += (int) ((mostValues + EmfLines.MAX_VALUES - 1) / EmfLines.MAX_VALUES);
        }
        return documents;
    }

    /** Parses every line and checks it is an EMF document of this namespace within the format's limits. */
    static List<JsonNode> parseAndCheck(String text) throws JsonProcessingException {
        assertThat(text.isEmpty() || text.endsWith("\n")).isTrue();
        List<JsonNode> documents = new ArrayList<>();
        for (String line : text.split("\n")) {
            JsonNode document = Json.MAPPER.readTree(line);
            checkDocument(document);
            documents.add(document);
        }
        return documents;
    }

    static void checkDocument(JsonNode document) {
        JsonNode aws = document.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).isTrue();
        assertThat(aws.path("CloudWatchMetrics")).hasSize(1);
        JsonNode directive = aws.path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(directive.path("Dimensions")).hasSize(1);
        JsonNode metrics = directive.path("Metrics");
        assertThat(metrics.size()).isBetween(1, EmfLines.MAX_METRICS);

        Set<String> rootMembers = new HashSet<>();
        rootMembers.add("_aws");
        for (JsonNode key : directive.path("Dimensions").get(0)) {
            assertThat(document.path(key.asText()).isTextual()).as("dimension %s", key).isTrue();
            assertThat(rootMembers.add(key.asText())).isTrue();
        }
        for (JsonNode metric : metrics) {
            String name = metric.path("Name").asText();
            assertThat(metric.path("Unit").isTextual()).isTrue();
            assertThat(rootMembers.add(name)).as("metric %s once per document", name).isTrue();
            JsonNode value = document.path(name);
            if (value.isArray()) {
                assertThat(value.size()).isBetween(1, EmfLines.MAX_VALUES);
                value.forEach(EmfLinesTest::checkNumber);
            } else {
                checkNumber(value);
            }
        }
        Set<String> written = new HashSet<>();
        document.fieldNames().forEachRemaining(written::add);
        assertThat(written).isEqualTo(rootMembers);
    }

    static void checkNumber(JsonNode value) {
        assertThat(value.isNumber()).as("%s is a number", value).isTrue();
        double number = value.asDouble();
        boolean integral = number == Math.rint(number) && Math.abs(number) <= 0x1p53;
        assertThat(value.isIntegralNumber()).as("%s written as an integer exactly when integral", value)
                .isEqualTo(integral);
    }

    /** Every value the documents publish, as a multiset per series. */
    static Map<Series, Map<Double, Long>> published(List<JsonNode> documents) {
        Map<Series, Map<Double, Long>> published = new HashMap<>();
        for (JsonNode document : documents) {
            JsonNode directive = document.path("_aws").path("CloudWatchMetrics").get(0);
            List<String> dimensions = new ArrayList<>();
            for (JsonNode key : directive.path("Dimensions").get(0)) {
                dimensions.add(key.asText());
                dimensions.add(document.path(key.asText()).asText());
            }
            long timestamp = document.path("_aws").path("Timestamp").asLong();
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                Map<Double, Long> values = published.computeIfAbsent(
                        new Series(name, metric.path("Unit").asText(), dimensions, timestamp), k -> new TreeMap<>());
                JsonNode value = document.path(name);
                Iterator<JsonNode> each = value.isArray() ? value.elements() : List.of(value).iterator();
                each.forEachRemaining(v -> values.merge(v.asDouble(), 1L, Long::sum));
            }
        }
        return published;
    }

    /** The points' values repeated by their rounded counts, as a multiset per series. */
    static Map<Series, Map<Double, Long>> expected(List<MetricPoint> points) {
        Map<Series, Map<Double, Long>> expected = new HashMap<>();
        for (MetricPoint point : points) {
            List<Double> values = expansion(point);
            if (values.isEmpty()) {
                continue;
            }
            List<String> dimensions = new ArrayList<>();
            point.dimensions().forEach((key, value) -> {
                dimensions.add(key);
                dimensions.add(value);
            });
            Map<Double, Long> multiset = expected.computeIfAbsent(new Series(point.name(), point.unit(), dimensions,
                    point.timestamp().toEpochMilli()), k -> new TreeMap<>());
            values.forEach(v -> multiset.merge(v, 1L, Long::sum));
        }
        return expected;
    }

    static List<Double> expansion(MetricPoint point) {
        List<Double> expanded = new ArrayList<>();
        for (int i = 0; i < point.values().size(); i++) {
            for (long n = 0; n < Math.round(point.counts().get(i)); n++) {
                expanded.add(point.values().get(i));
            }
        }
        return expanded;
    }

    static Map<String, String> dims(String... keysAndValues) {
        Map<String, String> dims = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            dims.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return dims;
    }

    @Test
    void theLinesOfALargeObjectComeInChunksOfWholeLines() throws Exception {
        List<MetricPoint> points = new java.util.ArrayList<>();
        List<Double> values = new java.util.ArrayList<>();
        List<Double> counts = new java.util.ArrayList<>();
        for (int value = 1; value <= 5_000; value++) {
            values.add((double) value);
            counts.add(5.0);
        }
        for (int model = 0; model < 10; model++) {
            points.add(new MetricPoint("LatencyMs", "Milliseconds", dims("Environment", "prod", "ModelId", "m" + model), T0,
                    values, counts));
        }

        List<String> chunks = new java.util.ArrayList<>();
        emf.chunks(points).forEachRemaining(chunks::add);

        assertThat(chunks).hasSizeGreaterThan(1).allMatch(chunk -> chunk.endsWith("\n"));
        assertThat(String.join("", chunks)).isEqualTo(emf.lines(points));
        parseAndCheck(String.join("", chunks));
    }
}
