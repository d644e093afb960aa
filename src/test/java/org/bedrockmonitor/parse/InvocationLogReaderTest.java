package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InvocationLogReaderTest {

    static final Path VARIANTS = Conformance.file("written/invocation-log-variants.log");

    record Rejected(long line, String reason, String raw) {
    }

    static final class Collected implements InvocationLogReader.Handler {
        final List<InvocationRecord> records = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();
        final List<Rejected> rejected = new ArrayList<>();

        @Override
        public void record(InvocationRecord record, long lineNumber) {
            records.add(record);
            lines.add(lineNumber);
        }

        @Override
        public void rejected(long lineNumber, String reason, byte[] raw, int offset, int length) {
            rejected.add(new Rejected(lineNumber, reason, new String(raw, offset, Math.min(length, 200), StandardCharsets.UTF_8)));
        }
    }

    static Collected read(String text) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Collected read(InputStream in) throws IOException {
        Collected collected = new Collected();
        new InvocationLogReader(64L << 20).read(in, collected);
        return collected;
    }

    /** Expected values of each line of written/invocation-log-variants.log (see its PROVENANCE.md). */
    record Expected(int line, String operation, String timestamp, String principal, long in, long out,
                    long latency, long ttft, boolean guardrail) {
    }

    static final long U = InvocationRecord.UNKNOWN;
    static final String STREAMER = "arn:aws:iam::567890123456:user/priya.n@example.net";
    static final String REVIEWER = "arn:aws:iam::456789012345:user/t.lindqvist";
    static final String DOCS_ROLE = "arn:aws:sts::789012345678:assumed-role/DocsAssistantRole/session-42";
    static final List<Expected> VARIANT_LINES = List.of(
            new Expected(1, "InvokeModelWithResponseStream", "2024-05-14T09:12:03Z", "arn:aws:iam::210987654321:user/mira.okafor@example.org", 412, 198, 2931, 388, false),
            new Expected(2, "Converse", "2024-09-17T14:03:22Z", "arn:aws:iam::345678901234:user/ops-bot", 0, 0, 305, U, true),
            new Expected(3, "Converse", "2024-11-05T10:41:09Z", REVIEWER, 0, 0, 512, U, true),
            new Expected(4, "Converse", "2024-11-05T08:15:44Z", REVIEWER, 41, 77, 2210, U, false),
            new Expected(5, "Converse", "2024-11-04T16:02:58Z", REVIEWER, 18, 95, 1988, U, false),
            new Expected(6, "InvokeModelWithResponseStream", "2024-05-02T18:30:11Z", STREAMER, 0, 0, U, U, true),
            new Expected(7, "InvokeModelWithResponseStream", "2024-05-02T18:30:11Z", STREAMER, 0, 0, U, U, true),
            new Expected(8, "InvokeModelWithResponseStream", "2024-05-02T18:30:11Z", STREAMER, 0, 0, U, U, true),
            new Expected(9, "Converse", "2024-11-06T11:20:37Z", REVIEWER, 66, 188, 4870, U, true),
            new Expected(10, "InvokeModel", "2024-12-02T07:45:30Z", "<redacted>", 803, 21, U, U, false),
            new Expected(11, "ConverseStream", "2024-10-21T13:05:48Z", "arn:aws:sts::678901234567:assumed-role/AnalyticsAppRole/etl-worker-7", 280, 250, 4999, U, false),
            new Expected(12, "ConverseStream", "2025-02-03T09:26:14Z", DOCS_ROLE, 2950, 310, 12044, U, false),
            new Expected(13, "ConverseStream", "2025-02-03T09:26:14Z", DOCS_ROLE, 2950, 310, 12044, U, false),
            new Expected(14, "InvokeModelWithResponseStream", "2024-05-02T18:30:11Z", STREAMER, 0, 0, U, U, true),
            new Expected(15, "InvokeModelWithResponseStream", "2024-05-02T18:30:11Z", STREAMER, 0, 0, U, U, true),
            new Expected(16, "InvokeModelWithResponseStream", "2024-05-02T18:30:11Z", STREAMER, 0, 0, U, U, true),
            new Expected(17, "InvokeModelWithResponseStream", "2025-10-14T18:30:11Z", STREAMER, 0, 0, U, U, true),
            new Expected(18, "Converse", "2026-06-18T10:00:00Z", "arn:aws:iam::222233334444:user/guardrail-check", 24, 19, 1350, U, false),
            new Expected(19, "ConverseStream", "2026-08-02T21:47:05Z", "arn:aws:iam::333344445555:user/support-desk", 57, 31, 1020, U, false));

    @Test
    void everyVariantRecordParsesWithTheValuesInTheFile() throws IOException {
        Collected c;
        try (InputStream in = Files.newInputStream(VARIANTS)) {
            c = read(in);
        }
        assertThat(c.rejected).isEmpty();
        assertThat(c.records).hasSize(19);
        for (Expected e : VARIANT_LINES) {
            InvocationRecord r = c.records.get(e.line() - 1);
            assertThat(c.lines.get(e.line() - 1)).isEqualTo(e.line());
            assertThat(r.operation()).as("line %d operation", e.line()).isEqualTo(e.operation());
            assertThat(r.timestamp()).as("line %d time", e.line()).isEqualTo(Instant.parse(e.timestamp()));
            assertThat(r.principalArn()).as("line %d principal", e.line()).isEqualTo(e.principal());
            assertThat(r.inputTokens()).as("line %d input", e.line()).isEqualTo(e.in());
            assertThat(r.outputTokens()).as("line %d output", e.line()).isEqualTo(e.out());
            assertThat(r.latencyMs()).as("line %d latency", e.line()).isEqualTo(e.latency());
            assertThat(r.timeToFirstTokenMs()).as("line %d ttft", e.line()).isEqualTo(e.ttft());
            assertThat(r.guardrailIntervened()).as("line %d guardrail", e.line()).isEqualTo(e.guardrail());
            assertThat(r.errorCode()).isNull();
        }
        assertThat(c.records.get(0).modelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(c.records.get(18).modelId()).isEqualTo(
                "arn:aws:bedrock:us-east-1:333344445555:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0");
        assertThat(c.records.get(1).modelId()).isEqualTo("ai21.jamba-instruct-v1:0");
        assertThat(c.records.stream().map(InvocationRecord::requestId).distinct()).hasSize(12);
    }

    @Test
    void eachVariantRecordParsesAloneAsOneRecord() throws IOException {
        List<String> lines = Files.readAllLines(VARIANTS);
        assertThat(lines).hasSize(19);
        for (int i = 0; i < lines.size(); i++) {
            Collected c = read(lines.get(i) + "\n");
            assertThat(c.rejected).as("line %d", i + 1).isEmpty();
            assertThat(c.records).as("line %d", i + 1).hasSize(1);
        }
    }

    static String record(String extraTopLevel, String input, String output) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"2025-06-01T10:00:00Z\","
                + "\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"arn:aws:iam::123456789012:user/alice\"},"
                + "\"region\":\"us-east-1\",\"requestId\":\"r-1\",\"operation\":\"InvokeModel\","
                + "\"modelId\":\"anthropic.claude-3-haiku-20240307-v1:0\"" + extraTopLevel
                + (input == null ? "" : ",\"input\":" + input) + (output == null ? "" : ",\"output\":" + output) + "}";
    }

    @Test
    void invokeModelTakesTokensFromTheLogAndHasNoLatency() throws IOException {
        var r = read(record("", "{\"inputContentType\":\"application/json\",\"inputBodyJson\":{\"prompt\":\"secret\"},\"inputTokenCount\":12}",
                "{\"outputContentType\":\"application/json\",\"outputBodyJson\":{\"id\":\"m\",\"content\":[{\"text\":\"x\"}],\"usage\":{\"input_tokens\":12,\"output_tokens\":7}},\"outputTokenCount\":7}")).records.get(0);
        assertThat(r.inputTokens()).isEqualTo(12);
        assertThat(r.outputTokens()).isEqualTo(7);
        assertThat(r.latencyMs()).isEqualTo(InvocationRecord.UNKNOWN);
        assertThat(r.timeToFirstTokenMs()).isEqualTo(InvocationRecord.UNKNOWN);
    }

    @Test
    void streamChunksGiveLatencyAndTimeToFirstTokenAndSkipNonObjectChunks() throws IOException {
        var r = read(record("", "{\"inputTokenCount\":5}",
                "{\"outputBodyJson\":[\"[DONE]\",1,null,[1,2],{\"type\":\"content_block_delta\"},"
                        + "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":5,\"outputTokenCount\":9,\"invocationLatency\":1234,\"firstByteLatency\":321}},\"[DONE]\"],"
                        + "\"outputTokenCount\":9}")).records.get(0);
        assertThat(r.latencyMs()).isEqualTo(1234);
        assertThat(r.timeToFirstTokenMs()).isEqualTo(321);
        assertThat(r.outputTokens()).isEqualTo(9);
    }

    @Test
    void converseReadsMetricsLatencyAndFallsBackToUsageWhenLogCountsAreMissing() throws IOException {
        var r = read(record("", "{\"inputBodyJson\":{\"messages\":[]}}",
                "{\"outputBodyJson\":{\"output\":{\"message\":{\"content\":[{\"text\":\"hi\"}]}},\"stopReason\":\"end_turn\","
                        + "\"metrics\":{\"latencyMs\":777},\"usage\":{\"inputTokens\":40,\"outputTokens\":8,\"cacheReadInputTokens\":100,\"cacheWriteInputTokens\":20}}}"))
                .records.get(0);
        assertThat(r.latencyMs()).isEqualTo(777);
        assertThat(r.inputTokens()).isEqualTo(40);
        assertThat(r.outputTokens()).isEqualTo(8);
        assertThat(r.cacheReadTokens()).isEqualTo(100);
        assertThat(r.cacheWriteTokens()).isEqualTo(20);
    }

    @Test
    void cacheTokensComeFromTheInputBlockAndAreAdditive() throws IOException {
        var r = read(record("", "{\"inputTokenCount\":50,\"cacheReadInputTokenCount\":1000,\"cacheWriteInputTokenCount\":200}",
                "{\"outputTokenCount\":10}")).records.get(0);
        assertThat(r.inputTokens()).isEqualTo(50);
        assertThat(r.cacheReadTokens()).isEqualTo(1000);
        assertThat(r.cacheWriteTokens()).isEqualTo(200);
    }

    @Test
    void errorRecordsWithoutOutputCount() throws IOException {
        var r = read(record(",\"errorCode\":\"ThrottlingException\"", "{\"inputTokenCount\":0}", null)).records.get(0);
        assertThat(r.errorCode()).isEqualTo("ThrottlingException");
        assertThat(r.throttled()).isTrue();
        assertThat(r.outputTokens()).isZero();
    }

    @Test
    void offloadedBodiesStillCountAsRecords() throws IOException {
        var r = read(record("", "{\"inputBodyS3Path\":\"s3://b/AWSLogs/1/BedrockModelInvocationLogs/us-east-1/2025/06/01/10/data/r-1_input.json.gz\",\"inputTokenCount\":30000}",
                "{\"outputBodyS3Path\":\"s3://b/x/data/r-1_output.json.gz\",\"outputTokenCount\":4000}")).records.get(0);
        assertThat(r.bodyOffloaded()).isTrue();
        assertThat(r.inputTokens()).isEqualTo(30000);
        assertThat(r.outputTokens()).isEqualTo(4000);
    }

    @Test
    void guardrailInterventionsAreRecognisedInBothForms() throws IOException {
        assertThat(read(record("", "{}", "{\"outputBodyJson\":{\"stopReason\":\"guardrail_intervened\"}}")).records.get(0)
                .guardrailIntervened()).isTrue();
        assertThat(read(record("", "{}", "{\"outputBodyJson\":{\"amazon-bedrock-guardrailAction\":\"INTERVENED\"}}")).records.get(0)
                .guardrailIntervened()).isTrue();
        assertThat(read(record("", "{}", "{\"outputBodyJson\":{\"amazon-bedrock-guardrailAction\":\"NONE\",\"stopReason\":\"end_turn\"}}")).records.get(0)
                .guardrailIntervened()).isFalse();
    }

    @Test
    void requestMetadataIsKeptAsTags() throws IOException {
        var r = read(record(",\"requestMetadata\":{\"application\":\"chatbot\",\"team\":\"search\",\"n\":3}", "{}", "{}")).records.get(0);
        assertThat(r.tags()).containsEntry("application", "chatbot").containsEntry("team", "search").containsEntry("n", "3");
    }

    @Test
    void oneOrTwoTagsAndARepeatedTagKeyAreReadLikeAnyOther() throws IOException {
        var one = read(record(",\"requestMetadata\":{\"application\":\"chatbot\"}", "{}", "{}")).records.get(0);
        var two = read(record(",\"requestMetadata\":{\"application\":\"chatbot\",\"team\":null,\"n\":3}", "{}", "{}")).records.get(0);
        var repeated = read(record(",\"requestMetadata\":{\"application\":\"old\",\"application\":\"new\"}", "{}", "{}")).records.get(0);
        assertThat(one.tags()).isEqualTo(Map.of("application", "chatbot"));
        assertThat(two.tags()).isEqualTo(Map.of("application", "chatbot", "n", "3"));
        assertThat(repeated.tags()).isEqualTo(Map.of("application", "new"));
    }

    @Test
    void modelIdsAreKeptExactlyAsLogged() throws IOException {
        for (String id : List.of("us.anthropic.claude-3-5-sonnet-20241022-v2:0", "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
                "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz", "jp.anthropic.claude-haiku-4-5-20251001-v1:0")) {
            String line = record("", "{}", "{}").replace("anthropic.claude-3-haiku-20240307-v1:0", id);
            assertThat(read(line).records.get(0).modelId()).isEqualTo(id);
        }
    }

    @Test
    void keyOrderAndPrettyPrintedMultiLineRecordsAreAccepted() throws IOException {
        String pretty = """
                {
                  "output" : { "outputTokenCount" : 3 },
                  "modelId" : "amazon.nova-lite-v1:0",
                  "input" : {
                     "inputTokenCount" : 4
                  },
                  "requestId" : "pretty-1",
                  "operation" : "Converse",
                  "timestamp" : "2025-06-01T10:00:00Z",
                  "schemaType" : "ModelInvocationLog"
                }
                """;
        Collected c = read(pretty + "\n\n" + record("", "{}", "{}") + "\r\n   \n");
        assertThat(c.rejected).isEmpty();
        assertThat(c.records).hasSize(2);
        assertThat(c.records.get(0).inputTokens()).isEqualTo(4);
        assertThat(c.lines).containsExactly(1L, 14L);
    }

    @Test
    void lineEndsAreFoundAtEveryOffsetAndNextToBytesWithTheHighBitSet() throws IOException {
        // padding of every length 0..40 moves each '\n' through all eight positions of a word; 'ĊĊ' is
        // encoded C4 8A: one bit away from '\n' (0A), the case a word-at-a-time scan could confuse
        StringBuilder text = new StringBuilder();
        int records = 0;
        for (int pad = 0; pad <= 40; pad++) {
            String padding = "é".repeat(pad % 3) + "Ċ".repeat(pad % 2) + "x".repeat(pad);
            text.append(record(",\"note\":\"" + padding + "\"", null, "{\"outputTokenCount\":" + pad + "}")
                    .replace("\"r-1\"", "\"r-" + pad + "\""));
            text.append(pad % 5 == 0 ? "\r\n" : "\n");
            records++;
            if (pad % 7 == 0) {
                text.append("\n");
            }
        }

        Collected c = read(text.toString());

        assertThat(c.rejected).isEmpty();
        assertThat(c.records).hasSize(records);
        for (int i = 0; i < c.records.size(); i++) {
            assertThat(c.records.get(i).requestId()).isEqualTo("r-" + i);
            assertThat(c.records.get(i).outputTokens()).isEqualTo(i);
        }
        assertThat(c.lines.get(0)).isEqualTo(1);
        assertThat(c.lines.get(1)).isEqualTo(3);
        assertThat(c.lines.get(8)).isEqualTo(11);
    }

    /** Hands out one byte per read: every line then reaches the reader on its own (the line path). */
    static final class Trickle extends java.io.FilterInputStream {
        Trickle(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    @Test
    void wholeBufferParsingGivesExactlyWhatLineByLineParsingGives() throws IOException {
        String ok = record("", "{\"inputTokenCount\":7}", "{\"outputTokenCount\":3}");
        String text = String.join("\n",
                ok.replace("r-1", "a"),
                "",
                "   ",
                "  " + ok.replace("r-1", "indented"),
                ok.replace("r-1", "crlf") + "\r",
                ok.replace("r-1", "trailing-space") + "  ",
                ok.replace("r-1", "garbage") + "x",
                ok.replace("r-1", "cut").substring(0, 80),
                ok.replace("r-1", "after-cut"),
                "{\"schemaType\":\"ModelInvocationLog\",",
                "  \"timestamp\":\"2025-06-01T10:00:00Z\",\"requestId\":\"pretty\",",
                "  \"operation\":\"Converse\",\"modelId\":\"m\"}",
                "not json at all",
                ok.replace("ModelInvocationLog", "SomethingElse"),
                ok.replace("2025-06-01T10:00:00Z", "yesterday"),
                ok.replace("r-1", "escaped\\nnewline \u00e9\u010a"),
                ok.replace("r-1", "long") .replace("\"region\"", "\"pad\":\"" + "p".repeat(700) + "\",\"region\""),
                ok.replace("r-1", "last-without-newline"));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        Collected whole = new Collected();
        new InvocationLogReader(600).read(new ByteArrayInputStream(bytes), whole);
        Collected lineByLine = new Collected();
        new InvocationLogReader(600).read(new Trickle(bytes), lineByLine);

        assertThat(whole.records).extracting(InvocationRecord::requestId)
                .containsExactly("a", "indented", "crlf", "trailing-space", "after-cut", "pretty", "escaped\nnewline é\u010a",
                        "last-without-newline");
        assertThat(whole.records).extracting(InvocationRecord::requestId)
                .containsExactlyElementsOf(lineByLine.records.stream().map(InvocationRecord::requestId).toList());
        assertThat(whole.lines).containsExactlyElementsOf(lineByLine.lines);
        assertThat(whole.rejected).containsExactlyElementsOf(lineByLine.rejected);
        assertThat(whole.rejected).extracting(Rejected::line).containsExactly(7L, 8L, 13L, 14L, 15L, 17L);
    }

    @Test
    void badLinesAreRejectedWithTheirLineAndTheRestFlowsOn() throws IOException {
        String good = record("", "{\"inputTokenCount\":1}", "{\"outputTokenCount\":1}");
        String truncated = good.substring(0, good.length() / 2);
        String text = String.join("\n", good, "this is not json", truncated, good.replace("r-1", "r-2"),
                "{\"schemaType\":\"SomethingElse\",\"timestamp\":\"2025-06-01T10:00:00Z\",\"modelId\":\"m\"}",
                "[1,2,3]", good.replace("r-1", "r-3").replace("2025-06-01T10:00:00Z", "yesterday"), good.replace("r-1", "r-4"));
        Collected c = read(text);
        assertThat(c.records).extracting(InvocationRecord::requestId).containsExactly("r-1", "r-2", "r-4");
        assertThat(c.rejected).extracting(Rejected::line).containsExactly(2L, 3L, 5L, 6L, 7L);
        assertThat(c.rejected.get(0).reason()).startsWith("not JSON");
        assertThat(c.rejected.get(1).reason()).isEqualTo("truncated record");
        assertThat(c.rejected.get(2).reason()).contains("not a ModelInvocationLog");
        assertThat(c.rejected.get(4).reason()).contains("timestamp");
    }

    @Test
    void aTruncatedLastLineIsRejected() throws IOException {
        String good = record("", "{}", "{}");
        Collected c = read(good + "\n" + good.replace("r-1", "r-2").substring(0, 80));
        assertThat(c.records).hasSize(1);
        assertThat(c.rejected).extracting(Rejected::line).containsExactly(2L);
    }

    @Test
    void aSingleLineOf25MegabytesIsReadWithoutKeepingTheBody() throws IOException {
        StringBuilder big = new StringBuilder(26 << 20);
        big.append("{\"schemaType\":\"ModelInvocationLog\",\"timestamp\":\"2025-06-01T10:00:00Z\",\"requestId\":\"big\",")
                .append("\"operation\":\"InvokeModel\",\"modelId\":\"amazon.nova-pro-v1:0\",\"input\":{\"inputBodyJson\":{\"prompt\":\"");
        while (big.length() < 25 << 20) {
            big.append("lorem ipsum dolor sit amet ");
        }
        big.append("\"},\"inputTokenCount\":6000000},\"output\":{\"outputTokenCount\":2}}\n");
        Collected c = read(big.toString() + record("", "{}", "{}"));
        assertThat(c.rejected).isEmpty();
        assertThat(c.records).hasSize(2);
        assertThat(c.records.get(0).inputTokens()).isEqualTo(6_000_000);
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedNotBuffered() throws IOException {
        Collected c = new Collected();
        String line = record("", "{\"inputBodyJson\":{\"prompt\":\"" + "x".repeat(5000) + "\"}}", "{}");
        new InvocationLogReader(1000).read(new ByteArrayInputStream((line + "\n" + record("", "{}", "{}")).getBytes(StandardCharsets.UTF_8)), c);
        assertThat(c.rejected).hasSize(1);
        assertThat(c.rejected.get(0).reason()).contains("longer than 1000");
        assertThat(c.records).hasSize(1);
    }
}
