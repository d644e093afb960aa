package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.demo.DemoCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One definition per number: the four reports and summary.json of one analysed corpus give every figure
 * they share the same value, in their models and in the text a reader sees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportConsistencyTest {

    JsonNode summary;
    JsonNode technical;
    JsonNode executive;
    JsonNode security;
    JsonNode cost;
    Map<String, String> texts;

    @BeforeAll
    void analyseOneCorpus(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("logs");
        DemoCorpus corpus = new DemoCorpus(new DemoCorpus.Spec(7, Instant.parse("2025-05-05T00:00:00Z"), 3_000, 9, 50, 200, 0.02,
                0.002, 0.5, true));
        corpus.write(logs);
        corpus.writeCloudTrail(logs);
        Path out = dir.resolve("out");
        new Analysis(List.of(logs), out, null, new PrintWriter(new StringWriter()), 0,
                Map.of("monitor.budget.monthly-usd", "50")).run();
        summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        technical = model(out, "technical");
        executive = model(out, "executive");
        security = model(out, "security");
        cost = model(out, "cost");
        texts = Map.of("technical", text(out, "technical"), "executive", text(out, "executive"), "cost", text(out, "cost"));
    }

    private static Path only(Path out, String type, String extension) throws Exception {
        try (Stream<Path> files = Files.list(out.resolve("reports").resolve(type))) {
            List<Path> found = files.filter(f -> f.toString().endsWith(extension)).toList();
            assertThat(found).as(type).hasSize(1);
            return found.get(0);
        }
    }

    private static JsonNode model(Path out, String type) throws Exception {
        return Json.MAPPER.readTree(only(out, type, ".json").toFile()).get(type);
    }

    private static String text(Path out, String type) throws Exception {
        return Files.readString(only(out, type, ".html"));
    }

    private JsonNode kpi(String name) {
        for (JsonNode k : executive.get("kpis")) {
            if (k.get("name").asText().equals(name)) {
                return k.get("current");
            }
        }
        throw new AssertionError("no KPI " + name);
    }

    @Test
    void invocationsTokensAndCostAreOneNumberEverywhere() {
        JsonNode totals = summary.get("totals");
        long invocations = totals.get("invocations").asLong();
        long tokens = totals.get("inputTokens").asLong() + totals.get("outputTokens").asLong()
                + totals.get("cacheReadTokens").asLong() + totals.get("cacheWriteTokens").asLong();
        double usd = totals.get("costUsd").asDouble();
        assertThat(invocations).isGreaterThan(1000);
        assertThat(totals.get("cacheReadTokens").asLong()).as("the corpus uses the cache").isPositive();

        assertThat(totals.get("totalTokens").asLong()).isEqualTo(tokens);
        for (JsonNode reportTotals : List.of(technical.get("totals"), cost.get("totals"))) {
            assertThat(reportTotals.get("invocations").asLong()).isEqualTo(invocations);
            assertThat(reportTotals.get("totalTokens").asLong()).isEqualTo(tokens);
            assertThat(reportTotals.get("costUsd").asDouble()).isEqualTo(usd);
        }
        assertThat(kpi("Invocations").asLong()).isEqualTo(invocations);
        assertThat(kpi("Tokens").asLong()).isEqualTo(tokens);
        assertThat(kpi("Cost").asDouble()).isEqualTo(usd);

        String shownTokens = String.format(Locale.ROOT, "%,d", tokens);
        String shownCost = String.format(Locale.ROOT, "$%,.2f", usd);
        texts.forEach((type, html) -> assertThat(html).as(type).contains(shownTokens, shownCost));
    }

    @Test
    void principalsOfTheInvocationLogsAndOfCloudTrailAreCountedApart() {
        long principals = summary.get("uniquePrincipals").asLong();
        assertThat(principals).isGreaterThan(1);

        assertThat(technical.get("totals").get("principals").asLong()).isEqualTo(principals);
        assertThat(cost.get("totals").get("principals").asLong()).isEqualTo(principals);
        assertThat(kpi("Active principals").asLong()).isEqualTo(principals);
        assertThat(executive.get("adoption").get("activePrincipals").asLong()).isEqualTo(principals);
        assertThat(executive.get("adoption").get("cloudTrailPrincipals").asLong())
                .isEqualTo(security.get("principals").asLong()).isPositive();
        assertThat(texts.get("technical")).contains("principals (invocation logs)");
        assertThat(texts.get("executive")).contains("Principals in CloudTrail (counted apart");
    }

    @Test
    void theSuccessRateAndTheMonthEndProjectionAreOneNumberEverywhere() {
        double successRate = technical.get("totals").get("successRate").asDouble();
        assertThat(cost.get("totals").get("successRate").asDouble()).isEqualTo(successRate);
        assertThat(kpi("Success rate").asDouble()).isEqualTo(successRate);

        double projected = executive.get("budget").get("projectedMonthEndUsd").asDouble();
        assertThat(projected).isGreaterThan(kpi("Cost").asDouble());
        assertThat(cost.get("budget").get("projectedMonthEndUsd").asDouble()).isEqualTo(projected);
        assertThat(summary.get("kpis").get("monthEnd").get("projectedUsd").asDouble()).isEqualTo(projected);
        String method = executive.get("budget").get("method").asText();
        assertThat(cost.get("budget").get("method").asText()).isEqualTo(method);
        String shown = String.format(Locale.ROOT, "$%,.2f", projected);
        assertThat(texts.get("executive")).contains(shown, method);
        assertThat(texts.get("cost")).contains(shown, method);
    }

    @Test
    void summaryJsonListsTheExecutiveSummarysFigures() {
        JsonNode kpis = summary.get("kpis");
        assertThat(kpis.get("kpis")).isEqualTo(executive.get("kpis"));
        assertThat(kpis.get("adoption")).isEqualTo(executive.get("adoption"));
        assertThat(kpis.get("growth")).isEqualTo(executive.get("growth"));
        assertThat(kpis.get("availability")).isEqualTo(executive.get("availability"));
        assertThat(kpis.get("alertTimes")).isEqualTo(executive.get("alertTimes"));
        assertThat(kpis.get("buckets")).hasSameSizeAs(executive.get("daily"));
        for (int i = 0; i < kpis.get("buckets").size(); i++) {
            JsonNode bucket = kpis.get("buckets").get(i);
            JsonNode point = executive.get("daily").get(i);
            assertThat(bucket.get("costPer1kUsd")).isEqualTo(point.get("costPer1kUsd"));
            assertThat(bucket.get("activePrincipals")).isEqualTo(point.get("principals"));
        }
        assertThat(kpis.get("earlierData").asBoolean()).isFalse();
        assertThat(summary.get("alerts")).isNotEmpty();
    }
}
