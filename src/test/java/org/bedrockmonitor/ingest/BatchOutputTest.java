package org.bedrockmonitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.parse.CloudTrailReader;
import org.bedrockmonitor.parse.InvocationLogReader;
import org.bedrockmonitor.price.CostRecords;
import org.bedrockmonitor.price.PricingTable;
import org.bedrockmonitor.store.FolderStateStore;
import org.bedrockmonitor.windows.RequestClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch inference job's output folder, laid out as Bedrock writes it ({@code <prefix>/<job id>/}) with
 * the job description saved next to it, goes through the per-object step like a log: each output line is
 * billed at the batch tier as the job's model, a failed line costs nothing, the manifest and the
 * description are skipped, and a re-read output counts each record once.
 */
class BatchOutputTest {

    @TempDir
    Path dir;

    static final String JOB_ARN = "arn:aws:bedrock:us-west-2:111122223333:model-invocation-job/abc123xyz";
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";

    static final String JOB = "{\"jobArn\":\"" + JOB_ARN + "\",\"jobName\":\"nightly-summaries\",\"modelId\":\"" + HAIKU + "\","
            + "\"roleArn\":\"arn:aws:iam::111122223333:role/BatchRole\",\"status\":\"Completed\","
            + "\"submitTime\":\"2025-11-19T22:00:00Z\",\"lastModifiedTime\":\"2025-11-20T03:10:00Z\","
            + "\"endTime\":\"2025-11-20T03:04:05Z\"}";

    static final String OUTPUT = String.join("\n",
            "{\"recordId\":\"REC0000001\",\"modelInput\":{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":512,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"summarise\"}]},\"modelOutput\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":4000,\"output_tokens\":800}}}",
            "{\"recordId\":\"REC0000002\",\"modelInput\":{\"messages\":[]},\"error\":{\"errorCode\":400,"
                    + "\"errorMessage\":\"bad request\"}}",
            "{\"recordId\":\"REC0000003\",\"modelInput\":{\"messages\":[]},\"modelOutput\":{\"content\":[],"
                    + "\"usage\":{\"input_tokens\":1000,\"output_tokens\":200}}}",
            "{\"recordId\":\"REC0000004\",\"modelInput\":{\"messages\":[]}}",
            "") ;

    static final String MANIFEST = "{\"totalRecordCount\":4,\"processedRecordCount\":4,\"successRecordCount\":2,"
            + "\"errorRecordCount\":1,\"inputTokenCount\":5000,\"outputTokenCount\":1000}";

    LogObjectProcessor processor() {
        RequestClaims claims = new RequestClaims(new FolderStateStore(dir.resolve("store")), RequestClaims.PREFIX);
        return new LogObjectProcessor(new InvocationLogReader(1 << 20), new CloudTrailReader(), PricingTable.load("", ""),
                claims, 300, List.of("application"), 512, false, 50_000, CostRecords.off());
    }

