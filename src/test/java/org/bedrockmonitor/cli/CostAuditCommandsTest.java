package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.config.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What finance uses to audit a figure: {@code analyze --records-out} (one cost line per counted record,
 * with the rule and table row), the price books in {@code summary.json} and in the cost report, and
 * {@code report --reprice} (stored costs against another table, stored costs unchanged).
 */
class CostAuditCommandsTest {

    @TempDir
    static Path dir;
    static CliErrorsTest.Run analyzed;
    static JsonNode summary;

    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";

    static String line(String requestId, String modelId, String error, long in, long out) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"2025-11-20T10:0" + (in % 10)
                + ":00Z\",\"accountId\":\"111122223333\",\"identity\":{\"arn\":\"arn:aws:iam::111122223333:user/ana\"},"
                + "\"region\":\"us-east-1\",\"requestId\":\"" + requestId + "\",\"operation\":\"Converse\",\"modelId\":\""
                + modelId + "\"," + (error == null ? "" : "\"errorCode\":\"" + error + "\",")
                + "\"input\":{\"inputContentType\":\"application/json\",\"inputTokenCount\":" + in + "},"
                + "\"output\":{\"outputContentType\":\"application/json\",\"outputBodyJson\":{\"usage\":{\"inputTokens\":" + in
                + ",\"outputTokens\":" + out + "},\"trace\":{\"guardrail\":{\"inputAssessment\":{\"g\":{\"invocationMetrics\":"
                + "{\"usage\":{\"contentPolicyUnits\":2}}}}}}},\"outputTokenCount\":" + out + "}}";
    }

    @BeforeAll
    static void analyzeWithACostExport() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(line("r1", HAIKU, null, 4000, 1000));
        lines.add(line("r2", "us." + HAIKU, null, 2000, 500));
        lines.add(line("r3", HAIKU, "ModelTimeoutException", 9000, 0));
        lines.add(line("r1", HAIKU, null, 4000, 1000));
        lines.add(line("r4", "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/unknown", null, 100, 100));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.write(logs.resolve("log.jsonl"), lines);
        Files.writeString(dir.resolve("book-a.csv"), "model_id,input_per_1k,output_per_1k,unit,price_per_unit,price_book\n"
                + HAIKU + ",0.00025,0.00125,,,book-a\nguardrail,,,contentPolicyUnits,0.00015,book-a\n");
        Files.writeString(dir.resolve("book-b.csv"), "model_id,input_per_1k,output_per_1k,price_book\n"
                + HAIKU + ",0.0005,0.0025,book-b\n");
        analyzed = CliErrorsTest.run("analyze", logs.toString(), "--out", dir.resolve("out").toString(),
                "--pricing", dir.resolve("book-a.csv").toString(), "--records-out", dir.resolve("costs.jsonl").toString());
        summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    }

    @Test
    void everyCountedRecordHasOneCostLineWithItsRuleAndRow() throws Exception {
        assertThat(analyzed.exit()).isZero();
        List<JsonNode> costs = new ArrayList<>();
        for (String text : Files.readAllLines(dir.resolve("costs.jsonl"))) {
            costs.add(Json.MAPPER.readTree(text));
        }
        assertThat(costs).extracting(c -> c.path("requestId").asText()).containsExactlyInAnyOrder("r1", "r2", "r3", "r4");
        JsonNode r1 = costs.stream().filter(c -> c.path("requestId").asText().equals("r1")).findFirst().orElseThrow();
        // (4000·0.00025 + 1000·0.00125) / 1000 = (1 + 1.25) / 1000 = 0.00225; guardrail 2·0.00015 = 0.0003
        assertThat(r1.path("costUsd").asDouble()).isCloseTo(0.00225, within(1e-15));
        assertThat(r1.path("guardrailCostUsd").asDouble()).isCloseTo(0.0003, within(1e-15));
        assertThat(r1.path("priceBook").asText()).isEqualTo("book-a");
        assertThat(r1.path("rule").asText()).contains("tokens at tier standard").contains("book-a.csv line 2");
        JsonNode r3 = costs.stream().filter(c -> c.path("requestId").asText().equals("r3")).findFirst().orElseThrow();
        assertThat(r3.path("costUsd").asDouble()).isZero();
        assertThat(r3.path("rule").asText()).startsWith("failed call");
        JsonNode r4 = costs.stream().filter(c -> c.path("requestId").asText().equals("r4")).findFirst().orElseThrow();
        assertThat(r4.path("rule").asText()).startsWith("unpriced");
        double sum = costs.stream().mapToDouble(c -> c.path("costUsd").asDouble()).sum();
        assertThat(summary.path("totals").path("costUsd").asDouble()).isCloseTo(sum, within(1e-15));
    }

    @Test
    void summaryGivesThePriceBooksAndGuardrailCostPerModel() {
        JsonNode haiku = summary.path("byModel").path(HAIKU);
        assertThat(haiku.path("priceBooks").toString()).isEqualTo("[\"book-a\"]");
        // r1 only (r3 failed): 2·0.00015 = 0.0003
        assertThat(haiku.path("guardrailCostUsd").asDouble()).isCloseTo(0.0003, within(1e-15));
        // r1 + r2 guardrails, r4 too: its model is unpriced but the guardrail is not: 3 · 0.0003 = 0.0009
        assertThat(summary.path("totals").path("guardrailCostUsd").asDouble()).isCloseTo(0.0009, within(1e-15));
        assertThat(summary.path("unpricedModels").toString()).contains("application-inference-profile/unknown");
    }

    @Test
    void theCostReportSaysWhichPriceBookAndRulePricedEachModel() throws Exception {
        StringWriter out = new StringWriter();
        int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "report", "--type", "cost",
                "--from", "2025-11-01", "--to", "2025-11-30", "--rollups", dir.resolve("out/rollups").toString(),
                "--out", dir.resolve("report").toString());
        assertThat(exit).isZero();
        String html = Files.readString(dir.resolve("report/reports/cost/2025-11.html"));
        assertThat(html).contains("How each model was priced", "book-a", "Guardrail policy units cost");
        String text = Files.readString(dir.resolve("report/reports/cost/2025-11.json"));
        assertThat(Json.MAPPER.readTree(text).path("cost").path("billing").get(0).path("priceBooks").toString())
                .isEqualTo("[\"book-a\"]");
    }

    @Test
    void repriceShowsTheDifferenceUnderAnotherTableAndChangesNothingStored() throws Exception {
        List<String> before = rollupLines();
        StringWriter out = new StringWriter();
        int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "report", "--reprice",
                "--from", "2025-11-20", "--to", "2025-11-20", "--rollups", dir.resolve("out/rollups").toString(),
                "--pricing", dir.resolve("book-b.csv").toString(), "--out", dir.resolve("reprice").toString());
        assertThat(exit).isZero();
        // stored under book-a: r1 0.00225 + r2 (2000·0.00025 + 500·0.00125)/1000 = 0.001125, total 0.003375;
        // book-b doubles every rate: 0.00675, a difference of +0.003375
        JsonNode reprice = Json.MAPPER.readTree(dir.resolve("reprice/reports/reprice/2025-11-20.json").toFile());
        assertThat(reprice.path("storedUsd").asDouble()).isCloseTo(0.003375, within(1e-15));
        assertThat(reprice.path("repricedUsd").asDouble()).isCloseTo(0.00675, within(1e-15));
        assertThat(reprice.path("differenceUsd").asDouble()).isCloseTo(0.003375, within(1e-15));
        assertThat(out.toString()).contains("book-a", "book-b", "+0.0034", "stored costs are unchanged");
        assertThat(before).isNotEmpty();
        assertThat(rollupLines()).isEqualTo(before);
    }

    static List<String> rollupLines() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("out/rollups"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    @Test
    void repriceAndRenderingAreSeparateModesEachNamedInOneSentence() {
        CliErrorsTest.assertOneSentence(CliErrorsTest.run("report", "--reprice", "--type", "cost", "--from", "2025-11-01",
                "--to", "2025-11-30"), "leave out --type");
        CliErrorsTest.assertOneSentence(CliErrorsTest.run("report", "--from", "2025-11-01", "--to", "2025-11-30"),
                "--type is required");
        CliErrorsTest.assertOneSentence(CliErrorsTest.run("report", "--type", "cost", "--pricing", "x.csv", "--from",
                "2025-11-01", "--to", "2025-11-30"), "--pricing is only for --reprice");
        CliErrorsTest.assertOneSentence(CliErrorsTest.run("report", "--reprice", "--pricing", "/no/such.csv", "--from",
                "2025-11-01", "--to", "2025-11-30"), "/no/such.csv");
    }
}
