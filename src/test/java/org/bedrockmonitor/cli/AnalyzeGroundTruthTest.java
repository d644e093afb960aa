package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.demo.DemoCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * analyze over a generated corpus (replays across objects, damaged lines, unpriced models, plain,
 * gzip and multi-member gzip files) must give exactly the generator's ground truth.
 */
class AnalyzeGroundTruthTest {

    /** The test's own prices (USD per 1k: input, output, cache read, cache write), keyed as logged. */
    static final Map<String, double[]> PRICES = Map.of(
            "us.anthropic.claude-3-5-sonnet-20241022-v2:0", new double[] {0.003, 0.015, 0.0003, 0.00375},
            "anthropic.claude-3-haiku-20240307-v1:0", new double[] {0.00025, 0.00125, 0, 0},
            "global.anthropic.claude-sonnet-4-5-20250929-v1:0", new double[] {0.0033, 0.0165, 0.00033, 0.004125},
            "amazon.nova-lite-v1:0", new double[] {0.00006, 0.00024, 0.000015, 0},
            "amazon.nova-pro-v1:0", new double[] {0.0008, 0.0032, 0.0002, 0},
            "meta.llama3-1-70b-instruct-v1:0", new double[] {0.00072, 0.00072, 0, 0},
            "mistral.mistral-large-2407-v1:0", new double[] {0.002, 0.006, 0, 0},
            "cohere.command-r-v1:0", new double[] {0.0005, 0.0015, 0, 0},
            "amazon.titan-embed-text-v2:0", new double[] {0.00002, 0, 0, 0},
            "ai21.jamba-1-5-mini-v1:0", new double[] {0.0002, 0.0004, 0, 0});

    @TempDir
    static Path dir;
    static DemoCorpus.Truth truth;
    static JsonNode summary;
    static String console;

    @BeforeAll
    static void analyzeGeneratedCorpus() throws Exception {
        truth = new DemoCorpus(new DemoCorpus.Spec(7, Instant.parse("2025-03-10T00:00:00Z"), 6_000, 14, 50, 400,
                0.02, 0.004, 0.6, true)).write(dir.resolve("logs"));
        Path pricing = dir.resolve("prices.csv");
        List<String> rows = new ArrayList<>(List.of("model_id,input_per_1k,output_per_1k,cache_read_per_1k,cache_write_per_1k,tier"));
        // the bundled table prices us./global. profiles from their base row; this file prices them itself
        PRICES.forEach((id, p) -> rows.add(id + "," + p[0] + "," + p[1] + "," + p[2] + "," + p[3] + ",standard"));
        Files.write(pricing, rows);
        StringWriter out = new StringWriter();
        Analysis.Outcome outcome = new Analysis(List.of(dir.resolve("logs")), dir.resolve("out"), pricing.toString(),
                new PrintWriter(out)).run();
        summary = outcome.summary();
        SummaryTable.print(summary, new PrintWriter(out, true));
        console = out.toString();
        assertThat(outcome.filesRead()).isEqualTo(14);
    }

    @Test
    void recordCountsMatchTheGroundTruth() {
        JsonNode records = summary.path("records");
        assertThat(truth.duplicates).isPositive();
        assertThat(truth.damaged).isPositive();
        assertThat(records.path("read").asLong()).isEqualTo(truth.lines);
        assertThat(records.path("invocations").asLong()).isEqualTo(truth.unique);
        assertThat(records.path("duplicates").asLong()).isEqualTo(truth.duplicates);
        assertThat(records.path("rejected").asLong()).isEqualTo(truth.damaged);
    }

    @Test
    void totalsPerModelAndPerPrincipalMatchExactly() {
        assertStats(summary.path("totals"), truth.totals, "totals");
        assertThat(summary.path("byModel").size()).isEqualTo(truth.byModel.size());
        truth.byModel.forEach((model, sums) -> assertStats(summary.path("byModel").path(model), sums, model));
        assertThat(summary.path("byPrincipal").size()).isEqualTo(truth.byPrincipal.size());
        truth.byPrincipal.forEach((principal, sums) -> assertStats(summary.path("byPrincipal").path(principal), sums, principal));
        assertThat(summary.path("uniquePrincipals").asInt()).isEqualTo(truth.byPrincipal.size());
    }

