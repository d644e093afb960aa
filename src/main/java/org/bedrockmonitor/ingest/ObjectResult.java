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
}
