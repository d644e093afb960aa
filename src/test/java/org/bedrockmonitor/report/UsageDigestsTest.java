package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.ingest.ObjectKind;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.store.FolderStateStore;
import org.bedrockmonitor.store.StateStore;
import org.bedrockmonitor.windows.WindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Active principals, first-seen dates and the month so far come from the shared window store: objects
 * written by different replicas merge into exact distinct counts, and a day's digest follows its files.
 */
class UsageDigestsTest {

    static final String ALICE = "arn:aws:sts::1:assumed-role/app/alice";
    static final String BOB = "arn:aws:iam::1:user/bob";
    static final String CAROL = "arn:aws:iam::1:user/carol";

    @TempDir
    Path folder;

    static WindowStats row(String start, String principal, long invocations, double cost) {
        Stats stats = new Stats();
        stats.invocations = invocations;
        stats.costUsd = cost;
        return new WindowStats(Instant.parse(start), 300, "m", principal, "", true, stats);
    }

    static ObjectResult object(String id, WindowStats... rows) {
        long invocations = List.of(rows).stream().mapToLong(r -> r.stats().invocations).sum();
        return new ObjectResult("s3://logs/" + id, id, ObjectKind.INVOCATION_LOG,
                new ObjectSummary("s3://logs/" + id, "INVOCATION_LOG", invocations, invocations, 0, 0, 0, 0),
                List.of(rows), List.of(), List.of(), rows[0].windowStart(), null, null);
    }

    @Test
    void principalsOfObjectsFromTwoReplicasAreCountedOnceAndEachDigestFollowsItsFiles() {
        StateStore store = new FolderStateStore(folder);
        WindowStore replicaA = new WindowStore(store, 300, 0);
        WindowStore replicaB = new WindowStore(store, 300, 0);
        replicaA.write(object("a-1", row("2026-11-16T09:00:00Z", ALICE, 10, 0.1), row("2026-11-16T09:05:00Z", BOB, 5, 0.05)));
        replicaB.write(object("b-1", row("2026-11-16T09:10:00Z", ALICE, 20, 0.2), row("2026-11-17T23:55:00Z", BOB, 1, 0.01)));
        replicaB.write(object("b-2", row("2026-11-23T10:00:00Z", CAROL, 4, 0.04), row("2026-11-23T10:00:00Z", "", 3, 0.03)));

        UsageHistory history = new UsageDigests(replicaA).before(Instant.parse("2026-11-24T00:00:00Z"));

        Instant week = Instant.parse("2026-11-16T00:00:00Z");
        Instant nextWeek = Instant.parse("2026-11-23T00:00:00Z");
        assertThat(history.principals(week, nextWeek)).containsExactly(BOB, ALICE);
        assertThat(history.principals(week, Instant.parse("2026-11-24T00:00:00Z"))).hasSize(3);
        assertThat(history.principals(Instant.parse("2026-11-16T10:00:00Z"), nextWeek)).containsExactly(BOB);
        assertThat(history.firstSeen(Instant.parse("2026-11-24T00:00:00Z"))).isEqualTo(Map.of(
                ALICE, Instant.parse("2026-11-16T09:00:00Z"), BOB, Instant.parse("2026-11-16T09:00:00Z"),
                CAROL, Instant.parse("2026-11-23T10:00:00Z")));
        assertThat(history.invocations(week, nextWeek)).isEqualTo(36);
        assertThat(history.costUsd(week, nextWeek)).isCloseTo(0.36, within(1e-12));
        assertThat(history.firstTraffic()).isEqualTo(Instant.parse("2026-11-16T09:00:00Z"));
        assertThat(history.lastTrafficEnd(nextWeek)).isEqualTo(Instant.parse("2026-11-18T00:00:00Z"));
        assertThat(history.hasTrafficBefore(week)).isFalse();
        assertThat(history.hasTrafficBefore(nextWeek)).isTrue();
        assertThat(store.list(UsageDigests.PREFIX)).extracting(StateStore.Listed::key).containsExactly(
                "state/usage/2026-11-16.json", "state/usage/2026-11-17.json", "state/usage/2026-11-23.json");

        // a late object for the 16th on another replica: the day's digest is rebuilt from its files
        replicaA.write(object("a-late", row("2026-11-16T15:00:00Z", CAROL, 2, 0.02)));
        UsageHistory later = new UsageDigests(replicaB).before(Instant.parse("2026-11-24T00:00:00Z"));

        assertThat(later.principals(week, nextWeek)).containsExactly(BOB, CAROL, ALICE);
        assertThat(later.firstSeen(Instant.parse("2026-11-24T00:00:00Z"))).containsEntry(CAROL, Instant.parse("2026-11-16T15:00:00Z"));
        assertThat(later.invocations(week, nextWeek)).isEqualTo(38);
    }

    @Test
    void aDamagedDigestIsRebuilt() {
        StateStore store = new FolderStateStore(folder);
        WindowStore windows = new WindowStore(store, 300, 0);
        windows.write(object("a-1", row("2026-11-16T09:00:00Z", ALICE, 10, 0.1)));
        new UsageDigests(windows).before(Instant.parse("2026-11-17T00:00:00Z"));
        store.put(UsageDigests.key(LocalDate.of(2026, 11, 16)), "{not json".getBytes());

        UsageHistory history = new UsageDigests(windows).before(Instant.parse("2026-11-17T00:00:00Z"));

        assertThat(history.invocations(Instant.parse("2026-11-16T00:00:00Z"), Instant.parse("2026-11-17T00:00:00Z"))).isEqualTo(10);
    }
}