    @Test
    void unpricedModelsAreListedAndCostNothing() {
        assertThat(summary.path("unpricedModels").toString()).isEqualTo("[\"" + DemoCorpus.UNPRICED_MODEL + "\"]");
        assertThat(summary.path("byModel").path(DemoCorpus.UNPRICED_MODEL).path("costUsd").asDouble()).isZero();
        assertThat(console).contains("Unpriced models").contains(DemoCorpus.UNPRICED_MODEL.substring(0, 20));
    }

    @Test
    void periodSpansTheFirstAndLastRecord() {
        assertThat(summary.path("period").path("from").asText()).isEqualTo(truth.from.toString());
        assertThat(summary.path("period").path("to").asText()).isEqualTo(truth.to.toString());
    }

    @Test
    void rollupsAndRejectedRecordsAreWrittenPerObject() throws Exception {
        // one file per object and hour of its records: rollups/<day>/<hour>/<object id>.jsonl
        try (Stream<Path> rollups = Files.walk(dir.resolve("out/rollups"))) {
            List<Path> files = rollups.filter(p -> p.toString().endsWith(".jsonl")).toList();
            assertThat(files).allMatch(p -> dir.resolve("out/rollups").relativize(p).toString()
                    .matches("\\d{4}-\\d{2}-\\d{2}/\\d{2}/[0-9a-f]{40}\\.jsonl"));
            assertThat(files.stream().map(p -> p.getFileName().toString()).distinct().count()).isEqualTo(14);
        }
        long rejectedLines;
        try (Stream<Path> rejected = Files.walk(dir.resolve("out/rejected"))) {
            rejectedLines = rejected.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.readAllLines(p).size();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
        assertThat(rejectedLines).isEqualTo(truth.damaged);
    }

    private static void assertStats(JsonNode actual, DemoCorpus.Sums expected, String what) {
        assertThat(actual.isMissingNode()).as(what).isFalse();
        assertThat(actual.path("invocations").asLong()).as(what + " invocations").isEqualTo(expected.invocations);
        assertThat(actual.path("errors").asLong()).as(what + " errors").isEqualTo(expected.errors);
        assertThat(actual.path("throttles").asLong()).as(what + " throttles").isEqualTo(expected.throttles);
        assertThat(actual.path("inputTokens").asLong()).as(what + " input").isEqualTo(expected.inputTokens);
        assertThat(actual.path("outputTokens").asLong()).as(what + " output").isEqualTo(expected.outputTokens);
        assertThat(actual.path("cacheReadTokens").asLong()).as(what + " cache read").isEqualTo(expected.cacheReadTokens);
        assertThat(actual.path("cacheWriteTokens").asLong()).as(what + " cache write").isEqualTo(expected.cacheWriteTokens);
        assertThat(actual.path("guardrailInterventions").asLong()).as(what + " guardrail").isEqualTo(expected.guardrailInterventions);
        double cost = expectedCost(expected);
        assertThat(actual.path("costUsd").asDouble()).as(what + " cost").isCloseTo(cost, within(Math.max(1e-12, cost * 1e-6)));
        assertPercentiles(actual.path("latencyMs"), expected.latencies, what + " latency");
        assertPercentiles(actual.path("timeToFirstTokenMs"), expected.timesToFirstToken, what + " ttft");
    }

    private static double expectedCost(DemoCorpus.Sums sums) {
        double cost = 0;
        for (var entry : sums.tokensByModel.entrySet()) {
            double[] p = PRICES.get(entry.getKey());
            if (p != null) {
                long[] t = entry.getValue();
                cost += (t[0] * p[0] + t[1] * p[1] + t[2] * p[2] + t[3] * p[3]) / 1000.0;
            }
        }
        return cost;
    }

    private static void assertPercentiles(JsonNode actual, List<Long> values, String what) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        for (int p : new int[] {50, 95, 99}) {
            JsonNode node = actual.path("p" + p);
            if (sorted.isEmpty()) {
                assertThat(node.isNull()).as(what + " p" + p + " null").isTrue();
            } else {
                int rank = (int) Math.ceil(p / 100.0 * sorted.size());
                assertThat(node.asLong()).as(what + " p" + p).isEqualTo(sorted.get(Math.max(rank, 1) - 1));
            }
        }
    }
}
