package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.bedrockmonitor.parse.InvocationLogReaderTest.Collected;
import org.bedrockmonitor.parse.InvocationLogReaderTest.Rejected;
import org.bedrockmonitor.parse.InvocationLogReaderTest.Trickle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * One hostile or broken record between two good ones: it is rejected alone, with a reason in the reader's
 * own words, and the good records around it are counted exactly.
 */
class HostileRecordsTest {

    static final String CANARY = "SecretCanary";
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final TimeBounds BOUNDS = new TimeBounds(Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(7),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static String record(String id, long inputTokens, String extraTopLevel, String inputBody) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"2026-06-01T10:00:00Z\","
                + "\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"arn:aws:iam::123456789012:user/alice\"},"
                + "\"region\":\"us-east-1\",\"requestId\":\"" + id + "\",\"operation\":\"InvokeModel\","
                + "\"modelId\":\"amazon.titan-text-express-v1\"" + extraTopLevel
                + ",\"input\":{\"inputContentType\":\"application/json\",\"inputBodyJson\":" + inputBody
                + ",\"inputTokenCount\":" + inputTokens + "},\"output\":{\"outputBodyJson\":{\"results\":[{\"outputText\":\""
                + CANARY + " answer\"}]},\"outputTokenCount\":3}}";
    }

    static String good(String id, long inputTokens) {
        return record(id, inputTokens, "", "{\"inputText\":\"" + CANARY + " question\"}");
    }

