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
}
