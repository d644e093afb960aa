package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.bedrockmonitor.aggregate.RollupCodec;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.parse.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupStoreTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRowsOfAPeriodFromDatedFoldersAndSkipsUnknownKindsAndBrokenLines() throws Exception {
        ReportFixtures.writeRollups(dir);

        Rollups day = RollupStore.readFolder(dir, ReportFixtures.day().from(), ReportFixtures.day().to());

        assertThat(day.windows()).extracting(WindowStats::modelId)
                .containsExactlyInAnyOrder(ReportFixtures.SONNET, ReportFixtures.SONNET, ReportFixtures.XSS);
        assertThat(day.auditEvents()).extracting(AuditEvent::eventId).containsExactlyInAnyOrder("e2", "e3", "e4");
        assertThat(day.skippedLines()).isEqualTo(1);
    }

    @Test
    void opensOnlyTheFoldersOfThePeriodAndTheDayBefore() throws Exception {
        ReportFixtures.writeRollups(dir);

        Rollups day = RollupStore.readFolder(dir, ReportFixtures.day().from(), ReportFixtures.day().to());

        // 18 Nov holds 3 window files, 3 audit files and odd.jsonl; 17 Nov one audit file; 19 Nov two (the end day is opened too)
        assertThat(day.filesRead()).isEqualTo(3 + 3 + 1 + 1 + 2);
    }

    @Test
    void aWindowThatStartedTheDayBeforeInAnOlderFolderStillCounts() throws Exception {
        WindowStats lateRow = ReportFixtures.windows().get(0);
        WindowStats spanning = new WindowStats(Instant.parse("2026-11-17T23:58:00Z"), 300, lateRow.modelId(),
                lateRow.principalArn(), lateRow.application(), true, lateRow.stats());
        Path file = dir.resolve("2026-11-17").resolve("late.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, RollupCodec.encode(spanning) + "\n");

        Rollups day = RollupStore.readFolder(dir, ReportFixtures.day().from(), ReportFixtures.day().to());

        assertThat(day.windows()).hasSize(1);
    }

    @Test
    void aMissingFolderHoldsNothing() {
        Rollups none = RollupStore.readFolder(dir.resolve("absent"), ReportFixtures.day().from(), ReportFixtures.day().to());

        assertThat(none.windows()).isEmpty();
        assertThat(none.auditEvents()).isEmpty();
    }

    @Test
    void anEventDeliveredInTwoFilesIsCountedOnce() throws Exception {
        AuditEvent event = ReportFixtures.auditEvents().get(1);
        for (String name : new String[] {"a.jsonl", "b.jsonl"}) {
            Path file = dir.resolve("2026-11-18").resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, RollupCodec.encode(event) + "\n");
        }

        Rollups day = RollupStore.readFolder(dir, ReportFixtures.day().from(), ReportFixtures.day().to());

        assertThat(day.auditEvents()).hasSize(1);
    }

    @Test
    void rowsOfManyFilesAreAllCollectedInTheOrderOfTheFileNames() throws Exception {
        WindowStats row = ReportFixtures.windows().get(0);
        for (int i = 0; i < 40; i++) {
            WindowStats numbered = new WindowStats(row.windowStart(), row.windowSeconds(), "model-" + (100 + i),
                    row.principalArn(), row.application(), true, row.stats());
            Path file = dir.resolve("2026-11-18").resolve(String.format("f%03d.jsonl", i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, RollupCodec.encode(numbered) + "\n");
        }

        Rollups day = RollupStore.readFolder(dir, ReportFixtures.day().from(), ReportFixtures.day().to());

        assertThat(day.filesRead()).isEqualTo(40);
        assertThat(day.windows()).extracting(WindowStats::modelId)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(100, 140).mapToObj(i -> "model-" + i).toList());
    }

    @Test
    void s3PrefixesCoverTheDayBeforeToTheEndDay() {
        assertThat(RollupStore.dayPrefixes("rollups/", ReportFixtures.day().from(), ReportFixtures.day().to()))
                .containsExactly("rollups/2026-11-17/", "rollups/2026-11-18/", "rollups/2026-11-19/");
    }
}