    static Collected read(String text, boolean lineByLine) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Collected collected = new Collected();
        new InvocationLogReader(64L << 20, BOUNDS).read(lineByLine ? new Trickle(bytes) : new ByteArrayInputStream(bytes), collected);
        return collected;
    }

    static Stream<Arguments> hostileRecords() {
        return Stream.of(
                Arguments.of("a body nested 1,001 levels deep",
                        record("h", 5, "", "{\"x\":" + "[".repeat(1001) + "]".repeat(1001) + "}"), "nested deeper than 1000 levels"),
                Arguments.of("a 1,500-digit number in a body",
                        record("h", 5, "", "{\"n\":" + "7".repeat(1500) + "}"), "a number longer than 1000 digits"),
                Arguments.of("a 60,000-character key in a body",
                        record("h", 5, "", "{\"" + "k".repeat(60_000) + "\":1}"), "a field name longer than 50000 characters"),
                Arguments.of("a 21 MB modelId",
                        good("h", 5).replace("amazon.titan-text-express-v1", "m".repeat(21 << 20)), "a string longer than 20000000 characters"),
                Arguments.of("a 5,000-character modelId",
                        good("h", 5).replace("amazon.titan-text-express-v1", "m".repeat(5000)), "/modelId is longer than 2048 characters"),
                Arguments.of("a 100 KB tag key",
                        record("h", 5, ",\"requestMetadata\":{\"" + "t".repeat(100_000) + "\":\"v\"}", "{}"), "a field name longer than 50000"),
                Arguments.of("a 3,000-character tag value",
                        record("h", 5, ",\"requestMetadata\":{\"application\":\"" + "v".repeat(3000) + "\"}", "{}"),
                        "a requestMetadata value is longer than 2048 characters"),
                Arguments.of("inputTokenCount 99999999999999999999999",
                        record("h", 5, "", "{}").replace("\"inputTokenCount\":5", "\"inputTokenCount\":99999999999999999999999"),
                        "/input/inputTokenCount is above 1000000000000"),
                Arguments.of("inputTokenCount 1e30",
                        record("h", 5, "", "{}").replace("\"inputTokenCount\":5", "\"inputTokenCount\":1e30"),
                        "/input/inputTokenCount is above 1000000000000"),
                Arguments.of("inputTokenCount 9223372036854775807",
                        record("h", 9223372036854775807L, "", "{}"), "/input/inputTokenCount is above 1000000000000"),
                Arguments.of("inputTokenCount just above 10^12",
                        record("h", 1_000_000_000_001L, "", "{}"), "/input/inputTokenCount is above 1000000000000"),
                Arguments.of("a negative inputTokenCount",
                        record("h", -5, "", "{}"), "/input/inputTokenCount is negative"),
                Arguments.of("a negative big integer",
                        record("h", 5, "", "{}").replace("\"inputTokenCount\":5", "\"inputTokenCount\":-99999999999999999999999"),
                        "/input/inputTokenCount is negative"),
                Arguments.of("a count that is a word",
                        record("h", 5, "", "{}").replace("\"inputTokenCount\":5", "\"inputTokenCount\":\"many\""),
                        "/input/inputTokenCount is not a number"),
                Arguments.of("a count that is an object",
                        record("h", 5, "", "{}").replace("\"inputTokenCount\":5", "\"inputTokenCount\":{\"n\":5}"),
                        "/input/inputTokenCount is not a number"),
                Arguments.of("a negative latency in the stream metrics",
                        record("h", 5, "", "{}").replace("\"outputTokenCount\":3",
                                "\"outputTokenCount\":3,\"outputBodyJson\":[{\"amazon-bedrock-invocationMetrics\":{\"invocationLatency\":-40}}]"),
                        "/output/outputBodyJson/0/amazon-bedrock-invocationMetrics/invocationLatency is negative"),
                Arguments.of("a negative cache read count",
                        record("h", 5, "", "{}").replace("\"inputTokenCount\":5", "\"inputTokenCount\":5,\"cacheReadInputTokenCount\":-1"),
                        "/input/cacheReadInputTokenCount is negative"),
                Arguments.of("a timestamp before 2020",
                        good("h", 5).replace("2026-06-01T10:00:00Z", "1970-01-01T00:00:00Z"), "timestamp before 2020-01-01T00:00:00Z"),
                Arguments.of("the year 1",
                        good("h", 5).replace("2026-06-01T10:00:00Z", "0001-01-01T00:00:00Z"), "timestamp before 2020-01-01T00:00:00Z"),
                Arguments.of("a timestamp eight days ahead of the clock",
                        good("h", 5).replace("2026-06-01T10:00:00Z", "2026-12-11T12:00:01Z"), "timestamp after 2026-12-10T12:00:00Z"),
                Arguments.of("the year 9999",
                        good("h", 5).replace("2026-06-01T10:00:00Z", "9999-12-31T23:59:59Z"), "timestamp after 2026-12-10T12:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRecords")
    void aHostileRecordIsRejectedWithItsReasonAndTheRecordsAroundItCountExactly(String what, String hostile, String reason)
            throws IOException {
        String text = good("before", 11) + "\n" + hostile + "\n" + good("after", 13) + "\n";
        for (boolean lineByLine : new boolean[] {false, true}) {
            if (lineByLine && hostile.length() > 1 << 20) {
                continue;
            }
            Collected c = read(text, lineByLine);

            assertThat(c.records).extracting(InvocationRecord::requestId).containsExactly("before", "after");
            assertThat(c.records).extracting(InvocationRecord::inputTokens).containsExactly(11L, 13L);
            assertThat(c.rejected).singleElement().satisfies(r -> {
                assertThat(r.line()).isEqualTo(2);
                assertThat(r.reason()).contains(reason).doesNotContain(CANARY).doesNotContain("kkkk").doesNotContain("mmmm");
            });
        }
    }

    @Test
    void aRecordSixDaysAheadOfTheClockAndOneFromBedrocksFirstYearAreCounted() throws IOException {
        Collected c = read(good("soon", 1).replace("2026-06-01T10:00:00Z", "2026-12-09T12:00:00Z") + "\n"
                + good("early", 2).replace("2026-06-01T10:00:00Z", "2023-09-28T00:00:00Z"), false);
        assertThat(c.rejected).isEmpty();
        assertThat(c.records).extracting(InvocationRecord::requestId).containsExactly("soon", "early");
    }

    @Test
    void theLimitsOfAValidRecordAreInclusive() throws IOException {
        String id = "r".repeat(2048);
        Collected c = read(record(id, 1_000_000_000_000L, "", "{\"x\":" + "[".repeat(990) + "]".repeat(990) + "}"), false);
        assertThat(c.rejected).isEmpty();
        assertThat(c.records).singleElement().satisfies(r -> {
            assertThat(r.requestId()).isEqualTo(id);
            assertThat(r.inputTokens()).isEqualTo(1_000_000_000_000L);
        });
    }

    @Test
    void syntaxErrorsAreReportedWithLineColumnAndSchemaPathNeverWithTheTextAtFault() throws IOException {
        List<String> broken = List.of(
                good("x", 1).replace("\"" + CANARY + " question\"", CANARY),
                good("x", 1).replace("\"" + CANARY + " question\"", "\"" + CANARY + "\u0001\""),
                good("x", 1).replace("{\"inputText\":", "{\"" + CANARY + "\":" + CANARY + ",\"inputText\":"),
                good("x", 1).replace("\"" + CANARY + " question\"", "[\"" + CANARY + "\"}"),
                good("x", 1).replace("\"" + CANARY + " question\"", "\"" + CANARY + "\\q\""),
                good("x", 1).replace("\"" + CANARY + " question\"", "-" + CANARY));
        StringBuilder text = new StringBuilder(good("first", 1)).append('\n');
        broken.forEach(line -> text.append(line).append('\n'));
        text.append(good("last", 2));

        Collected c = read(text.toString(), false);

        assertThat(c.records).extracting(InvocationRecord::requestId).containsExactly("first", "last");
        assertThat(c.rejected).hasSize(broken.size());
        assertThat(c.rejected).extracting(Rejected::reason).allSatisfy(reason -> assertThat(reason)
                .startsWith("not JSON: ").doesNotContain(CANARY).doesNotContain("'").containsPattern("at line \\d+, column \\d+"));
        assertThat(c.rejected.get(0).reason()).isEqualTo(
                "not JSON: a bare word where a value belongs at line 2, column " + (good("x", 1).indexOf(CANARY + " question") + CANARY.length() + 1)
                        + " (near /input/inputBodyJson/*)");
        assertThat(c.rejected.get(1).reason()).contains("an unescaped control character in a string");
        assertThat(c.rejected.get(2).reason()).contains("(near /input/inputBodyJson/*)");
    }

    @Test
    void aTruncatedPrettyPrintedRecordIsOneRejectedRecordNotOnePerLine() throws IOException {
        String pretty = Json2.pretty(good("pretty", 7));
        String[] lines = pretty.split("\n");
        assertThat(lines.length).isGreaterThan(15);
        String truncated = String.join("\n", List.of(lines).subList(0, lines.length - 4));
        String corrupted = pretty.replace("\"region\"", "region");

        String text = good("a", 1) + "\n" + truncated + "\n" + good("b", 2) + "\n" + corrupted + "\n" + pretty + "\n"
                + truncated + "\n";

        for (boolean lineByLine : new boolean[] {false, true}) {
            Collected c = read(text, lineByLine);

            assertThat(c.records).extracting(InvocationRecord::requestId).containsExactly("a", "b", "pretty");
            assertThat(c.rejected).hasSize(3);
            long truncatedStart = 2;
            long corruptedStart = truncatedStart + lines.length - 4 + 1;
            assertThat(c.rejected).extracting(Rejected::line)
                    .containsExactly(truncatedStart, corruptedStart, corruptedStart + 2L * lines.length);
            assertThat(c.rejected.get(0).reason()).isEqualTo("truncated record (record spans lines 2-" + (lines.length - 3) + ")");
            assertThat(c.rejected.get(1).reason()).startsWith("not JSON: an unexpected character at line " + (corruptedStart + 8))
                    .endsWith("(record spans lines " + corruptedStart + "-" + (corruptedStart + lines.length - 1) + ")");
            assertThat(c.rejected.get(2).reason()).startsWith("truncated record");
        }
    }

    @Test
    void aCutOffLineFollowedByAPrettyPrintedRecordRejectsOnlyTheCutOffLine() throws IOException {
        String cut = good("cut", 1).substring(0, 120);
        String text = good("a", 1) + "\n" + cut + "\n" + Json2.pretty(good("pretty", 2)) + "\n" + cut + "\n" + good("z", 3);
        for (boolean lineByLine : new boolean[] {false, true}) {
            Collected c = read(text, lineByLine);
            assertThat(c.records).extracting(InvocationRecord::requestId).containsExactly("a", "pretty", "z");
            assertThat(c.rejected).extracting(Rejected::reason).containsExactly("truncated record", "truncated record");
        }
    }

    @Test
    void linesThatFollowABrokenRecordAreItsOwnUntilARecordStartsAgain() throws IOException {
        String text = String.join("\n",
                "{\"schemaType\":\"ModelInvocationLog\",",
                "  \"timestamp\": broken,",
                "  \"requestId\": \"lost\"",
                "}",
                "  " + good("indented-whole-record", 3),
                "not json after it",
                good("next", 4));
        Collected c = read(text, false);
        assertThat(c.records).extracting(InvocationRecord::requestId).containsExactly("indented-whole-record", "next");
        assertThat(c.rejected).extracting(Rejected::line).containsExactly(1L, 6L);
        assertThat(c.rejected.get(0).reason()).endsWith("(record spans lines 1-4)");
    }

    @Test
    void aRecordWithoutRequestIdIsNamedByTheHashOfItsBytesTheSameWayOnBothPaths() throws IOException {
        String anonymous = good("x", 9).replace("\"requestId\":\"x\",", "");
        String text = anonymous + "\n" + anonymous + "  \r\n" + anonymous.replace("\"inputTokenCount\":9", "\"inputTokenCount\":8") + "\n";
        for (boolean lineByLine : new boolean[] {false, true}) {
            Collected c = read(text, lineByLine);
            assertThat(c.rejected).isEmpty();
            assertThat(c.records).hasSize(3);
            String id = c.records.get(0).requestId();
            assertThat(id).startsWith(InvocationLogReader.SYNTHETIC_ID_PREFIX).hasSize(7 + 64);
            assertThat(c.records.get(1).requestId()).isEqualTo(id);
            assertThat(c.records.get(2).requestId()).startsWith("sha256:").isNotEqualTo(id);
        }
        assertThat(read(anonymous, false).records.get(0).requestId()).isEqualTo(
                InvocationLogReader.syntheticRequestId(anonymous.getBytes(StandardCharsets.UTF_8), 0, anonymous.length()));
    }

    /** Pretty-prints a record the way jq and Python do (each nested value on its own indented line). */
    static final class Json2 {
        static String pretty(String json) throws IOException {
            var mapper = org.bedrockmonitor.config.Json.MAPPER;
            var printer = new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            return mapper.writer(printer).writeValueAsString(mapper.readTree(json)).replace("\r\n", "\n");
        }
    }
}
