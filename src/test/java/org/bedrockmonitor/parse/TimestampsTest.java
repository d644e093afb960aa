package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-02T14:03:11Z", "2024-02-29T23:59:59Z", "1970-01-01T00:00:00Z",
            "2025-06-02T14:03:11.5Z", "2025-06-02T14:03:11.123Z", "2025-06-02T14:03:11.123456789Z",
            "1969-12-31T23:59:59.999Z"})
    void readsBedrockTimestampsExactlyAsTheIsoParserDoes(String text) {
        assertThat(Timestamps.utc(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29T10:00:00Z", "2025-13-01T10:00:00Z", "2025-06-02T24:00:00Z",
            "2025-06-02T14:03:11+02:00", "2025-06-02 14:03:11Z", "2025-06-02T14:03:11.Z",
            "2025-06-02T14:03:11.1234567890Z", "2025-06-02T14:03:1xZ", "+2025-06-02T14:03:11Z", "yesterday"})
    void leavesEverythingElseToTheGeneralParser(String text) {
        assertThat(Timestamps.utc(text)).isNull();
    }
}
