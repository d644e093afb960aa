package org.bedrockmonitor.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(rollupFile, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rollup file: " + e.getMessage(), e);
        }
        filesRead++;
        return this;
    }

    private void accept(String line) {
        try {
            WindowStats row = RollupCodec.decodeWindow(line);
            if (row != null) {
                if (row.windowStart().isBefore(to) && row.windowEnd().isAfter(from)) {
                    windows.add(row);
                }
                return;
            }
            JsonNode node = RollupCodec.parse(line);
            switch (RollupCodec.kindOf(node)) {
                case RollupCodec.AUDIT -> {
                    AuditEvent event = RollupCodec.decodeAudit(node);
                    if (event.eventTime() != null && !event.eventTime().isBefore(from) && event.eventTime().isBefore(to)) {
                        String key = event.eventId() != null ? event.eventId() : line;
                        auditEvents.putIfAbsent(key, event);
                    }
                }
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
