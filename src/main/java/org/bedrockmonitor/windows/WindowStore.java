package org.bedrockmonitor.windows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.aggregate.RollupCodec;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window store: every object's window rows and CloudTrail events, partitioned by the hour of the
 * event time they belong to ({@code rollups/<yyyy-MM-dd>/<HH>/<objectId>.jsonl}). One object writes one
 * file per hour it touches, under its own id, so a redelivered object rewrites its files instead of
 * adding to the counts, and reading a time range reads only the hours of that range. Detection, reports
 * and every replica read the same files.
 *
 * <p>Beside its rows an object leaves a pending marker ({@code state/detect/pending/<objectId>.json})
 * naming the windows it touched: how detection learns that windows it already judged received late rows.
 */
public final class WindowStore {

    private static final Logger LOG = LoggerFactory.getLogger(WindowStore.class);

    public static final String ROLLUPS = "rollups/";
    /** Up to this many hours, a read lists each hour's folder; beyond, each day's. */
    private static final int HOURS_LISTED_ONE_BY_ONE = 6;
    public static final String PENDING = "state/detect/pending/";
    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy-MM-dd/HH").withZone(ZoneOffset.UTC);

    /** A pending marker: the windows (starts) one object touched, with how many rows it wrote into each. */
    public record Pending(String key, String etag, String objectId, String source, Map<Instant, Long> rowsByWindow) {

        public java.util.Set<Instant> windows() {
            return rowsByWindow.keySet();
        }

        public long rows(Instant window) {
            return rowsByWindow.getOrDefault(window, 0L);
        }
    }

    private final StateStore store;
    private final int windowSeconds;
    private final DecodedFiles cache;

    public WindowStore(StateStore store, int windowSeconds, long cachedRows) {
        this.store = store;
        this.windowSeconds = windowSeconds;
        this.cache = new DecodedFiles(cachedRows);
    }

    public StateStore store() {
        return store;
    }

    /** Writes the object's rows and events, one file per hour, then its pending marker. */
    public ObjectResult write(ObjectResult result) {
        Map<Instant, List<WindowStats>> rowsByHour = new TreeMap<>();
        for (WindowStats row : result.windows()) {
            rowsByHour.computeIfAbsent(row.windowStart().truncatedTo(ChronoUnit.HOURS), h -> new ArrayList<>()).add(row);
        }
        Map<Instant, List<AuditEvent>> eventsByHour = new TreeMap<>();
        for (AuditEvent event : result.auditEvents()) {
            if (event.eventTime() != null) {
                eventsByHour.computeIfAbsent(event.eventTime().truncatedTo(ChronoUnit.HOURS), h -> new ArrayList<>()).add(event);
            }
        }
        TreeSet<Instant> hours = new TreeSet<>(rowsByHour.keySet());
        hours.addAll(eventsByHour.keySet());
        Map<Instant, Long> windows = new TreeMap<>();
        String header = objectLine(result);
        for (Instant hour : hours) {
            StringBuilder lines = new StringBuilder(header);
            List<WindowStats> rows = rowsByHour.getOrDefault(hour, List.of());
            lines.append(RollupCodec.encodeWindows(rows));
            rows.forEach(row -> windows.merge(row.windowStart(), 1L, Long::sum));
            for (AuditEvent event : eventsByHour.getOrDefault(hour, List.of())) {
                lines.append(RollupCodec.encode(event)).append('\n');
                windows.merge(windowOf(event.eventTime(), windowSeconds), 1L, Long::sum);
            }
            store.put(fileKey(hour, result.objectId()), lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!windows.isEmpty()) {
            store.put(PENDING + result.objectId() + ".json", marker(result, windows));
        }
        return result;
    }

    /** Every row and CloudTrail event of [from, to): the hours of the range, nothing else. */
    public Rollups read(Instant from, Instant to) {
        RollupCollector collector = new RollupCollector(from, to);
        List<StateStore.Listed> files = new ArrayList<>();
        Instant firstHour = from.truncatedTo(ChronoUnit.HOURS);
        if (Duration.between(firstHour, to).compareTo(Duration.ofHours(HOURS_LISTED_ONE_BY_ONE)) <= 0) {
            for (Instant hour = firstHour; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
                files.addAll(store.list(ROLLUPS + HOUR_PATH.format(hour) + "/"));
            }
        } else {
            for (LocalDate day = LocalDate.ofInstant(firstHour, ZoneOffset.UTC); day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to);
                    day = day.plusDays(1)) {
                for (StateStore.Listed file : store.list(ROLLUPS + day + "/")) {
                    Instant hour = hourOf(file.key());
                    if (hour != null && !hour.isBefore(firstHour) && hour.isBefore(to)) {
                        files.add(file);
                    }
                }
            }
        }
        // files are decoded side by side (a month holds thousands), then combined in key order
        files.parallelStream().map(file -> decoded(file).within(from, to)).toList().forEach(collector::addAll);
        return collector.result();
    }

    /**
     * The hours of [from, to) the store holds rows for: one folder listing per day that has any, so a long
     * quiet stretch (a backfill of last year, a pause) costs a few requests, not one per hour.
     */
    public Set<Instant> hoursWithRows(Instant from, Instant to) {
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(to, ZoneOffset.UTC);
        Set<Instant> hours = new TreeSet<>();
        for (String day : store.folders(ROLLUPS)) {
            Instant dayStart = hourOf(ROLLUPS + day + "/00/");
            if (dayStart == null || LocalDate.ofInstant(dayStart, ZoneOffset.UTC).isBefore(firstDay)
                    || LocalDate.ofInstant(dayStart, ZoneOffset.UTC).isAfter(lastDay)) {
                continue;
            }
            for (String hour : store.folders(ROLLUPS + day + "/")) {
                Instant start = hourOf(ROLLUPS + day + "/" + hour + "/");
                if (start != null && !start.isBefore(from.truncatedTo(ChronoUnit.HOURS)) && start.isBefore(to)) {
                    hours.add(start);
                }
            }
        }
        return hours;
    }

