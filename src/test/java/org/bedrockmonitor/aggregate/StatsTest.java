package org.bedrockmonitor.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.bedrockmonitor.parse.InvocationLogReader;
import org.bedrockmonitor.parse.InvocationRecord;
import org.junit.jupiter.api.Test;

class StatsTest {

    /** A record with {@code tokens} of each kind, as the reader makes it. */
    static InvocationRecord record(long tokens) {
        String line = "{\"schemaType\":\"ModelInvocationLog\",\"timestamp\":\"2026-06-01T10:00:00Z\",\"requestId\":\"r\","
                + "\"operation\":\"Converse\",\"modelId\":\"m\",\"input\":{\"inputTokenCount\":" + tokens
                + ",\"cacheReadInputTokenCount\":" + tokens + ",\"cacheWriteInputTokenCount\":" + tokens
                + "},\"output\":{\"outputTokenCount\":" + tokens + "}}";
        List<InvocationRecord> records = new ArrayList<>();
        try {
            new InvocationLogReader(1 << 20).read(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                    new InvocationLogReader.Handler() {
                        @Override
                        public void record(InvocationRecord record, long lineNumber) {
                            records.add(record);
                        }

                        @Override
                        public void rejected(long lineNumber, String reason, byte[] raw, int offset, int length) {
                            throw new AssertionError(reason);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records.get(0);
    }

    @Test
    void tokenSumsOfRecordsAtTheLargestAcceptedCountAreExact() {
        Stats stats = new Stats();
        for (int i = 0; i < 1000; i++) {
            stats.add(record(1_000_000_000_000L), 0);
        }
        assertThat(stats.inputTokens).isEqualTo(1_000_000_000_000_000L);
        assertThat(stats.totalTokens()).isEqualTo(4_000_000_000_000_000L);
        assertThat(new Stats().merge(stats).merge(stats).cacheWriteTokens).isEqualTo(2_000_000_000_000_000L);
    }

    @Test
    void sumsBeyondTheRangeOfALongStopAtTheMaximumInsteadOfTurningNegative() {
        Stats big = new Stats();
        big.inputTokens = Long.MAX_VALUE - 5;
        big.outputTokens = Long.MAX_VALUE / 2 + 1;
        big.cacheReadTokens = Long.MAX_VALUE / 2 + 1;

        big.add(record(10), 0);
        Stats merged = new Stats().merge(big).merge(big);

        assertThat(big.inputTokens).isEqualTo(Long.MAX_VALUE);
        assertThat(big.totalTokens()).isEqualTo(Long.MAX_VALUE);
        assertThat(merged.inputTokens).isEqualTo(Long.MAX_VALUE);
        assertThat(merged.outputTokens).isEqualTo(Long.MAX_VALUE);
        assertThat(Stats.plus(Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(Stats.plus(40, 2)).isEqualTo(42);
    }

    @Test
    void costsMergedInAnyOrderGiveTheSameTotalToTheLastBit() {
        java.util.Random random = new java.util.Random(7);
        java.util.List<Stats> objects = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Stats object = new Stats();
            object.costUsd = random.nextDouble() * Math.pow(10, random.nextInt(8) - 6);
            object.guardrailCostUsd = random.nextDouble() / 1000;
            objects.add(object);
        }
        Stats inOrder = new Stats();
        objects.forEach(inOrder::mergeCounts);
        java.util.Collections.shuffle(objects, random);
        Stats shuffled = new Stats();
        objects.forEach(shuffled::mergeCounts);
        // merged in pairs first, as replicas' partial totals are
        Stats halves = new Stats().merge(sum(objects.subList(0, 1_000))).merge(sum(objects.subList(1_000, 2_000)));

        assertThat(shuffled.costUsd).isEqualTo(inOrder.costUsd);
        assertThat(halves.costUsd).isEqualTo(inOrder.costUsd);
        assertThat(shuffled.guardrailCostUsd).isEqualTo(inOrder.guardrailCostUsd);
        java.math.BigDecimal exact = objects.stream().map(o -> new java.math.BigDecimal(o.costUsd))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(inOrder.costUsd).as("the exact sum, rounded once").isEqualTo(exact.doubleValue());
    }

    static Stats sum(java.util.List<Stats> parts) {
        Stats total = new Stats();
        parts.forEach(total::mergeCounts);
        return total;
    }
}
