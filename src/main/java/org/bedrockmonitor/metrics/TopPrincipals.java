package org.bedrockmonitor.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * Bounds the Principal dimension: the first {@code limit} principals seen by this process get their own
 * series, every later one is published as {@link MetricCatalog#OTHER_PRINCIPALS}. First come rather than
 * re-ranked, so a principal's series never jumps between its own name and "other".
 */
public final class TopPrincipals {

    private final int limit;
    private final Set<String> admitted = new HashSet<>();

    public TopPrincipals(int limit) {
        this.limit = limit;
    }

    public synchronized String seriesOf(String principal) {
        if (admitted.contains(principal)) {
            return principal;
        }
        if (admitted.size() < limit) {
            admitted.add(principal);
            return principal;
        }
        return MetricCatalog.OTHER_PRINCIPALS;
    }
}
