package org.bedrockmonitor.metrics;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.store.StateStore;

/**
 * Bounds the Principal dimension: the first {@code limit} principals get their own series, every later
 * one is published as {@link MetricCatalog#OTHER_PRINCIPALS}. First come rather than re-ranked, so a
 * principal's series never jumps between its own name and "other"; and decided once for all replicas:
 * the admitted list is in the store ({@code state/metrics/top-principals.json}), grown with conditional
 * writes, this process's copy only a cache of it.
 */
public final class TopPrincipals {

    public static final String KEY = "state/metrics/top-principals.json";
    private static final int ATTEMPTS = 20;

    private final StateStore store;
    private final int limit;
    private Set<String> admitted = new LinkedHashSet<>();
    private boolean full;

    public TopPrincipals(StateStore store, int limit) {
        this.store = store;
        this.limit = limit;
    }

    public synchronized String seriesOf(String principal) {
        if (admitted.contains(principal)) {
            return principal;
        }
        if (full && admitted.size() >= limit) {
            return MetricCatalog.OTHER_PRINCIPALS;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StateStore.Versioned> current = store.get(KEY);
            admitted = current.map(v -> parse(v.content())).orElseGet(LinkedHashSet::new);
            if (admitted.contains(principal)) {
                return principal;
            }
            if (admitted.size() >= limit) {
                full = true;
                return MetricCatalog.OTHER_PRINCIPALS;
            }
            Set<String> grown = new LinkedHashSet<>(admitted);
            grown.add(principal);
            byte[] content = encode(grown);
            if (current.isEmpty() ? store.putIfAbsent(KEY, content) : store.putIfMatch(KEY, content, current.get().etag())) {
                admitted = grown;
                return principal;
            }
        }
        throw new IllegalStateException(KEY + " kept changing under " + ATTEMPTS + " attempts");
    }

    private static Set<String> parse(byte[] content) {
        try {
            return Json.MAPPER.readValue(content, new TypeReference<LinkedHashSet<String>>() { });
        } catch (IOException damaged) {
            return new LinkedHashSet<>();
        }
    }

    private static byte[] encode(Set<String> principals) {
        try {
            return Json.MAPPER.writeValueAsBytes(principals);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
