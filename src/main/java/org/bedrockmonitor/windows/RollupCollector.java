package org.bedrockmonitor.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.aggregate.RollupCodec;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * Collects the rows of many rollup files that fall in [from, to): window rows whose window overlaps the
 * range, CloudTrail events inside it (one per event id: CloudTrail may deliver an event in two files).
 * Lines of unknown kinds are skipped silently (the format grows); broken lines are counted, never fatal.
 */
public final class RollupCollector {

    private final Instant from;
    private final Instant to;
    private final List<WindowStats> windows = new ArrayList<>();
    private final Map<String, AuditEvent> auditEvents = new LinkedHashMap<>();
    private int filesRead;
    private long skippedLines;

    public RollupCollector(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    /** Reads one rollup file (JSON lines, UTF-8) to its end and closes it. */
    public RollupCollector read(InputStream rollupFile) {
        // one object's rows: read whole and split in place, so lines are parsed from bytes like the logs
        try (rollupFile) {
            return read(rollupFile.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rollup file: " + e.getMessage(), e);
        }
    }

    /** Reads the content of one rollup file. */
    public RollupCollector read(byte[] bytes) {
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (!isBlank(bytes, start, end)) {
                    accept(bytes, start, end - start);
                }
                start = i + 1;
            }
        }
        filesRead++;
        return this;
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    /** The content of files decoded before (filtered to this collector's range). */
    public RollupCollector add(Rollups decoded) {
        decoded.windows().forEach(this::window);
        decoded.auditEvents().forEach(event -> audit(event, null));
        filesRead += decoded.filesRead();
        skippedLines += decoded.skippedLines();
        return this;
    }

    /** The rows of one rollup file as they were written (no decoding): the same filters as a read. */
    public RollupCollector add(List<WindowStats> rows, List<AuditEvent> events) {
        rows.forEach(this::window);
        events.forEach(event -> audit(event, null));
        filesRead++;
        return this;
    }

    private void window(WindowStats row) {
        if (row.windowStart().isBefore(to) && row.windowEnd().isAfter(from)) {
            windows.add(row);
        }
    }

    /** An event without an id is told apart by its line ({@code line} null: by its encoding, the same text). */
    private void audit(AuditEvent event, String line) {
        if (event.eventTime() != null && !event.eventTime().isBefore(from) && event.eventTime().isBefore(to)) {
            String key = event.eventId() != null ? event.eventId() : line != null ? line : RollupCodec.encode(event);
            auditEvents.putIfAbsent(key, event);
        }
    }

    private void accept(byte[] bytes, int offset, int length) {
        try {
            WindowStats row = RollupCodec.decodeWindow(bytes, offset, length);
            if (row != null) {
                window(row);
                return;
            }
            String line = new String(bytes, offset, length, StandardCharsets.UTF_8);
            JsonNode node = RollupCodec.parse(line);
            switch (RollupCodec.kindOf(node)) {
                case RollupCodec.AUDIT -> audit(RollupCodec.decodeAudit(node), line);
                default -> {
                    // object headers and kinds added later carry nothing a report needs
                }
            }
        } catch (RuntimeException e) {
            skippedLines++;
        }
    }

    /** Adds what another collector of the same range read, as if its files had been read here next. */
    public RollupCollector addAll(RollupCollector other) {
        windows.addAll(other.windows);
        other.auditEvents.forEach(auditEvents::putIfAbsent);
        filesRead += other.filesRead;
        skippedLines += other.skippedLines;
        return this;
    }

    public Rollups result() {
        return new Rollups(List.copyOf(windows), List.copyOf(auditEvents.values()), filesRead, skippedLines);
    }
}
