package org.bedrockmonitor.detect;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Every alert this process notified (after cooldown; resolutions excluded): the {@code alerts} of
 * summary.json. Bounded so a service running for months does not grow without end; the oldest go first.
 */
public final class AlertLog {

    static final int CAPACITY = 100_000;

    private final Deque<Alert> raised = new ArrayDeque<>();

    public synchronized void record(Collection<Alert> alerts) {
        for (Alert alert : alerts) {
            raised.addLast(alert);
            if (raised.size() > CAPACITY) {
                raised.removeFirst();
            }
        }
    }

    public synchronized List<Alert> raised() {
        return List.copyOf(raised);
    }
}
