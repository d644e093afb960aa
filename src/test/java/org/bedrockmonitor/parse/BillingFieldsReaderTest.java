package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.bedrockmonitor.parse.InvocationLogReaderTest.Collected;
import org.junit.jupiter.api.Test;

/**
 * The fields billing rules need, read from records written here in the shapes of the Bedrock model
 * invocation log and of the Converse, InvokeModel (Anthropic, Nova Canvas, Titan, Cohere) request and
 * response bodies as AWS documents them.
 */
class BillingFieldsReaderTest {

    static String record(String modelId, String operation, String input, String output) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"2025-11-20T10:00:00Z\","
                + "\"accountId\":\"111122223333\",\"identity\":{\"arn\":\"arn:aws:iam::111122223333:user/u\"},"
                + "\"region\":\"us-east-1\",\"requestId\":\"r-" + Math.abs((input + output).hashCode()) + "\","
                + "\"operation\":\"" + operation + "\",\"modelId\":\"" + modelId + "\","
                + "\"input\":" + input + ",\"output\":" + output + "}\n";
    }

    static InvocationRecord one(String line) throws IOException {
        Collected collected = InvocationLogReaderTest.read(line);
        assertThat(collected.rejected).isEmpty();
        assertThat(collected.records).hasSize(1);
        return collected.records.get(0);
    }

    @Test
    void converseCacheDetailsSplitTheCacheWritesByTtlAndAliasesAreNeverAddedToTheirTwins() throws IOException {
        InvocationRecord r = one(record("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "Converse",
                "{\"inputContentType\":\"application/json\",\"inputBodyJson\":{\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"text\":\"hi\"},{\"cachePoint\":{\"type\":\"default\",\"ttl\":\"1h\"}}]}],"
                        + "\"inferenceConfig\":{\"maxTokens\":64000}},"
                        + "\"inputTokenCount\":20,\"cacheReadInputTokenCount\":0,\"cacheWriteInputTokenCount\":1000}",
                "{\"outputContentType\":\"application/json\",\"outputBodyJson\":{\"output\":{\"message\":{\"role\":\"assistant\","
                        + "\"content\":[{\"text\":\"hello\"}]}},\"stopReason\":\"end_turn\",\"metrics\":{\"latencyMs\":900},"
                        + "\"usage\":{\"inputTokens\":20,\"outputTokens\":5,\"totalTokens\":1025,\"cacheReadInputTokens\":0,"
                        + "\"cacheWriteInputTokens\":1000,\"cacheDetails\":[{\"inputTokens\":600,\"ttl\":\"1h\"},"
                        + "{\"inputTokens\":400,\"ttl\":\"5m\"}]}},\"outputTokenCount\":5}"));
        assertThat(r.inputTokens()).isEqualTo(20);
        assertThat(r.outputTokens()).isEqualTo(5);
        assertThat(r.cacheWriteTokens()).as("the log's count, not the log's plus the body's").isEqualTo(1000);
        assertThat(r.billing().cacheWrite1hTokens()).isEqualTo(600);
        assertThat(r.outputTokens()).as("maxTokens is a quota, never a count").isNotEqualTo(64000);
    }

    @Test
    void converseFieldNamesAreTheFallbackWhenTheLogCountsAreMissing() throws IOException {
        InvocationRecord r = one(record("amazon.nova-pro-v1:0", "Converse", "{\"inputBodyJson\":{\"messages\":[]}}",
                "{\"outputBodyJson\":{\"usage\":{\"inputTokens\":11,\"outputTokens\":22,\"cacheReadInputTokens\":33,"
                        + "\"cacheWriteInputTokens\":44}}}"));
        assertThat(new long[] {r.inputTokens(), r.outputTokens(), r.cacheReadTokens(), r.cacheWriteTokens()})
                .containsExactly(11, 22, 33, 44);
    }

    @Test
    void anthropicInvokeModelUsageGivesTheOneHourCacheWritesAndFallbackCounts() throws IOException {
        InvocationRecord r = one(record("anthropic.claude-haiku-4-5-20251001-v1:0", "InvokeModel",
                "{\"inputBodyJson\":{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":4096,\"messages\":[]}}",
                "{\"outputBodyJson\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                        + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":12,\"output_tokens\":34,"
                        + "\"cache_read_input_tokens\":5,\"cache_creation_input_tokens\":100,"
                        + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":70,\"ephemeral_1h_input_tokens\":30}}}}"));
        assertThat(new long[] {r.inputTokens(), r.outputTokens(), r.cacheReadTokens(), r.cacheWriteTokens()})
                .containsExactly(12, 34, 5, 100);
        assertThat(r.billing().cacheWrite1hTokens()).isEqualTo(30);
    }

    @Test
    void aStreamedMessageStartGivesTheOneHourCacheWrites() throws IOException {
        InvocationRecord r = one(record("anthropic.claude-sonnet-4-5-20250929-v1:0", "InvokeModelWithResponseStream",
                "{\"inputBodyJson\":{\"messages\":[]},\"inputTokenCount\":10,\"cacheWriteInputTokenCount\":500}",
                "{\"outputBodyJson\":[{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"role\":\"assistant\",\"content\":[],"
                        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1,\"cache_creation_input_tokens\":500,"
                        + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":500}}}},"
                        + "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":42}},"
                        + "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":10,"
                        + "\"outputTokenCount\":42,\"invocationLatency\":1500,\"firstByteLatency\":300}}],"
                        + "\"outputTokenCount\":42}"));
        assertThat(r.outputTokens()).isEqualTo(42);
        assertThat(r.cacheWriteTokens()).isEqualTo(500);
        assertThat(r.billing().cacheWrite1hTokens()).isEqualTo(500);
    }

    @Test
    void theServedTierAndLatencyComeFromTheResponseAndTheAskedTierFromTheRequest() throws IOException {
        InvocationRecord r = one(record("openai.gpt-oss-120b-1:0", "Converse",
                "{\"inputBodyJson\":{\"messages\":[],\"serviceTier\":{\"type\":\"priority\"},"
                        + "\"performanceConfig\":{\"latency\":\"optimized\"}},\"inputTokenCount\":1}",
                "{\"outputBodyJson\":{\"usage\":{\"inputTokens\":1,\"outputTokens\":1},\"serviceTier\":{\"type\":\"flex\"},"
                        + "\"performanceConfig\":{\"latency\":\"standard\"}},\"outputTokenCount\":1}"));
        assertThat(r.billing().requestServiceTier()).isEqualTo("priority");
        assertThat(r.billing().responseServiceTier()).isEqualTo("flex");
        assertThat(r.billing().responseLatency()).isEqualTo("standard");
        InvocationRecord invoke = one(record("openai.gpt-oss-20b-1:0", "InvokeModel",
                "{\"inputBodyJson\":{\"messages\":[],\"service_tier\":\"flex\"},\"inputTokenCount\":1}",
                "{\"outputBodyJson\":{\"choices\":[],\"service_tier\":\"flex\"},\"outputTokenCount\":1}"));
        assertThat(invoke.billing().requestServiceTier()).isEqualTo("flex");
        assertThat(invoke.billing().responseServiceTier()).isEqualTo("flex");
    }

    @Test
    void anImageRequestGivesItsNumberSizeAndQuality() throws IOException {
        InvocationRecord r = one(record("amazon.nova-canvas-v1:0", "InvokeModel",
                "{\"inputBodyJson\":{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a lighthouse\"},"
                        + "\"imageGenerationConfig\":{\"numberOfImages\":3,\"quality\":\"premium\",\"width\":1280,"
                        + "\"height\":720,\"cfgScale\":6.5,\"seed\":12}}}",
                "{\"outputBodyS3Path\":\"s3://logs/data/out.json\"}"));
        InvocationRecord.Billing b = r.billing();
        assertThat(b.imageGeneration()).isTrue();
        assertThat(b.imagesRequested()).isEqualTo(3);
        assertThat(b.imageWidth()).isEqualTo(1280);
        assertThat(b.imageHeight()).isEqualTo(720);
        assertThat(b.imageQuality()).isEqualTo("premium");
        InvocationRecord plain = one(record("amazon.titan-image-generator-v2:0", "InvokeModel",
                "{\"inputBodyJson\":{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"x\"}}}", "{}"));
        assertThat(plain.billing().imageGeneration()).isTrue();
        assertThat(plain.billing().imagesRequested()).as("absent: the pricing default applies").isZero();
    }

    @Test
    void imagesSentToEmbeddingModelsAreCounted() throws IOException {
        InvocationRecord titan = one(record("amazon.titan-embed-image-v1", "InvokeModel",
                "{\"inputBodyJson\":{\"inputText\":\"a cat\",\"inputImage\":\"iVBORw0KGgo=\"},\"inputTokenCount\":3}", "{}"));
        assertThat(titan.billing().imagesSent()).isEqualTo(1);
        assertThat(titan.billing().imageGeneration()).isFalse();
        InvocationRecord cohere = one(record("cohere.embed-english-v3", "InvokeModel",
                "{\"inputBodyJson\":{\"input_type\":\"image\",\"images\":[\"data:image/png;base64,AA==\","
                        + "\"data:image/png;base64,AQ==\"]}}", "{}"));
        assertThat(cohere.billing().imagesSent()).isEqualTo(2);
    }

    @Test
    void guardrailUsageUnitsAreSummedOverInputAndOutputAssessments() throws IOException {
        String usage = "\"invocationMetrics\":{\"guardrailProcessingLatency\":300,\"usage\":{\"topicPolicyUnits\":1,"
                + "\"contentPolicyUnits\":2,\"wordPolicyUnits\":1,\"sensitiveInformationPolicyUnits\":1,"
                + "\"sensitiveInformationPolicyFreeUnits\":0,\"contextualGroundingPolicyUnits\":%d},"
                + "\"guardrailCoverage\":{\"textCharacters\":{\"guarded\":200,\"total\":300}}}";
        InvocationRecord converse = one(record("anthropic.claude-3-5-sonnet-20240620-v1:0", "Converse",
                "{\"inputBodyJson\":{\"messages\":[]},\"inputTokenCount\":70}",
                "{\"outputBodyJson\":{\"stopReason\":\"guardrail_intervened\",\"usage\":{\"inputTokens\":70,\"outputTokens\":209},"
                        + "\"trace\":{\"guardrail\":{\"modelOutput\":[\"{\\\"id\\\":\\\"x\\\"}\"],"
                        + "\"inputAssessment\":{\"g1\":{" + String.format(usage, 0) + "}},"
                        + "\"outputAssessments\":[{\"g1\":{\"contextualGroundingPolicy\":{\"filters\":[]}," + String.format(usage, 2)
                        + "}}]}}},\"outputTokenCount\":209}"));
        assertThat(converse.billing().guardrailUnits()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "topicPolicyUnits", 2L, "contentPolicyUnits", 4L, "wordPolicyUnits", 2L,
                "sensitiveInformationPolicyUnits", 2L, "contextualGroundingPolicyUnits", 2L));
        assertThat(converse.guardrailIntervened()).isTrue();
        InvocationRecord invoke = one(record("anthropic.claude-3-haiku-20240307-v1:0", "InvokeModel",
                "{\"inputBodyJson\":{\"messages\":[]},\"inputTokenCount\":0}",
                "{\"outputBodyJson\":{\"content\":[],\"amazon-bedrock-guardrailAction\":\"INTERVENED\","
                        + "\"amazon-bedrock-trace\":{\"guardrail\":{\"input\":{\"g2\":{" + String.format(usage, 0)
                        + "}}}}},\"outputTokenCount\":0}"));
        assertThat(invoke.billing().guardrailUnits()).containsEntry("contentPolicyUnits", 2L);
    }

    @Test
    void theSourceRegionIsKeptWhereverTheRequestRan() throws IOException {
        String line = record("us.anthropic.claude-3-5-haiku-20241022-v1:0", "Converse", "{\"inputTokenCount\":1}",
                "{\"outputTokenCount\":1}").replace("\"region\":\"us-east-1\",", "\"region\":\"us-east-1\",\"inferenceRegion\":\"us-west-2\",");
        assertThat(one(line).region()).isEqualTo("us-east-1");
    }

    @Test
    void aRecordWithoutBillingDetailsSharesTheEmptyOnes() throws IOException {
        InvocationRecord r = one(record("amazon.nova-lite-v1:0", "Converse", "{\"inputTokenCount\":1}", "{\"outputTokenCount\":1}"));
        assertThat(r.billing()).isSameAs(InvocationRecord.Billing.NONE);
    }
}
