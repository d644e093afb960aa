package org.bedrockmonitor.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.ingest.ObjectKind;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.store.FolderStateStore;
import org.bedrockmonitor.store.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowStoreTest {

    @TempDir
    Path folder;

    static WindowStats row(String start, String model, long invocations) {
        Stats stats = new Stats();
        stats.invocations = invocations;
        stats.inputTokens = 10 * invocations;
        return new WindowStats(Instant.parse(start), 300, model, "arn:aws:iam::1:user/u", "", true, stats);
    }

    static ObjectResult object(String id, List<WindowStats> rows, List<AuditEvent> events) {
        long invocations = rows.stream().mapToLong(r -> r.stats().invocations).sum();
        return new ObjectResult("s3://logs/" + id, id, ObjectKind.INVOCATION_LOG,
                new ObjectSummary("s3://logs/" + id, "INVOCATION_LOG", invocations, invocations, 0, 0, 0, 0),
                rows, events, List.of(), rows.isEmpty() ? null : rows.get(0).windowStart(), null, null);
    }

    static AuditEvent event(String id, String at) {
        return new AuditEvent(Instant.parse(at), id, "bedrock.amazonaws.com", "InvokeModel", "us-east-1", "1",
                "arn:aws:iam::1:user/u", "IAMUser", "203.0.113.1", "aws-cli/2", null, null, null, false, false);
    }

    @Test
    void anObjectSpanningMidnightIsFiledUnderEachHourItTouchesAndReadBackByRange() {
        StateStore store = new FolderStateStore(folder);
        WindowStore windows = new WindowStore(store, 300, 1000);
        windows.write(object("obj-1", List.of(row("2026-11-24T23:55:00Z", "m", 3), row("2026-11-25T00:00:00Z", "m", 4),
                row("2026-11-25T01:10:00Z", "m", 5)), List.of(event("e1", "2026-11-25T00:01:00Z"))));

        assertThat(store.list(WindowStore.ROLLUPS)).extracting(StateStore.Listed::key).containsExactly(
                "rollups/2026-11-24/23/obj-1.jsonl", "rollups/2026-11-25/00/obj-1.jsonl", "rollups/2026-11-25/01/obj-1.jsonl");
        Rollups day = windows.read(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(day.windows()).extracting(r -> r.stats().invocations).containsExactly(4L, 5L);
        assertThat(day.auditEvents()).extracting(AuditEvent::eventId).containsExactly("e1");
        assertThat(windows.hour(Instant.parse("2026-11-24T23:00:00Z")).windows()).hasSize(1);
        assertThat(windows.hoursWithRows(Instant.parse("2026-11-24T23:30:00Z"), Instant.parse("2026-11-25T01:00:00Z")))
                .containsExactly(Instant.parse("2026-11-24T23:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(windows.hoursWithRows(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"))).hasSize(3);
    }

    @Test
    void aRollupFileCutInHalfKeepsItsWholeLinesAndCountsTheRestAsUnreadable() {
        StateStore store = new FolderStateStore(folder);
        WindowStore windows = new WindowStore(store, 300, 1000);
        windows.write(object("obj-1", List.of(row("2026-11-25T00:00:00Z", "m", 4), row("2026-11-25T00:05:00Z", "m", 6)), List.of()));
        String key = "rollups/2026-11-25/00/obj-1.jsonl";
        String whole = new String(store.get(key).orElseThrow().content(), java.nio.charset.StandardCharsets.UTF_8);
        String cut = whole.substring(0, whole.lastIndexOf('\n', whole.length() - 2) + 20);
        store.put(key, cut.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Rollups day = windows.read(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(day.windows()).extracting(r -> r.stats().invocations).containsExactly(4L);
        assertThat(day.skippedLines()).isEqualTo(1);
    }

    @Test
    void aRedeliveredObjectRewritesItsFilesInsteadOfAddingToThem() {
        WindowStore windows = new WindowStore(new FolderStateStore(folder), 300, 1000);
        ObjectResult object = object("obj-1", List.of(row("2026-11-24T10:00:00Z", "m", 3)), List.of());
        windows.write(object);
        windows.write(object);
        windows.write(object("obj-2", List.of(row("2026-11-24T10:00:00Z", "m", 2)), List.of()));
        Rollups hour = windows.hour(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(hour.windows().stream().mapToLong(r -> r.stats().invocations).sum()).isEqualTo(5);
    }

    @Test
    void theSameCloudTrailEventInTwoObjectsIsReadOnce() {
        WindowStore windows = new WindowStore(new FolderStateStore(folder), 300, 1000);
        windows.write(object("trail-1", List.of(), List.of(event("e1", "2026-11-24T10:01:00Z"))));
        windows.write(object("trail-2", List.of(), List.of(event("e1", "2026-11-24T10:01:00Z"), event("e2", "2026-11-24T10:02:00Z"))));
        assertThat(windows.hour(Instant.parse("2026-11-24T10:00:00Z")).auditEvents()).extracting(AuditEvent::eventId)
                .containsExactlyInAnyOrder("e1", "e2");
    }

    @Test
    void eachObjectLeavesAMarkerOfTheWindowsItTouchedUntilDetectionConsumesIt() {
        WindowStore windows = new WindowStore(new FolderStateStore(folder), 300, 1000);
        windows.write(object("obj-1", List.of(row("2026-11-24T10:00:00Z", "m", 3), row("2026-11-24T10:00:00Z", "n", 1),
                row("2026-11-24T10:05:00Z", "m", 1)), List.of()));
        List<WindowStore.Pending> pending = windows.pending();
        assertThat(pending).singleElement().satisfies(marker -> {
            assertThat(marker.objectId()).isEqualTo("obj-1");
            assertThat(marker.rows(Instant.parse("2026-11-24T10:00:00Z"))).isEqualTo(2);
            assertThat(marker.rows(Instant.parse("2026-11-24T10:05:00Z"))).isEqualTo(1);
        });
        assertThat(windows.consumed(pending.get(0))).isTrue();
        assertThat(windows.pending()).isEmpty();
    }

    @Test
    void aFileDecodedOnceIsServedFromMemoryUntilItChanges() {
        StateStore store = new FolderStateStore(folder);
        WindowStore windows = new WindowStore(store, 300, 1000);
        windows.write(object("obj-1", List.of(row("2026-11-24T10:00:00Z", "m", 3)), List.of()));
        assertThat(windows.hour(Instant.parse("2026-11-24T10:00:00Z")).windows()).hasSize(1);
        List<WindowStats> more = new ArrayList<>(List.of(row("2026-11-24T10:00:00Z", "m", 3), row("2026-11-24T10:05:00Z", "m", 7)));
        new WindowStore(store, 300, 1000).write(object("obj-1", more, List.of()));
        assertThat(windows.hour(Instant.parse("2026-11-24T10:00:00Z")).windows()).as("the changed file is read again").hasSize(2);
    }
}
