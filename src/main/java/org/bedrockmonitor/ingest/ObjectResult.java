package org.bedrockmonitor.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.parse.Rejection;

/**
 * Everything one source object produced. {@code objectId} names the object version (the ledger key),
 * so a redelivered object rewrites the same files in the store instead of adding to them.
 *
 * @param skipReason non-null when the object was recognised as not a log (offloaded body, digest)
 */
public record ObjectResult(
        String source,
        String objectId,
        ObjectKind kind,
        ObjectSummary summary,
        List<WindowStats> windows,
        List<AuditEvent> auditEvents,
        List<Rejection> rejected,
        Instant earliest,
        Instant latest,
        String skipReason) {

    public boolean skipped() {
        return skipReason != null;
    }

    public boolean hasRejections() {
        return !rejected.isEmpty();
    }

    /** Where the rejected records of this object go: {@code <day of its earliest record>/<objectId>.jsonl}. */
    public String rejectedKey() {
        String day = earliest == null ? "undated" : earliest.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return day + "/" + objectId + ".jsonl";
    }

    /**
     * Identity, not content: Camel keys its bean-introspection cache by the body whenever a route reads
     * a property of it, and a record's generated hash walks every window row of the object.
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
