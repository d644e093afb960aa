package org.bedrockmonitor.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.bedrockmonitor.store.FolderStateStore;
import org.bedrockmonitor.store.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestClaimsTest {

    @TempDir
    Path folder;

    static final Instant AT = Instant.parse("2026-11-24T14:03:00Z");

    static List<RequestClaims.Claim> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new RequestClaims.Claim("req-" + i, AT.plusSeconds(i))).toList();
    }

    @Test
    void anIdClaimedByAnotherObjectIsADuplicateAndTheSameObjectAgainLosesNothing() {
        RequestClaims claims = new RequestClaims(new FolderStateStore(folder), "state/dedup/");
        assertThat(claims.claim("object-a", ids(0, 100))).isEmpty();
        assertThat(claims.claim("object-b", ids(50, 150))).hasSize(50).contains("req-50", "req-99").doesNotContain("req-100");
        assertThat(claims.claim("object-a", ids(0, 100))).as("a redelivered object reclaims its own ids").isEmpty();
    }

    @Test
    void aFreshProcessOnTheSameStoreKnowsEveryClaim() {
        new RequestClaims(new FolderStateStore(folder), "state/dedup/").claim("object-a", ids(0, 10));
        RequestClaims restarted = new RequestClaims(new FolderStateStore(folder), "state/dedup/");
        assertThat(restarted.claim("object-b", ids(0, 10))).hasSize(10);
    }

    @Test
    void releasedClaimsCountAgainForTheNextObject() {
        RequestClaims claims = new RequestClaims(new FolderStateStore(folder), "state/dedup/");
        claims.claim("object-a", ids(0, 10));
        claims.release("object-a", ids(0, 10));
        assertThat(claims.claim("object-b", ids(0, 10))).isEmpty();
    }

    @Test
    void shardsAreFiledByTheHourOfTheirRecords() {
        StateStore store = new FolderStateStore(folder);
        new RequestClaims(store, "state/dedup/").claim("object-a", List.of(
                new RequestClaims.Claim("x", Instant.parse("2026-11-24T14:59:59Z")),
                new RequestClaims.Claim("y", Instant.parse("2026-11-24T15:00:00Z"))));
        assertThat(store.list("state/dedup/")).extracting(StateStore.Listed::key)
                .allMatch(key -> key.startsWith("state/dedup/2026-11-24/14/") || key.startsWith("state/dedup/2026-11-24/15/"))
                .hasSize(2);
    }

    @Test
    void concurrentObjectsSharingIdsCountEachIdExactlyOnce() throws Exception {
        StateStore store = new FolderStateStore(folder);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Set<String>>> results = new ArrayList<>();
        for (int object = 0; object < 4; object++) {
            String owner = "object-" + object;
            RequestClaims claims = new RequestClaims(store, "state/dedup/");
            results.add(pool.submit(() -> claims.claim(owner, ids(0, 400))));
        }
        int duplicates = 0;
        Set<String> union = new HashSet<>();
        for (Future<Set<String>> result : results) {
            duplicates += result.get().size();
            union.addAll(result.get());
        }
        pool.shutdown();
        assertThat(duplicates).as("400 ids, 4 objects: each id counted by one object, a duplicate in three").isEqualTo(1200);
        assertThat(union).hasSize(400);
    }

    @Test
    void aShardWrittenAndReadBackHoldsTheSameClaimsAndSkipsDamagedLines() {
        RequestClaims.Shard shard = new RequestClaims.Shard();
        int a = shard.owner("object-a");
        int b = shard.owner("object-b");
        java.util.Random random = new java.util.Random(3);
        java.util.Map<Long, Integer> expected = new java.util.HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            long hash = i < 3 ? new long[] {0L, -1L, 0x0fL}[i] : random.nextLong();
            int owner = random.nextBoolean() ? a : b;
            shard.put(hash, owner);
            expected.put(hash, owner);
        }
        for (int i = 0; i < 2_000; i++) {
            long hash = expected.keySet().iterator().next();
            shard.remove(hash);
            expected.remove(hash);
        }
        byte[] damaged = (new String(shard.encode(), java.nio.charset.StandardCharsets.UTF_8)
                + "zz 1\n12 x\n\n 3\n" + "1".repeat(17) + " 0\nabc 1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        expected.put(0xabcL, 1);
        RequestClaims.Shard read = RequestClaims.Shard.parse(damaged);
        assertThat(read.owners).containsExactly("object-a", "object-b");
        assertThat(read.size()).isEqualTo(expected.size());
        expected.forEach((hash, owner) -> assertThat(read.holder(hash)).as("hash %x", hash).isEqualTo(owner));
        assertThat(read.holder(12345L)).isEqualTo(-1);
        assertThat(new String(RequestClaims.Shard.parse("owner o\n1f 0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).encode(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("owner o\n1f 0\n");
    }

    @Test
    void seenIdsSpotRepeatsInsideAnObjectAndReleaseTheClaimsBehindThem() {
        RequestClaims claims = new RequestClaims(new FolderStateStore(folder), "state/dedup/");
        RequestClaims.SeenIds seen = new RequestClaims.SeenIds();
        for (RequestClaims.Claim claim : ids(0, 5_000)) {
            assertThat(seen.add(claim.id(), claim.at())).isTrue();
        }
        assertThat(seen.add("req-7", AT.plusSeconds(7))).as("a repeat inside the object").isFalse();
        assertThat(seen.size()).isEqualTo(5_000);
        assertThat(claims.claim("object-a", ids(0, 5_000))).isEmpty();
        claims.release("object-a", seen);
        assertThat(claims.claim("object-b", ids(0, 5_000))).as("every claim of the failed object withdrawn").isEmpty();
        assertThat(claims.claim("object-a", ids(4_990, 5_010))).hasSize(10);
    }
}
