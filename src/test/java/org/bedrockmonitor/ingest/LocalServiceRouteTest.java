package org.bedrockmonitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.camel.CamelContext;
import org.bedrockmonitor.aggregate.RunTotals;
import org.bedrockmonitor.config.MonitorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on the local profile: the YAML routes watch the inbox, process what arrives, move it to
 * the done or failed folder, and remember request ids across a restart.
 */
class LocalServiceRouteTest {

    @TempDir
    Path dir;

    static String record(String requestId, int inputTokens) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"timestamp\":\"2025-06-01T10:00:00Z\",\"requestId\":\"" + requestId
                + "\",\"operation\":\"InvokeModel\",\"modelId\":\"amazon.nova-lite-v1:0\",\"identity\":{\"arn\":\"arn:aws:iam::1:user/a\"},"
                + "\"input\":{\"inputTokenCount\":" + inputTokens + "},\"output\":{\"outputTokenCount\":1}}\n";
    }

    MonitorRuntime runtime() {
        return new MonitorRuntime("local", Map.of(
                "monitor.local.inbox", dir.resolve("inbox").toString(),
                "monitor.out.dir", dir.resolve("out").toString()));
    }

    @Test
    void filesDroppedInTheInboxAreProcessedMovedAndRememberedAcrossARestart() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        try (MonitorRuntime service = runtime()) {
            CamelContext camel = service.start();
            RunTotals totals = camel.getRegistry().lookupByNameAndType("runTotals", RunTotals.class);
            Files.writeString(inbox.resolve("a.json"), record("r1", 10) + record("r2", 20) + "garbage\n");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(inbox.resolve("b.log")))) {
                out.write(record("r3", 30).getBytes(StandardCharsets.UTF_8));
            }
            Files.write(inbox.resolve("corrupt.json.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
            await().atMost(Duration.ofSeconds(30)).until(() -> totals.snapshot().objects() == 3);
            RunTotals.Snapshot s = totals.snapshot();
            assertThat(s.invocations()).isEqualTo(3);
            assertThat(s.rejected()).isEqualTo(1);
            assertThat(s.totals().inputTokens).isEqualTo(60);
            assertThat(s.failedObjects()).singleElement().asString().contains("corrupt.json.gz");
            // archived under the time they were read: a later file of the same name never overwrites one
            await().atMost(Duration.ofSeconds(10)).until(() -> archived(inbox.resolve(".done"), "a.json")
                    && archived(inbox.resolve(".done"), "b.log") && archived(inbox.resolve(".failed"), "corrupt.json.gz"));
            assertThat(files(dir.resolve("out/rollups"))).hasSize(2);
            assertThat(files(dir.resolve("out/rejected/objects"))).singleElement()
                    .satisfies(p -> assertThat(Files.readString(p)).contains("corrupt.json.gz").contains("Exception"));
        }
        try (MonitorRuntime restarted = runtime()) {
            CamelContext camel = restarted.start();
            RunTotals totals = camel.getRegistry().lookupByNameAndType("runTotals", RunTotals.class);
            Files.writeString(inbox.resolve("replay.json"), record("r1", 10) + record("r4", 40));
            await().atMost(Duration.ofSeconds(30)).until(() -> totals.snapshot().objects() == 1);
            assertThat(totals.snapshot().duplicates()).isEqualTo(1);
            assertThat(totals.snapshot().invocations()).isEqualTo(1);
        }
    }

    static boolean archived(Path folder, String name) throws IOException {
        return Files.isDirectory(folder) && files(folder).stream().anyMatch(p -> p.getFileName().toString().equals(name));
    }

    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
