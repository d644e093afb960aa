package org.bedrockmonitor.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.price.CostBasis;
import org.junit.jupiter.api.Test;

class RollupCodecTest {

    @Test
    void aWindowRowSurvivesTheRoundTripWithItsDistributionsAndErrorCodes() {
        Stats s = new Stats();
        s.invocations = 12;
        s.errors = 2;
        s.throttles = 3;
        s.serverErrors = 1;
        s.inputTokens = 15_741;
        s.outputTokens = 2_772;
        s.cacheReadTokens = 7_996;
        s.cacheWriteTokens = 5;
        s.costUsd = 0.09120179999999997;
        s.guardrailInterventions = 1;
        for (long v : new long[] {582, 872, 872, 0, 4523}) {
            s.latencyMs.add(v);
        }
        s.timeToFirstTokenMs.add(647, 3);
        s.errorCodes.put("ThrottlingException", 3L);
        s.errorCodes.put("ModelErrorException", 2L);
        WindowStats row = new WindowStats(Instant.parse("2025-06-02T13:05:00Z"), 300, "anthropic.claude-3-haiku-20240307-v1:0",
                "arn:aws:sts::123456789012:assumed-role/chatbot-prod/i-0a1b2c3d", "chat \"bot\"", false, s);

        String line = RollupCodec.encode(row);
        WindowStats back = RollupCodec.decodeWindow(line);

        assertThat(line).doesNotContain("\n");
        assertThat(RollupCodec.kindOf(RollupCodec.parse(line))).isEqualTo(RollupCodec.WINDOW);
        assertThat(back.windowStart()).isEqualTo(row.windowStart());
        assertThat(back.windowSeconds()).isEqualTo(300);
        assertThat(back.modelId()).isEqualTo(row.modelId());
        assertThat(back.principalArn()).isEqualTo(row.principalArn());
        assertThat(back.application()).isEqualTo("chat \"bot\"");
        assertThat(back.priced()).isFalse();
        Stats b = back.stats();
        assertThat(new long[] {b.invocations, b.errors, b.throttles, b.serverErrors, b.inputTokens, b.outputTokens,
                b.cacheReadTokens, b.cacheWriteTokens, b.guardrailInterventions})
                .containsExactly(12, 2, 3, 1, 15_741, 2_772, 7_996, 5, 1);
        assertThat(b.costUsd).isEqualTo(0.09120179999999997);
        assertThat(b.latencyMs.distinctValues()).containsExactly(0, 582, 872, 4523);
        assertThat(b.latencyMs.valueCounts()).containsExactly(1, 1, 2, 1);
        assertThat(b.timeToFirstTokenMs.distinctValues()).containsExactly(647);
        assertThat(b.timeToFirstTokenMs.count()).isEqualTo(3);
        assertThat(b.errorCodes).containsExactly(
                java.util.Map.entry("ModelErrorException", 2L), java.util.Map.entry("ThrottlingException", 3L));
    }

    @Test
    void fieldsMayComeInAnyOrderAndUnknownFieldsAreSkipped() {
        String line = "{\"future\":{\"a\":[1,2]},\"stats\":{\"invocations\":4,\"latencyMs\":{\"counts\":[3,1],\"values\":[10,20]}},"
                + "\"windowStart\":\"2025-06-02T00:00:00Z\",\"windowSeconds\":300,\"modelId\":\"m\",\"kind\":\"window\"}";

        WindowStats row = RollupCodec.decodeWindow(line);

        assertThat(row.stats().invocations).isEqualTo(4);
        assertThat(row.stats().latencyMs.percentile(50)).isEqualTo(10);
        assertThat(row.stats().latencyMs.count()).isEqualTo(4);
        assertThat(row.principalArn()).isEmpty();
        assertThat(row.priced()).isTrue();
    }

