package org.bedrockmonitor.windows;

import java.util.List;

import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * What the rollup store holds for a time range: the window rows and the CloudTrail events.
 *
 * @param filesRead    rollup files (or S3 objects) read
 * @param skippedLines lines that were not valid rollup lines (counted, never fatal)
 */
public record Rollups(List<WindowStats> windows, List<AuditEvent> auditEvents, int filesRead, long skippedLines) {

    public static Rollups of(List<WindowStats> windows, List<AuditEvent> auditEvents) {
        return new Rollups(List.copyOf(windows), List.copyOf(auditEvents), 0, 0);
    }
}