    ObjectResult process(LogObjectProcessor processor, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return processor.process(file.toString(), ObjectLedger.keyOf(file), in);
        }
    }

    @Test
    void outputLinesAreBilledAtTheBatchTierAsTheJobsModelAtTheJobsTime() throws IOException {
        Path job = Files.createDirectories(dir.resolve("batch-out/abc123xyz"));
        Files.writeString(dir.resolve("batch-out/job.json"), JOB);
        Path output = Files.writeString(job.resolve("input.jsonl.out"), OUTPUT);
        Path manifest = Files.writeString(job.resolve("manifest.json.out"), MANIFEST);
        LogObjectProcessor processor = processor();

        ObjectResult result = process(processor, output);

        assertThat(result.kind()).isEqualTo(ObjectKind.BATCH_OUTPUT);
        assertThat(result.summary().invocations()).isEqualTo(3);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.reason()).contains("without modelOutput or error");
        });
        assertThat(result.earliest()).isEqualTo(Instant.parse("2025-11-20T03:04:05Z"));
        Stats all = new Stats();
        result.windows().forEach(w -> all.merge(w.stats()));
        assertThat(all.errors).isEqualTo(1);
        assertThat(all.errorCodes).containsEntry("400", 1L);
        // bundled batch row of Claude 3 Haiku: 0.000125 in, 0.000625 out per 1k; the failed line costs 0:
        // ((4000 + 1000)·0.000125 + (800 + 200)·0.000625) / 1000 = (0.625 + 0.625) / 1000 = 0.00125
        assertThat(all.costUsd).isCloseTo(0.00125, within(1e-15));
        assertThat(result.windows()).allSatisfy(w -> {
            assertThat(w.modelId()).isEqualTo(HAIKU);
            assertThat(w.costBasis().tier()).isEqualTo("batch");
            assertThat(w.costBasis().region()).isEqualTo("us-west-2");
            assertThat(w.costBasis().priceBook()).isEqualTo("aws-2025-11");
        });
        // the failed line logged no tokens, so it shares the row of the lines priced by tokens
        assertThat(result.windows()).extracting(w -> w.costBasis().rule()).containsOnly("tokens");

        assertThat(process(processor, manifest).skipReason()).isEqualTo("batch inference manifest");
        assertThat(process(processor, dir.resolve("batch-out/job.json")).skipReason()).isEqualTo("batch inference job description");
    }

    @Test
    void aReReadOutputFromAnotherCopyCountsEachRecordOnce() throws IOException {
        Files.writeString(dir.resolve("job.json"), JOB);
        Path first = Files.writeString(dir.resolve("a.jsonl.out"), OUTPUT);
        Path copy = Files.writeString(dir.resolve("b.jsonl.out"), OUTPUT);
        LogObjectProcessor processor = processor();

        ObjectResult once = process(processor, first);
        ObjectResult again = process(processor, copy);

        assertThat(once.summary().invocations()).isEqualTo(3);
        assertThat(again.summary().invocations()).isZero();
        assertThat(again.summary().duplicates()).isEqualTo(3);
        assertThat(again.windows()).isEmpty();
    }

    @Test
    void anOutputWithoutItsJobDescriptionFailsWithOneSentence() throws IOException {
        Path output = Files.writeString(dir.resolve("lonely.jsonl.out"), OUTPUT);
        LogObjectProcessor processor = processor();
        assertThatThrownBy(() -> process(processor, output)).isInstanceOf(UnreadableObjectException.class)
                .hasMessageContaining("job.json").hasMessageContaining("get-model-invocation-job");
        InputStream fromS3 = new ByteArrayInputStream(OUTPUT.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> processor.process("s3://bucket/out/abc/input.jsonl.out", "abc-input", fromS3))
                .isInstanceOf(UnreadableObjectException.class);
    }

    @Test
    void aModelIdInTheLineWinsOverTheJobsAndTitanAndLlamaCountsAreRead() throws IOException {
        Files.writeString(dir.resolve("job.json"), JOB);
        Path output = Files.writeString(dir.resolve("mixed.jsonl.out"), String.join("\n",
                "{\"recordId\":\"T1\",\"modelId\":\"amazon.titan-text-express-v1\",\"modelInput\":{\"inputText\":\"x\"},"
                        + "\"modelOutput\":{\"inputTextTokenCount\":8,\"results\":[{\"tokenCount\":3,\"outputText\":\"blue\","
                        + "\"completionReason\":\"FINISH\"}]}}",
                "{\"recordId\":\"L1\",\"modelId\":\"meta.llama3-1-8b-instruct-v1:0\",\"modelInput\":{\"prompt\":\"x\"},"
                        + "\"modelOutput\":{\"generation\":\"y\",\"prompt_token_count\":10,\"generation_token_count\":20}}"));
        ObjectResult result = process(processor(), output);
        Map<String, Stats> byModel = new java.util.TreeMap<>();
        for (WindowStats w : result.windows()) {
            byModel.computeIfAbsent(w.modelId(), k -> new Stats()).merge(w.stats());
        }
        assertThat(byModel.get("amazon.titan-text-express-v1").inputTokens).isEqualTo(8);
        assertThat(byModel.get("amazon.titan-text-express-v1").outputTokens).isEqualTo(3);
        assertThat(byModel.get("meta.llama3-1-8b-instruct-v1:0").inputTokens).isEqualTo(10);
        assertThat(byModel.get("meta.llama3-1-8b-instruct-v1:0").outputTokens).isEqualTo(20);
        // Llama 3.1 8B batch row: (10·0.00011 + 20·0.00011) / 1000 = 3.3e-6
        assertThat(byModel.get("meta.llama3-1-8b-instruct-v1:0").costUsd).isCloseTo(3.3e-6, within(1e-18));
    }
}
