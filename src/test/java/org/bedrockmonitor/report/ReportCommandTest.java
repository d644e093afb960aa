package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void rendersAReportForAnyPeriodFromTheRollupFolder() throws Exception {
        ReportFixtures.writeRollups(dir.resolve("rollups"));

        StringWriter out = new StringWriter();

        int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "report", "--type", "cost",
                "--from", "2026-11-01", "--to", "2026-11-30",
                "--rollups", dir.resolve("rollups").toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Cost report 1 Nov 2026 - 30 Nov 2026", "cost/2026-11.html");
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
        StringWriter err = new StringWriter();

        int exit = Cli.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(sentence);
    }
}
