package org.bedrockmonitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class LogStreamsAndKindTest {

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A network-like stream: available() is 0 and reads return at most a few bytes. */
    static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int available() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void everyMemberOfAConcatenatedGzipIsReadEvenOverANetworkStream() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip("first member\n"));
        both.write(gzip("second member\n"));
        both.write(gzip("third member\n"));
        String text = new String(LogStreams.decompressed(trickle(both.toByteArray())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("first member\nsecond member\nthird member\n");
    }

    @Test
    void plainTextAfterTheLastGzipMemberIsReadOnItsOwnLineNotDropped() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(gzip("first\nsecond without newline"));
        file.write(gzip("third\n"));
        file.write(gzip("fourth"));
        file.write("appended line\nlast appended".getBytes(StandardCharsets.UTF_8));
        String text = new String(LogStreams.decompressed(trickle(file.toByteArray())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("first\nsecond without newlinethird\nfourth\nappended line\nlast appended");

        ByteArrayOutputStream afterNewline = new ByteArrayOutputStream();
        afterNewline.write(gzip("one\n"));
        afterNewline.write("two\n".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(LogStreams.decompressed(new ByteArrayInputStream(afterNewline.toByteArray())).readAllBytes(),
                StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    }

    @Test
    void aGzipMemberCutOffOrWithABadChecksumMakesTheObjectUnreadable() throws IOException {
        byte[] whole = gzip("x".repeat(10_000) + "\n");
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        byte[] badChecksum = whole.clone();
        badChecksum[whole.length - 8] ^= 1;
        byte[] cutHeader = java.util.Arrays.copyOf(whole, 5);
        for (byte[] damaged : java.util.List.of(cut, badChecksum, cutHeader)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogStreams.decompressed(new ByteArrayInputStream(damaged)).readAllBytes())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void gzipIsRecognisedByMagicBytesNotByName() throws IOException {
        assertThat(new String(LogStreams.decompressed(new ByteArrayInputStream(gzip("{}"))).readAllBytes())).isEqualTo("{}");
        assertThat(new String(LogStreams.decompressed(new ByteArrayInputStream("{\"a\":1}".getBytes())).readAllBytes())).isEqualTo("{\"a\":1}");
        assertThat(LogStreams.decompressed(new ByteArrayInputStream(new byte[0])).readAllBytes()).isEmpty();
    }

    static ObjectKind kind(String text) throws IOException {
        return ObjectKind.sniff(LogStreams.decompressed(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void kindIsSniffedFromTheFirstTopLevelFields() throws IOException {
        assertThat(kind("{\"Records\":[{\"eventVersion\":\"1.08\"}]}")).isEqualTo(ObjectKind.CLOUDTRAIL);
        assertThat(kind("  {\n \"eventVersion\": \"1.09\", \"eventSource\": \"bedrock.amazonaws.com\"}")).isEqualTo(ObjectKind.CLOUDTRAIL);
        assertThat(kind("{\"schemaType\":\"ModelInvocationLog\"}\n")).isEqualTo(ObjectKind.INVOCATION_LOG);
        assertThat(kind("{\"timestamp\":\"x\",\"accountId\":\"1\",\"region\":\"r\",\"requestId\":\"q\"}")).isEqualTo(ObjectKind.INVOCATION_LOG);
        assertThat(kind("{\"messages\":[{\"role\":\"user\"}]}")).isEqualTo(ObjectKind.UNKNOWN);
        assertThat(kind("<html>not json</html>")).isEqualTo(ObjectKind.UNKNOWN);
        assertThat(kind("   \n")).isEqualTo(ObjectKind.EMPTY);
        assertThat(kind("\uFEFF{\"schemaType\":\"ModelInvocationLog\"}")).as("UTF-8 byte order mark").isEqualTo(ObjectKind.INVOCATION_LOG);
    }

    @Test
    void everyConformanceSampleIsSniffedAsWhatItIs() throws IOException {
        Path conformance = org.bedrockmonitor.parse.Conformance.dir();
        assertThat(sniff(conformance.resolve("written/invocation-log-variants.log"))).isEqualTo(ObjectKind.INVOCATION_LOG);
        assertThat(sniff(conformance.resolve("written/cloudtrail-converse-bare-event.json"))).isEqualTo(ObjectKind.CLOUDTRAIL);
        assertThat(sniff(conformance.resolve("sumologic-documentation/cloudtrail-bedrock-invokemodel.json"))).isEqualTo(ObjectKind.CLOUDTRAIL);
        assertThat(sniff(conformance.resolve("written/cloudtrail-envelope-ec2-startinstances.json"))).isEqualTo(ObjectKind.CLOUDTRAIL);
        try (var files = Files.list(conformance.resolve("stratus-red-team"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                assertThat(sniff(file)).as(file.toString()).isEqualTo(ObjectKind.CLOUDTRAIL);
            }
        }
    }

    static ObjectKind sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ObjectKind.sniff(LogStreams.decompressed(in));
        }
    }

    @Test
    void offloadedBodiesAndDigestsAreRecognisedByKey() {
        assertThat(LogObjectKeys.isOffloadedBody("AWSLogs/1/BedrockModelInvocationLogs/us-east-1/2025/06/01/10/data/abc_input.json.gz")).isTrue();
        assertThat(LogObjectKeys.isOffloadedBody("prefix/2025/06/01/10/data/x.json")).isTrue();
        assertThat(LogObjectKeys.isOffloadedBody("/home/ops/data/logs/2025-06-01.json")).isFalse();
        assertThat(LogObjectKeys.isOffloadedBody("AWSLogs/1/BedrockModelInvocationLogs/us-east-1/2025/06/01/10/x.json.gz")).isFalse();
        assertThat(LogObjectKeys.isCloudTrailDigest("AWSLogs/1/CloudTrail-Digest/us-east-1/2025/x.json.gz")).isTrue();
    }
}
