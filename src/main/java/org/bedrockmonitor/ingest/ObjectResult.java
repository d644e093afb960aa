package org.bedrockmonitor.ingest;

import java.time.Instant;
import java.util.List;

import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.parse.Rejection;

/**
 * Everything one source object produced. {@code rollupKey} is deterministic in the object's identity
 * and content, so a redelivered object rewrites the same rollup instead of adding to it.
 *
 * @param skipReason non-null when the object was recognised as not a log (offloaded body, digest)
 */
public record ObjectResult(
        String source,
        ObjectKind kind,
        ObjectSummary summary,
        List<WindowStats> windows,
        List<AuditEvent> auditEvents,
        List<Rejection> rejected,
        List<String> claimedRequestIds,
        Instant earliest,
        Instant latest,
        String rollupKey,
        String skipReason) {

    public boolean skipped() {
        return skipReason != null;
    }

    public boolean hasRejections() {
        return !rejected.isEmpty();
    }

    /**
     * Identity, not content: Camel keys its bean-introspection cache by the body whenever a route reads
     * a property of it, and a record's generated hash walks every window row and request id of the object.
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
