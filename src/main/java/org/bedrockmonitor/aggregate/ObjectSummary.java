package org.bedrockmonitor.aggregate;

/**
 * What one source object contributed: the header line of its rollup. {@code read} counts the records
 * read (invocations + duplicates + rejected): every invocation-log record, and of a CloudTrail object the
 * events that could not be read; {@code auditEventsRead} every CloudTrail event, {@code auditEvents} the
 * Bedrock events kept.
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