    /** The rows and events of one hour (detection reads the store an hour at a time). */
    public Rollups hour(Instant hourStart) {
        return read(hourStart, hourStart.plus(Duration.ofHours(1)));
    }

    /** The start of the earliest hour the store holds rows for, if any. */
    public Optional<Instant> earliestHour() {
        return store.firstKey(ROLLUPS).map(WindowStore::hourOf);
    }

    /** The pending markers, oldest key first; a marker that cannot be read is returned with no windows. */
    public List<Pending> pending() {
        List<Pending> markers = new ArrayList<>();
        for (StateStore.Listed listed : store.list(PENDING)) {
            Optional<StateStore.Versioned> value = store.get(listed.key());
            if (value.isEmpty()) {
                continue;
            }
            markers.add(parseMarker(listed.key(), value.get()));
        }
        return markers;
    }

    /** Removes a marker once its windows are judged; a marker rewritten since (a redelivery) stays. */
    public boolean consumed(Pending marker) {
        return store.deleteIfMatch(marker.key(), marker.etag());
    }

    static String fileKey(Instant hour, String objectId) {
        return ROLLUPS + HOUR_PATH.format(hour) + "/" + objectId + ".jsonl";
    }

    /** The hour of a rollup file's key, or of its hour folder ({@code rollups/<day>/<HH>/}); null when neither. */
    static Instant hourOf(String key) {
        String[] parts = key.split("/");
        if (parts.length < 3 || parts.length > 4) {
            return null;
        }
        try {
            return LocalDate.parse(parts[1]).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plus(Duration.ofHours(Integer.parseInt(parts[2])));
        } catch (RuntimeException notInLayout) {
            return null;
        }
    }

    private static Instant windowOf(Instant at, int windowSeconds) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), windowSeconds) * windowSeconds);
    }

    /** The first line of each file: which object wrote it (readers skip it; operators read it). */
    private static String objectLine(ObjectResult result) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("kind", RollupCodec.OBJECT);
        node.put("source", result.source());
        node.put("objectId", result.objectId());
        return node + "\n";
    }

    private static byte[] marker(ObjectResult result, Map<Instant, Long> windows) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("objectId", result.objectId());
        node.put("source", result.source());
        ArrayNode list = node.putArray("windows");
        windows.forEach((window, rows) -> list.addArray().add(window.getEpochSecond()).add(rows));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Pending parseMarker(String key, StateStore.Versioned value) {
        try {
            JsonNode node = Json.MAPPER.readTree(value.content());
            Map<Instant, Long> windows = new TreeMap<>();
            node.path("windows").forEach(w -> windows.put(Instant.ofEpochSecond(w.path(0).asLong()), w.path(1).asLong()));
            return new Pending(key, value.etag(), node.path("objectId").asText(), node.path("source").asText(), windows);
        } catch (java.io.IOException | RuntimeException damaged) {
            return new Pending(key, value.etag(), "", "", Map.of());
        }
    }

    private DecodedFile decoded(StateStore.Listed file) {
        DecodedFile known = cache.get(file.key(), file.version());
        if (known != null) {
            return known;
        }
        Optional<StateStore.Versioned> value = store.get(file.key());
        if (value.isEmpty()) {
            return DecodedFile.EMPTY;
        }
        RollupCollector whole = new RollupCollector(Instant.MIN, Instant.MAX).read(value.get().content());
        DecodedFile decoded = new DecodedFile(whole.result());
        if (decoded.rollups().skippedLines() > 0) {
            LOG.warn("rollup file {}: {} lines unreadable, left out of the reports", file.key(), decoded.rollups().skippedLines());
        }
        cache.put(file.key(), file.version(), decoded);
        return decoded;
    }

    /** One decoded rollup file. */
    record DecodedFile(Rollups rollups) {
        static final DecodedFile EMPTY = new DecodedFile(new Rollups(List.of(), List.of(), 0, 0));

        RollupCollector within(Instant from, Instant to) {
            return new RollupCollector(from, to).add(rollups);
        }
    }

    /** Decoded files kept by key and version, up to a number of rows: the store's values, cached. */
    static final class DecodedFiles {
        private final long rowBudget;
        private long rows;
        private final LinkedHashMap<String, Map.Entry<String, DecodedFile>> files = new LinkedHashMap<>(64, 0.75f, true);

        DecodedFiles(long rowBudget) {
            this.rowBudget = rowBudget;
        }

        synchronized DecodedFile get(String key, String version) {
            Map.Entry<String, DecodedFile> entry = files.get(key);
            return entry != null && entry.getKey().equals(version) ? entry.getValue() : null;
        }

        synchronized void put(String key, String version, DecodedFile file) {
            long size = file.rollups().windows().size() + file.rollups().auditEvents().size();
            if (size > rowBudget) {
                return;
            }
            Map.Entry<String, DecodedFile> previous = files.put(key, Map.entry(version, file));
            if (previous != null) {
                rows -= previous.getValue().rollups().windows().size() + previous.getValue().rollups().auditEvents().size();
            }
            rows += size;
            var it = files.entrySet().iterator();
            while (rows > rowBudget && it.hasNext()) {
                var eldest = it.next();
                rows -= eldest.getValue().getValue().rollups().windows().size()
                        + eldest.getValue().getValue().rollups().auditEvents().size();
                it.remove();
            }
        }
    }
}
