package org.bedrockmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsTest {

    @TempDir
    Path folder;

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    Claims claims(StateStore store, String owner, Instant now) {
        return new Claims(store, "state/ledger/", Duration.ofSeconds(60), Clock.fixed(now, ZoneOffset.UTC), owner);
    }

    @Test
    void aClaimIsWonOnceThenBusyForOthersThenDoneForEveryone() {
        StateStore store = new FolderStateStore(folder);
        Claims a = claims(store, "a", T0);
        Claims b = claims(store, "b", T0);

        assertThat(a.claim("object-1")).isEqualTo(Claims.Outcome.WON);
        assertThat(b.claim("object-1")).isEqualTo(Claims.Outcome.BUSY);
        assertThat(a.done("object-1")).isTrue();
        assertThat(b.claim("object-1")).isEqualTo(Claims.Outcome.DONE);
        assertThat(b.isDone("object-1")).isTrue();
        a.close();
    }

    @Test
    void twoDeliveriesOfOneObjectToOneReplicaAreReadOnceAndARefreshNeverUndoesDone() {
        StateStore store = new FolderStateStore(folder);
        Claims replica = claims(store, "a", T0);

        assertThat(replica.claim("object-1")).isEqualTo(Claims.Outcome.WON);
        assertThat(replica.claim("object-1")).as("another consumer thread of the same replica").isEqualTo(Claims.Outcome.BUSY);
        assertThat(replica.done("object-1")).isTrue();
        replica.refreshHeld();
        assertThat(replica.isDone("object-1")).isTrue();
        assertThat(replica.claim("object-1")).isEqualTo(Claims.Outcome.DONE);

        // a claim of this process that it no longer holds (it gave up on it without releasing) is taken back
        assertThat(replica.claim("object-2")).isEqualTo(Claims.Outcome.WON);
        replica.close();
        Claims restarted = claims(store, "a", T0);
        assertThat(restarted.claim("object-2")).isEqualTo(Claims.Outcome.WON);
        restarted.close();
    }

    @Test
    void aReleasedClaimIsTakenAtOnceAndALostClaimCannotBeMarkedDone() {
        StateStore store = new FolderStateStore(folder);
        Claims a = claims(store, "a", T0);
        assertThat(a.claim("object-1")).isEqualTo(Claims.Outcome.WON);
        assertThat(a.release("object-1")).isTrue();
        Claims b = claims(store, "b", T0);
        assertThat(b.claim("object-1")).isEqualTo(Claims.Outcome.WON);
        assertThat(a.done("object-1")).as("a gave it up: b owns it now").isFalse();
        assertThat(b.done("object-1")).isTrue();
    }

    @Test
    void anExpiredClaimIsTakenOverByExactlyOneOfManyRacingReplicas() throws Exception {
        StateStore store = new FolderStateStore(folder);
        assertThat(claims(store, "dead", T0).claim("object-1")).isEqualTo(Claims.Outcome.WON);
        Instant later = T0.plus(Duration.ofMinutes(5));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Claims.Outcome>> outcomes = new ArrayList<>();
        for (int replica = 0; replica < 8; replica++) {
            Claims claims = claims(store, "replica-" + replica, later);
            outcomes.add(pool.submit((Callable<Claims.Outcome>) () -> claims.claim("object-1")));
        }
        List<Claims.Outcome> results = new ArrayList<>();
        for (Future<Claims.Outcome> outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();
        assertThat(results).filteredOn(o -> o == Claims.Outcome.WON).hasSize(1);
        assertThat(results).filteredOn(o -> o == Claims.Outcome.BUSY).hasSize(7);
    }

    @Test
    void aLiveOwnerKeepsItsClaimByRefreshingIt() {
        StateStore store = new FolderStateStore(folder);
        Claims a = claims(store, "a", T0);
        assertThat(a.claim("object-1")).isEqualTo(Claims.Outcome.WON);
        Claims aLater = new Claims(store, "state/ledger/", Duration.ofSeconds(60),
                Clock.fixed(T0.plusSeconds(50), ZoneOffset.UTC), "a");
        aLater.claim("object-1");
        aLater.refreshHeld();
        assertThat(claims(store, "b", T0.plusSeconds(70)).claim("object-1")).as("refreshed at +50 s, expires at +110 s")
                .isEqualTo(Claims.Outcome.BUSY);
        assertThat(claims(store, "b", T0.plusSeconds(111)).claim("object-1")).isEqualTo(Claims.Outcome.WON);
    }

    @Test
    void aDamagedEntryIsTakenOverInsteadOfBlockingTheWork() {
        StateStore store = new FolderStateStore(folder);
        store.put("state/ledger/object-1", "{not json".getBytes());
        assertThat(claims(store, "a", T0).claim("object-1")).isEqualTo(Claims.Outcome.WON);
    }
}
