package org.bedrockmonitor.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the CloudTrail detections remember between windows: failed calls per open window, the
 * addresses each principal has used, and the ids already raised. Part of the detection state (saved
 * in checkpoints), so every replica and every restart judges the same events the same way.
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

    /** What one principal has done so far: since when, how many calls, from which addresses. */
    public static final class PrincipalHistory {
        public Instant firstSeen;
        public Instant lastSeen;
        public long events;
        public TreeSet<String> addresses = new TreeSet<>();
    }

    /** Key {@code kind|value|start}. */
    public TreeMap<String, FailureWindow> failureWindows = new TreeMap<>();
    /** Principal to history; the least recently seen are forgotten past the configured bound. */
    public TreeMap<String, PrincipalHistory> histories = new TreeMap<>();
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
        var oldest = raisedIds.iterator();
        while (raisedIds.size() > maxKeys && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
