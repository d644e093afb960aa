package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.bedrockmonitor.parse.AuditLogReader.Counts;
import org.junit.jupiter.api.Test;

/** A hostile or broken CloudTrail event among good ones: counted as rejected, the good ones around it read exactly. */
class HostileCloudTrailTest {

    record Result(Counts counts, List<AuditEvent> events) {
    }

    static Result read(String text) throws IOException {
        List<AuditEvent> events = new ArrayList<>();
        Counts counts = new CloudTrailReader(HostileRecordsTest.BOUNDS)
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), events::add);
        return new Result(counts, events);
    }

    static String event(String time, String name) {
        return CloudTrailJson.event(time, name).node().toString();
    }

    @Test
    void anEventBeyondAParserLimitIsRejectedAndTheNextLineIsRead() throws IOException {
        String deep = event("2026-06-01T10:00:01Z", "Converse")
                .replace("\"requestParameters\":{", "\"requestParameters\":{\"x\":" + "[".repeat(1001) + "]".repeat(1001) + ",");
        String longNumber = event("2026-06-01T10:00:02Z", "Converse").replace("\"readOnly\":true", "\"readOnly\":" + "9".repeat(1500));
        String text = String.join("\n", event("2026-06-01T10:00:00Z", "InvokeModel"), deep,
                event("2026-06-01T10:00:03Z", "ConverseStream"), longNumber, event("2026-06-01T10:00:04Z", "InvokeModel"));

        Result result = read(text);

        assertThat(result.events()).extracting(AuditEvent::eventName).containsExactly("InvokeModel", "ConverseStream", "InvokeModel");
        assertThat(result.counts()).isEqualTo(new Counts(5, 3, 2));
    }

    @Test
    void anEventPulledIntoABrokenOneByAnUnclosedBracketIsReadAgain() throws IOException {
        String unclosed = "{\"eventSource\":\"bedrock.amazonaws.com\",\"eventName\":\"InvokeModel\",\"resources\":[";
        String text = String.join("\n", unclosed, event("2026-06-01T10:00:00Z", "Converse"),
                event("2026-06-01T10:00:01Z", "ConverseStream"));

        Result result = read(text);

        assertThat(result.events()).extracting(AuditEvent::eventName).containsExactly("Converse", "ConverseStream");
        assertThat(result.counts()).isEqualTo(new Counts(3, 2, 1));
    }

    @Test
    void aBedrockEventStampedOutsideTheTimeBoundsIsRejected() throws IOException {
        String text = String.join("\n", event("2026-06-01T10:00:00Z", "InvokeModel"), event("1970-01-01T00:00:00Z", "InvokeModel"),
                event("2027-01-01T00:00:00Z", "InvokeModel"), event("2026-06-01T10:00:01Z", "Converse"));

        Result result = read(text);

        assertThat(result.events()).extracting(AuditEvent::eventName).containsExactly("InvokeModel", "Converse");
        assertThat(result.counts()).isEqualTo(new Counts(4, 2, 2));
    }
}
