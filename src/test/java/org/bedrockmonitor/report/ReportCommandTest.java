package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bedrockmonitor.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void rendersAReportForAnyPeriodFromTheRollupFolder() throws Exception {
        ReportFixtures.writeRollups(dir.resolve("rollups"));

        int exit = Cli.run("report", "--type", "cost", "--from", "2026-11-01", "--to", "2026-11-30",
                "--rollups", dir.resolve("rollups").toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isZero();
        Path html = dir.resolve("out/reports/cost/2026-11.html");
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("Cost report 1 Nov 2026 - 30 Nov 2026", "&lt;script&gt;");
        assertThat(dir.resolve("out/reports/cost/2026-11.json")).exists();
        assertThat(dir.resolve("out/outbox")).doesNotExist();
    }

    @Test
    void aBadTypeIsOneSentenceAndExitTwo() {
        assertOneSentence(new String[] {"report", "--type", "weekly", "--from", "2026-11-01", "--to", "2026-11-07"},
                "bedrock-monitor: unknown report type 'weekly' (allowed: technical, executive, security, cost)");
    }

    @Test
    void aBadDateIsOneSentenceAndExitTwo() {
        assertOneSentence(new String[] {"report", "--type", "cost", "--from", "2026-11-31", "--to", "2026-12-07"},
                "bedrock-monitor: --from '2026-11-31' is not a date (YYYY-MM-DD)");
    }

    @Test
    void aPeriodEndingBeforeItStartsIsOneSentence() {
        assertOneSentence(new String[] {"report", "--type", "cost", "--from", "2026-11-07", "--to", "2026-11-01"},
                "bedrock-monitor: --to 2026-11-01 is before --from 2026-11-07");
    }

    private static void assertOneSentence(String[] args, String sentence) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Cli.run(args);
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(sentence);
    }
}
