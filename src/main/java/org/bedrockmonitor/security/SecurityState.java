package org.bedrockmonitor.security;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the CloudTrail detections remember between windows: failed calls and management reads per open
 * window, the addresses and countries each principal has used, each principal's hourly use of models,
 * and the ids already raised. Part of the detection state (saved in checkpoints), so every replica and
 * every restart judges the same events the same way.
 */
public final class SecurityState {

    /** Failed calls of one principal or one source IP in one failed-access window. */
    public static final class FailureWindow {
        public String kind;
        public String value;
        public Instant start;
        public long count;
        public long alertedCount;
        public TreeSet<String> principals = new TreeSet<>();
        public TreeSet<String> sourceIps = new TreeSet<>();
        public TreeSet<String> models = new TreeSet<>();
        public TreeMap<String, Long> errorCodes = new TreeMap<>();
    }

    /** Successful List/Get management reads of one principal in one read-burst window. */
    public static final class ReadWindow {
        public String principal;
        public Instant start;
        public long count;
        public TreeMap<String, Long> eventNames = new TreeMap<>();
        public TreeSet<String> sourceIps = new TreeSet<>();
    }

    /** What one principal has done so far: since when, how many calls, from which addresses and countries. */
    public static final class PrincipalHistory {
        public Instant firstSeen;
        public Instant lastSeen;
        public long events;
        public TreeSet<String> addresses = new TreeSet<>();
        /** Country to the last located call from it, within the geography baseline. */
        public TreeMap<String, Instant> countries = new TreeMap<>();
        public Instant firstLocated;
    }

    /** One principal's model calls in one clock hour of event time. */
    public static final class HourUsage {
        public Instant hour;
        public long calls;
        public long outputTokens;
        public int distinctModels;
        /** The models of the hour while it is open; only their count is kept once it is judged. */
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public TreeSet<String> models = new TreeSet<>();
    }

    /** Key {@code kind|value|start}. */
    public TreeMap<String, FailureWindow> failureWindows = new TreeMap<>();
    /** Key {@code start|principal}. */
    public TreeMap<String, ReadWindow> readWindows = new TreeMap<>();
    /** Principal to history; the least recently seen are forgotten past the configured bound. */
    public TreeMap<String, PrincipalHistory> histories = new TreeMap<>();
    /** The clock hour whose model calls are being counted, and each principal's calls in it. */
    public Instant usageHour;
    public TreeMap<String, HourUsage> openHour = new TreeMap<>();
    /** Principal to its judged active hours within the exfiltration baseline, oldest first. */
    public TreeMap<String, ArrayDeque<HourUsage>> usageHistory = new TreeMap<>();
    /** Alert ids raised, oldest first, bounded like the histories. */
    public LinkedHashSet<String> raisedIds = new LinkedHashSet<>();

    /** Forgets the least recently seen principals and the oldest raised ids beyond {@code maxKeys}. */
    void bound(int maxKeys) {
        if (histories.size() > maxKeys) {
            List<Map.Entry<String, PrincipalHistory>> byLastSeen = new ArrayList<>(histories.entrySet());
            byLastSeen.sort(Map.Entry.comparingByValue((a, b) -> a.lastSeen.compareTo(b.lastSeen)));
            Map<String, PrincipalHistory> kept = new LinkedHashMap<>();
            byLastSeen.subList(byLastSeen.size() - maxKeys, byLastSeen.size()).forEach(e -> kept.put(e.getKey(), e.getValue()));
            histories = new TreeMap<>(kept);
        }
        if (usageHistory.size() > maxKeys) {
            List<Map.Entry<String, ArrayDeque<HourUsage>>> byLastHour = new ArrayList<>(usageHistory.entrySet());
            byLastHour.sort(Comparator.comparing((Map.Entry<String, ArrayDeque<HourUsage>> e) -> e.getValue().peekLast().hour)
                    .thenComparing(Map.Entry::getKey));
            byLastHour.subList(0, byLastHour.size() - maxKeys).forEach(e -> usageHistory.remove(e.getKey()));
        }
        var oldest = raisedIds.iterator();
        while (raisedIds.size() > maxKeys && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
