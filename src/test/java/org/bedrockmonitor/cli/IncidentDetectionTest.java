package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertTypes;
import org.bedrockmonitor.config.MonitorRuntime;
import org.bedrockmonitor.corpus.IncidentCorpus;
import org.bedrockmonitor.detect.DetectionRun;
import org.bedrockmonitor.store.FolderStateStore;
import org.bedrockmonitor.windows.WindowStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same logs give the same alerts, whatever the order the files come in and however many threads
 * read them, in analyze and in the local service: one corpus with an error burst, a token surge and a
 * budget breach, compared by alert id, type, subject, window and numbers.
 */
class IncidentDetectionTest {

    static final Map<String, String> BUDGET = Map.of("monitor.budget.monthly-usd", IncidentCorpus.BUDGET_USD);

    @TempDir
    static Path dir;
    static List<Path> files;
    static Set<String> expected;

    @BeforeAll
    static void corpus() throws Exception {
        files = IncidentCorpus.write(dir.resolve("logs"));
        expected = analyze("sorted-1", files, 1);
    }

    static Set<String> analyze(String name, List<Path> inputs, int threads) throws Exception {
        Path out = dir.resolve(name);
        new Analysis(inputs, out, null, new PrintWriter(new StringWriter()), threads, BUDGET).run();
        return alerts(out);
    }

    static Set<String> alerts(Path out) {
        return new AlertJournal(new FolderStateStore(out)).all().stream().map(entry -> {
            Alert a = entry.alert();
            return String.join("|", a.id(), entry.status().name(), a.type(), String.valueOf(a.model()),
                    String.valueOf(a.principal()), a.window().from() + ".." + a.window().to(),
                    String.format("%.6f", a.observed()), String.format("%.6f", a.threshold()));
        }).collect(Collectors.toSet());
    }

    @Test
    void theBurstTheSurgeAndTheBudgetAreRaised() {
        assertThat(expected).anyMatch(a -> a.contains("|FIRING|" + AlertTypes.HIGH_ERROR_RATE + "|" + IncidentCorpus.SMALL_MODEL + "|"));
        assertThat(expected).anyMatch(a -> a.contains("|FIRING|" + AlertTypes.TOKEN_USAGE_SPIKE + "|null|" + IncidentCorpus.SURGING + "|"));
        assertThat(expected).filteredOn(a -> a.contains("|FIRING|" + AlertTypes.COST_BUDGET + "|")).hasSize(2);
    }

    @Test
    void reversedAndShuffledFilesOnOneAndFourThreadsGiveTheSameAlerts() throws Exception {
        List<Path> reversed = new ArrayList<>(files);
        Collections.reverse(reversed);
        List<Path> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(5));
        assertThat(analyze("sorted-4", files, 4)).isEqualTo(expected);
        assertThat(analyze("reversed-4", reversed, 4)).isEqualTo(expected);
        assertThat(analyze("shuffled-1", shuffled, 1)).isEqualTo(expected);
    }

    @Test
    void theLocalServiceFedTheFilesNewestFirstOnFourThreadsEndsWithTheSameAlerts() throws Exception {
        Path out = dir.resolve("service");
        Path inbox = out.resolve("inbox");
        Files.createDirectories(inbox);
        Map<String, String> properties = new java.util.HashMap<>(BUDGET);
        properties.putAll(Map.of("monitor.out.dir", out.toString(), "monitor.local.inbox", inbox.toString(),
                "monitor.local.threads", "4", "monitor.detect.period-ms", "250", "monitor.report.schedules", "false",
                "monitor.alert.ingestion.enabled", "false", "monitor.alert.outbox-sweep-ms", "500"));
        try (MonitorRuntime runtime = new MonitorRuntime("local", properties)) {
            var camel = runtime.start();
            List<Path> newestFirst = new ArrayList<>(files);
            Collections.reverse(newestFirst);
            for (Path file : newestFirst) {
                Path partial = inbox.resolve("." + file.getFileName());
                Files.copy(file, partial);
                Files.move(partial, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            WindowStore windows = camel.getRegistry().lookupByNameAndType("windowStore", WindowStore.class);
            DetectionRun detection = camel.getRegistry().lookupByNameAndType("detectionRun", DetectionRun.class);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    inboxEmpty(inbox) && windows.pending().isEmpty() && detection.lastResult() != null);
        }
        assertThat(alerts(out)).isEqualTo(expected);
    }

    private static boolean inboxEmpty(Path inbox) throws Exception {
        try (Stream<Path> entries = Files.list(inbox)) {
            return entries.noneMatch(path -> Files.isRegularFile(path));
        }
    }
}
