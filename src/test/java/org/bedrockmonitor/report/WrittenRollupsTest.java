package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.RollupLines;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.ingest.ObjectKind;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.parse.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrittenRollupsTest {

    @TempDir
    Path dir;

    private static ObjectResult result(String source, List<WindowStats> windows, List<AuditEvent> events) {
        return new ObjectResult(source, ObjectKind.INVOCATION_LOG,
                new ObjectSummary(source, ObjectKind.INVOCATION_LOG.name(), windows.size(), windows.size(), 0, 0, 0, 0),
                windows, events, List.of(), List.of(), windows.get(0).windowStart(), windows.get(0).windowEnd(),
                "2026-11-18/" + source + ".jsonl", null);
    }

    /** Writes the rollup as the sink does and returns its path. */
    private Path write(ObjectResult result) throws Exception {
        Path file = dir.resolve(result.rollupKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, new RollupLines().rollup(result));
        return file;
    }

    private static List<String> models(Rollups rollups) {
        return rollups.windows().stream().map(WindowStats::modelId).sorted().toList();
    }

    @Test
    void rememberedFilesGiveTheSameRowsAsReadingThemAndTheOthersAreRead() throws Exception {
        List<WindowStats> rows = ReportFixtures.windows();
        ObjectResult first = result("a", rows.subList(0, 2), ReportFixtures.auditEvents());
        ObjectResult second = result("b", rows.subList(2, rows.size()), List.of());
        WrittenRollups written = new WrittenRollups(1_000);
        written.remember(write(first).toString(), first);
        write(second);
        Period week = Period.of(ReportFixtures.day().firstDay().minusDays(3), ReportFixtures.day().endDay().plusDays(3),
                ReportFixtures.day().zone());

        Rollups fromMemory = new RollupStore(dir, written).read(week.from(), week.to());
        Rollups fromDisk = RollupStore.readFolder(dir, week.from(), week.to());

        assertThat(written.lookup(dir.resolve(first.rollupKey()))).isNotNull();
        assertThat(written.lookup(dir.resolve(second.rollupKey()))).isNull();
        assertThat(models(fromMemory)).isNotEmpty().containsExactlyElementsOf(models(fromDisk));
        assertThat(fromMemory.auditEvents()).extracting(AuditEvent::eventId)
                .containsExactlyInAnyOrderElementsOf(fromDisk.auditEvents().stream().map(AuditEvent::eventId).toList());
        assertThat(fromMemory.filesRead()).isEqualTo(fromDisk.filesRead()).isEqualTo(2);
    }

    @Test
    void aFileChangedAfterItWasWrittenIsReadFromDisk() throws Exception {
        List<WindowStats> rows = ReportFixtures.windows();
        ObjectResult result = result("a", rows, List.of());
        WrittenRollups written = new WrittenRollups(1_000);
        Path file = write(result);
        written.remember(file.toString(), result);

        Files.writeString(file, new RollupLines().rollup(result("a", rows.subList(0, 1), List.of())));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(written.lookup(file)).isNull();
        Period week = Period.of(ReportFixtures.day().firstDay().minusDays(3), ReportFixtures.day().endDay().plusDays(3),
                ReportFixtures.day().zone());
        assertThat(new RollupStore(dir, written).read(week.from(), week.to()).windows()).hasSize(1);
    }

    @Test
    void nothingIsKeptBeyondTheBudgetForANonFileSinkOrWithABudgetOfZero() throws Exception {
        List<WindowStats> rows = ReportFixtures.windows();
        ObjectResult big = result("big", rows, List.of());
        ObjectResult small = result("small", rows.subList(0, 1), List.of());
        WrittenRollups written = new WrittenRollups(rows.size());
        Path bigFile = write(big);
        Path smallFile = write(small);

        written.remember(bigFile.toString(), big);
        written.remember(smallFile.toString(), small);
        written.remember(null, small);
        assertThat(written.lookup(smallFile)).as("over the budget").isNull();
        // a rewrite of the same file gives back what its first version held
        written.remember(bigFile.toString(), result("big", rows.subList(0, rows.size() - 1), List.of()));
        written.remember(smallFile.toString(), small);

        assertThat(written.lookup(bigFile)).isNotNull();
        assertThat(written.lookup(smallFile)).isNotNull();
        WrittenRollups off = new WrittenRollups(0);
        off.remember(bigFile.toString(), big);
        assertThat(off.lookup(bigFile)).isNull();
    }
}
