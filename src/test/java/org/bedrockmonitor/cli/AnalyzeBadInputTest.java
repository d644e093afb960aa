package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.config.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} over input that is partly unreadable or damaged: what cannot be read is named in
 * {@code objects.failed}, the rest is counted exactly, and the exit code is non-zero only when nothing
 * could be read.
 */
class AnalyzeBadInputTest {

    @TempDir
    Path dir;

    static String record(String id, long inputTokens) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"timestamp\":\"2026-06-01T10:00:00Z\",\"requestId\":\"" + id
                + "\",\"operation\":\"InvokeModel\",\"modelId\":\"amazon.nova-lite-v1:0\",\"identity\":{\"arn\":\"arn:aws:iam::1:user/a\"},"
                + "\"input\":{\"inputTokenCount\":" + inputTokens + "},\"output\":{\"outputTokenCount\":1}}\n";
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static JsonNode summary(Path out) throws IOException {
        return Json.MAPPER.readTree(out.resolve("summary.json").toFile());
    }

    static List<String> failed(JsonNode summary) {
        List<String> failed = new ArrayList<>();
        summary.path("objects").path("failed").forEach(f -> failed.add(f.asText()));
        return failed;
    }

    static void assertReadAddsUp(JsonNode records) {
        assertThat(records.path("read").asLong()).isEqualTo(records.path("invocations").asLong()
                + records.path("duplicates").asLong() + records.path("rejected").asLong());
    }

    @Test
    void aLinkToNothingAndAFolderLinkLoopAreReportedAndEverythingElseIsCountedExactly() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("a.json"), record("a1", 10) + record("a2", 20));
        Path sub = Files.createDirectories(logs.resolve("sub"));
        // plain lines appended to a gzip file: one record and one line of garbage
        ByteArrayOutputStream appended = new ByteArrayOutputStream();
        appended.write(gzip(record("b1", 100) + record("b2", 200).trim()));
        appended.write((record("b3", 300) + "appended garbage\n").getBytes(StandardCharsets.UTF_8));
        Files.write(sub.resolve("b.json.gz"), appended.toByteArray());
        Files.createSymbolicLink(logs.resolve("gone.json"), dir.resolve("missing.json"));
        Files.createSymbolicLink(sub.resolve("loop"), logs);
        // CloudTrail as bare events, one per line: one event is broken
        Files.writeString(logs.resolve("trail.json"), """
                {"eventVersion":"1.09","eventSource":"bedrock.amazonaws.com","eventName":"InvokeModel","eventTime":"2026-06-01T10:00:00Z","userIdentity":{"arn":"arn:aws:iam::1:user/a"}}
                {"eventVersion":"1.09","eventSource":"bedrock.amazonaws.com","eventName":"InvokeModel","eventTime": broken}
                {"eventVersion":"1.09","eventSource":"bedrock.amazonaws.com","eventName":"ListFoundationModels","eventTime":"2026-06-01T11:00:00Z","userIdentity":{"arn":"arn:aws:iam::1:user/a"}}
                """);
        Path out = dir.resolve("out");

        CliErrorsTest.Run run = CliErrorsTest.run("analyze", logs.toString(), "--out", out.toString());

        assertThat(run.exit()).isZero();
        JsonNode summary = summary(out);
        JsonNode records = summary.path("records");
        assertThat(records.path("invocations").asLong()).isEqualTo(5);
        assertThat(summary.path("totals").path("inputTokens").asLong()).isEqualTo(630);
        assertThat(records.path("rejected").asLong()).as("the garbage line and the broken CloudTrail event").isEqualTo(2);
        assertThat(records.path("read").asLong()).isEqualTo(7);
        assertReadAddsUp(records);
        assertThat(summary.path("cloudTrail").path("eventsRead").asLong()).isEqualTo(3);
        assertThat(summary.path("cloudTrail").path("bedrockEvents").asLong()).isEqualTo(2);
        assertThat(failed(summary)).containsExactlyInAnyOrder(
                logs.resolve("gone.json").toAbsolutePath() + ": cannot be read: no such file (removed, or a link to nothing)",
                sub.resolve("loop").toAbsolutePath() + ": not read: a link back to a folder above it (loop)");
        assertThat(run.out()).contains("Objects that could not be read").contains("gone.json");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void unreadableFilesAndFoldersAreReportedAndDoNotStopTheRun() throws Exception {
        assumeThat(System.getProperty("user.name")).as("permissions do not stop root").isNotEqualTo("root");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("ok.json"), record("ok", 7));
        Path secret = Files.writeString(logs.resolve("secret.json"), record("secret", 1));
        Path closed = Files.createDirectories(logs.resolve("closed"));
        Files.writeString(closed.resolve("inside.json"), record("inside", 1));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        Path out = dir.resolve("out");
        try {
            CliErrorsTest.Run run = CliErrorsTest.run("analyze", logs.toString(), "--out", out.toString());

            assertThat(run.exit()).isZero();
            JsonNode summary = summary(out);
            assertThat(summary.path("records").path("invocations").asLong()).isEqualTo(1);
            assertThat(summary.path("totals").path("inputTokens").asLong()).isEqualTo(7);
            assertThat(failed(summary)).containsExactlyInAnyOrder(
                    secret.toAbsolutePath() + ": cannot be read: permission denied",
                    closed.toAbsolutePath() + ": cannot be read: permission denied");
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void whenNothingCanBeReadTheRunSaysSoAndExitsNonZero() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.createSymbolicLink(logs.resolve("gone.json"), dir.resolve("missing.json"));
        Path out = dir.resolve("out");

        CliErrorsTest.Run run = CliErrorsTest.run("analyze", logs.toString(), "--out", out.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(failed(summary(out))).singleElement().asString().contains("gone.json: cannot be read");
        assertThat(run.err()).doesNotContain("\tat ");
    }
}
