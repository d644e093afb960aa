package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.demo.DemoCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports at the end of analyze take the rows the run has just written (no decoding); the same
 * reports rendered later by the report command read those rows back from the rollup files. Both must
 * show the same figures.
 */
class AnalyzeReportsTest {

    @TempDir
    Path dir;

    @Test
    void reportsFromTheRowsJustWrittenEqualReportsReadBackFromTheRollups() throws Exception {
        Path logs = dir.resolve("logs");
        new DemoCorpus(new DemoCorpus.Spec(5, Instant.parse("2025-05-05T00:00:00Z"), 3_000, 9, 50, 200, 0.02, 0.002, 0.5, true))
                .write(logs);
        Path analysed = dir.resolve("analysed");
        new Analysis(List.of(logs), analysed, null, new PrintWriter(new StringWriter())).run();

        for (String type : List.of("technical", "executive", "security", "cost")) {
            int exit = Cli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "report",
                    "--type", type, "--from", "2025-05-05", "--to", "2025-05-05",
                    "--rollups", analysed.resolve("rollups").toString(), "--out", dir.resolve("again").toString());
            assertThat(exit).as(type).isZero();
            JsonNode atTheEnd = figures(analysed.resolve("reports/" + type + "/2025-05-05.json"), type);
            JsonNode readBack = figures(dir.resolve("again/reports/" + type + "/2025-05-05.json"), type);
            assertThat(atTheEnd.size()).as(type).isGreaterThan(2);
            assertThat(atTheEnd).as(type).isEqualTo(readBack);
        }
    }

    /** The report's figures: its section without the alerts (the report command has no run's alerts). */
    private static JsonNode figures(Path model, String type) throws Exception {
        assertThat(model).exists();
        ObjectNode section = (ObjectNode) Json.MAPPER.readTree(Files.readString(model)).get(type);
        section.remove("alerts");
        return section;
    }
}
