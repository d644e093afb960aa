package org.bedrockmonitor.aggregate;

/**
 * What one source object contributed: the header line of its rollup. {@code read} counts invocation-log
 * records read (unique + duplicates + rejected); {@code auditEvents} the CloudTrail events kept.
 */
public record ObjectSummary(
        String source,
        String kind,
        long read,
        long invocations,
        long duplicates,
        long rejected,
        long auditEventsRead,
        long auditEvents) {
}
