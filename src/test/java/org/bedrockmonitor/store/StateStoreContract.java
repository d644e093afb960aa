package org.bedrockmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** What every store must do: the conditional writes the replicas' agreement rests on. */
abstract class StateStoreContract {

    abstract StateStore store();

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(StateStore.Versioned value) {
        return new String(value.content(), StandardCharsets.UTF_8);
    }

    @Test
    void putIfAbsentCreatesOnceAndPutIfMatchReplacesOnlyTheVersionRead() {
        StateStore store = store();
        assertThat(store.get("state/a.json")).isEmpty();
        assertThat(store.putIfAbsent("state/a.json", bytes("one"))).isTrue();
        assertThat(store.putIfAbsent("state/a.json", bytes("two"))).isFalse();
        StateStore.Versioned one = store.get("state/a.json").orElseThrow();
        assertThat(text(one)).isEqualTo("one");

        assertThat(store.putIfMatch("state/a.json", bytes("three"), one.etag())).isTrue();
        assertThat(store.putIfMatch("state/a.json", bytes("four"), one.etag())).as("stale version").isFalse();
        assertThat(text(store.get("state/a.json").orElseThrow())).isEqualTo("three");
        assertThat(store.putIfMatch("state/missing.json", bytes("x"), one.etag())).as("gone").isFalse();

        StateStore.Versioned three = store.get("state/a.json").orElseThrow();
        assertThat(store.deleteIfMatch("state/a.json", one.etag())).isFalse();
        assertThat(store.deleteIfMatch("state/a.json", three.etag())).isTrue();
        assertThat(store.get("state/a.json")).isEmpty();
    }

    @Test
    void listsKeysUnderAPrefixInOrderWithAVersionThatChangesWithTheValue() {
        StateStore store = store();
        store.put("rollups/2026-11-24/14/b.jsonl", bytes("b"));
        store.put("rollups/2026-11-24/14/a.jsonl", bytes("a"));
        store.put("rollups/2026-11-24/15/c.jsonl", bytes("c"));
        store.put("rollups/2026-11-25/00/d.jsonl", bytes("d"));

        List<StateStore.Listed> day = store.list("rollups/2026-11-24/");
        assertThat(day).extracting(StateStore.Listed::key)
                .containsExactly("rollups/2026-11-24/14/a.jsonl", "rollups/2026-11-24/14/b.jsonl", "rollups/2026-11-24/15/c.jsonl");
        String before = day.get(0).version();
        store.put("rollups/2026-11-24/14/a.jsonl", bytes("a, rewritten with more"));
        assertThat(store.list("rollups/2026-11-24/14/").get(0).version()).isNotEqualTo(before);
        assertThat(store.list("nothing/here/")).isEmpty();

        assertThat(store.folders("rollups/")).containsExactly("2026-11-24", "2026-11-25");
        assertThat(store.folders("rollups/2026-11-24/")).containsExactly("14", "15");
        assertThat(store.folders("rollups/2026-11-24/14/")).isEmpty();
        assertThat(store.folders("nothing/here/")).isEmpty();
    }

    @Test
    void ofManyConcurrentIfMatchUpdatesEachSuccessIsCounted() throws Exception {
        StateStore store = store();
        store.putIfAbsent("state/counter", bytes("0"));
        AtomicInteger successes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int t = 0; t < 6; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    StateStore.Versioned current = store.get("state/counter").orElseThrow();
                    int value = Integer.parseInt(text(current));
                    if (store.putIfMatch("state/counter", bytes(String.valueOf(value + 1)), current.etag())) {
                        successes.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Integer.parseInt(text(store.get("state/counter").orElseThrow()))).isEqualTo(successes.get()).isPositive();
    }
}