    @Test
    void linesOfOtherKindsAreNotWindowsAndBrokenLinesThrow() {
        String header = RollupCodec.encode(new ObjectSummary("s3://b/k", "INVOCATION_LOG", 3, 2, 1, 0, 0, 0));
        JsonNode node = RollupCodec.parse(header);

        assertThat(RollupCodec.decodeWindow(header)).isNull();
        assertThat(RollupCodec.decodeObject(node).read()).isEqualTo(3);
        assertThat(RollupCodec.decodeWindow("{\"kind\":\"audit\",\"eventId\":\"e\"}")).isNull();
        assertThatThrownBy(() -> RollupCodec.decodeWindow("{\"kind\":\"window\",\"stats\":{\"invocations\":"))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> RollupCodec.decodeWindow("{\"kind\":\"window\",\"windowSeconds\":300}"))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> RollupCodec.decodeWindow("[1]")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aRowKeepsThePriceBookTierRegionAndRuleItWasPricedWithAndItsCostParts() {
        Stats s = new Stats();
        s.invocations = 2;
        s.cacheWriteTokens = 1000;
        s.cacheWrite1hTokens = 600;
        s.images = 3;
        s.unbilledInputTokens = 7;
        s.unbilledCacheWriteTokens = 9;
        s.costUsd = 0.24;
        s.guardrailCostUsd = 0.0006;
        CostBasis basis = new CostBasis("aws-2025-11", "flex", "eu-west-1", "images 2048/premium");
        WindowStats row = new WindowStats(Instant.parse("2025-11-20T10:00:00Z"), 300, "amazon.nova-canvas-v1:0", "p", "", true,
                s, basis);

        WindowStats back = RollupCodec.decodeWindow(RollupCodec.encode(row));

        assertThat(back.costBasis()).isEqualTo(basis);
        assertThat(back.costBasis().imageVariant()).isEqualTo("2048/premium");
        assertThat(back.stats().cacheWrite1hTokens).isEqualTo(600);
        assertThat(back.stats().images).isEqualTo(3);
        assertThat(back.stats().unbilledInputTokens).isEqualTo(7);
        assertThat(back.stats().unbilledCacheWriteTokens).isEqualTo(9);
        assertThat(back.stats().guardrailCostUsd).isEqualTo(0.0006);
        assertThat(back.stats().costUsd).isEqualTo(0.24);
    }

    @Test
    void theStandardTierAndTheTokensRuleAreLeftOutOfTheLineAndReadBack() {
        CostBasis basis = new CostBasis("aws-2025-11", "standard", "us-east-1", CostBasis.TOKENS);
        String line = RollupCodec.encode(new WindowStats(Instant.parse("2025-11-20T10:00:00Z"), 300, "m", "p", "", true,
                new Stats(), basis));

        assertThat(line).contains("\"priceBook\":\"aws-2025-11\"").doesNotContain("\"tier\"", "\"rule\"", "guardrailCostUsd",
                "unbilled");
        assertThat(RollupCodec.decodeWindow(line).costBasis()).isEqualTo(basis);
        assertThat(RollupCodec.decodeWindow(RollupCodec.encode(new WindowStats(Instant.parse("2025-11-20T10:00:00Z"), 300, "m",
                "p", "", true, new Stats(), CostBasis.LEGACY))).costBasis()).isEqualTo(CostBasis.LEGACY);
    }

    @Test
    void aRowWrittenBeforePriceBooksReadsAsLegacy() {
        String before = "{\"kind\":\"window\",\"windowStart\":\"2025-06-02T13:05:00Z\",\"windowSeconds\":300,\"modelId\":\"m\","
                + "\"principal\":\"p\",\"application\":\"\",\"priced\":true,\"stats\":{\"invocations\":1,\"costUsd\":0.5}}";

        WindowStats row = RollupCodec.decodeWindow(before);

        assertThat(row.costBasis()).isEqualTo(CostBasis.LEGACY);
        assertThat(row.stats().guardrailCostUsd).isZero();
        assertThat(row.stats().costUsd).isEqualTo(0.5);
    }
}
