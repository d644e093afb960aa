package org.bedrockmonitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.CamelContext;
import org.bedrockmonitor.aggregate.RunTotals;
import org.bedrockmonitor.config.MonitorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The local inbox takes any file name the file system allows: each file is processed or moved aside with its reason. */
class LocalInboxNamesTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithA250CharacterNameIsProcessedAndMovedWithoutAStackTraceOnEveryPoll() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (MonitorRuntime service = new MonitorRuntime("local", Map.of(
                "monitor.local.inbox", inbox.toString(),
                "monitor.out.dir", dir.resolve("out").toString(),
                "monitor.state.dir", dir.resolve("state").toString()))) {
            CamelContext camel = service.start();
            RunTotals totals = camel.getRegistry().lookupByNameAndType("runTotals", RunTotals.class);
            String longName = "n".repeat(245) + ".json";
            String brokenName = "b".repeat(243) + ".json.gz";
            Files.writeString(inbox.resolve(longName), LocalServiceRouteTest.record("long-1", 10) + LocalServiceRouteTest.record("long-2", 20));
            Files.write(inbox.resolve(brokenName), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
            Files.writeString(inbox.resolve("short.json"), LocalServiceRouteTest.record("short-1", 5));

            await().atMost(Duration.ofSeconds(30)).until(() -> totals.snapshot().objects() == 3);
            RunTotals.Snapshot s = totals.snapshot();
            assertThat(s.invocations()).isEqualTo(3);
            assertThat(s.totals().inputTokens).isEqualTo(35);
            assertThat(s.failedObjects()).singleElement().asString().contains(brokenName);
            await().atMost(Duration.ofSeconds(10)).until(() -> LocalServiceRouteTest.archived(inbox.resolve(".done"), longName)
                    && LocalServiceRouteTest.archived(inbox.resolve(".failed"), brokenName)
                    && LocalServiceRouteTest.archived(inbox.resolve(".done"), "short.json"));
            assertThat(LocalServiceRouteTest.files(dir.resolve("out/rejected/objects"))).singleElement()
                    .satisfies(p -> assertThat(Files.readString(p)).contains(brokenName));
        } finally {
            root.detachAppender(log);
        }
        List<ILoggingEvent> stackTraces = log.list.stream().filter(e -> e.getThrowableProxy() != null).toList();
        assertThat(stackTraces).as("log lines with a stack trace").isEmpty();
    }

    @Test
    void aFileNameWithEscapeSequencesAndNewlinesIsLoggedPrintable() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (MonitorRuntime service = new MonitorRuntime("local", Map.of(
                "monitor.local.inbox", inbox.toString(),
                "monitor.out.dir", dir.resolve("out").toString(),
                "monitor.state.dir", dir.resolve("state").toString()))) {
            CamelContext camel = service.start();
            RunTotals totals = camel.getRegistry().lookupByNameAndType("runTotals", RunTotals.class);
            String evil = "evil\u001b]0;owned\u0007\n12:00:00.000 INFO  forged line, (with) commas\u202e.json";
            Files.writeString(inbox.resolve(evil), LocalServiceRouteTest.record("evil-1", 7));
            Files.write(inbox.resolve("bad\u001b[2J.json.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});

            await().atMost(Duration.ofSeconds(30)).until(() -> totals.snapshot().objects() == 2);
            assertThat(totals.snapshot().invocations()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> LocalServiceRouteTest.archived(inbox.resolve(".done"), evil)
                    && LocalServiceRouteTest.archived(inbox.resolve(".failed"), "bad\u001b[2J.json.gz"));
        } finally {
            root.detachAppender(log);
        }
        // the file component's own rollback warning is switched off in the service's logging (LoggingSetup)
        List<String> lines = log.list.stream().filter(e -> !e.getLoggerName().endsWith("GenericFileOnCompletion"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("evil\\x1B]0;owned\\x07\\n12:00:00.000 INFO  forged line, (with) commas\\u202E.json: 1 invocations"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("object ").contains("bad\\x1B[2J.json.gz failed: "));
        assertThat(lines.stream().filter(line -> line.contains("evil") || line.contains("bad")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).doesNotContain("\u001b").doesNotContain("\n").doesNotContain("\u202e"));
    }
}
