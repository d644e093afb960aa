package org.bedrockmonitor.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that N replicas must do once: each piece is claimed under a key of the store before it is done.
 * A claim is an entry {@code {state, owner, expires}}: created with {@code If-None-Match}, kept alive by
 * this process while the work runs (refreshed with {@code If-Match} on its own version), marked done at
 * the end. A claim whose owner died (its expiry passed) is taken over with {@code If-Match} on the
 * version that was read, so of two replicas racing for it exactly one wins.
 */
public final class Claims implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Claims.class);

    static final String IN_PROGRESS = "in-progress";
    static final String DONE = "done";
    static final String RELEASED = "released";

    /** What a claim attempt found. */
    public enum Outcome {
        /** This process holds the claim now: do the work, then {@link #done} or {@link #release}. */
        WON,
        /** The work was done before: skip it. */
        DONE,
        /** Another live process holds it: try again later. */
        BUSY
    }

    private final StateStore store;
    private final String prefix;
    private final Duration ttl;
    private final Clock clock;
    private final String owner;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService refresher;

    /** @param prefix key prefix of these claims in the store, e.g. {@code state/ledger/} */
    public Claims(StateStore store, String prefix, Duration ttl, Clock clock) {
        this(store, prefix, ttl, clock, UUID.randomUUID().toString());
    }

    Claims(StateStore store, String prefix, Duration ttl, Clock clock, String owner) {
        this.store = store;
        this.prefix = prefix;
        this.ttl = ttl;
        this.clock = clock;
        this.owner = owner;
    }

    public Outcome claim(String name) {
        String key = prefix + name;
        byte[] entry = entry(IN_PROGRESS, clock.instant().plus(ttl));
        if (store.putIfAbsent(key, entry)) {
            hold(name);
            return Outcome.WON;
        }
        Optional<StateStore.Versioned> current = store.get(key);
        if (current.isEmpty()) {
            // released by a delete between our two calls: try once more from the start
            return store.putIfAbsent(key, entry) ? hold(name) : Outcome.BUSY;
        }
        JsonNode node = parse(current.get().content());
        if (!node.has("state")) {
            // caught half-written: read once more; an entry that stays unreadable is damaged and taken over
            pause();
            current = store.get(key);
            if (current.isEmpty()) {
                return Outcome.BUSY;
            }
            node = parse(current.get().content());
        }
        String state = node.path("state").asText(RELEASED);
        if (DONE.equals(state)) {
            return Outcome.DONE;
        }
        // live and held by another process, or by another thread of this one (two deliveries of one object)
        if (IN_PROGRESS.equals(state) && expires(node).isAfter(clock.instant())
                && (!owner.equals(node.path("owner").asText()) || held.contains(name))) {
            return Outcome.BUSY;
        }
        // released, expired, or ours from before and no longer held: take it over, exactly one racer wins
        if (store.putIfMatch(key, entry, current.get().etag())) {
            return hold(name);
        }
        return Outcome.BUSY;
    }

    /** Whether the work under this name was done (by anyone). */
    public boolean isDone(String name) {
        return store.get(prefix + name).map(v -> DONE.equals(parse(v.content()).path("state").asText())).orElse(false);
    }

    /** Marks our claim done; false when we no longer held it (another process took it over). */
    public boolean done(String name) {
        boolean marked = finish(name, DONE);
        if (!marked) {
            LOG.warn("claim {}{} could not be marked done: it expired and another process took it over, or it is gone", prefix, name);
        }
        return marked;
    }

    /** Gives our claim up after a failure, so another attempt may take it at once. */
    public boolean release(String name) {
        return finish(name, RELEASED);
    }

    /** Extends the expiry of every claim this process holds; a claim lost meanwhile is dropped. */
    public void refreshHeld() {
        for (String name : held) {
            String key = prefix + name;
            byte[] entry = entry(IN_PROGRESS, clock.instant().plus(ttl));
            Optional<StateStore.Versioned> current = store.get(key);
            JsonNode node = current.map(value -> parse(value.content())).orElse(null);
            if (node != null && owner.equals(node.path("owner").asText()) && !IN_PROGRESS.equals(node.path("state").asText())) {
                // finished by this process while the refresh ran
                held.remove(name);
                continue;
            }
            if (node == null) {
                // nothing deletes a live claim: an entry caught while it is replaced is refreshed next time
                continue;
            }
            if ((!owner.equals(node.path("owner").asText()) || !store.putIfMatch(key, entry, current.get().etag()))
                    && held.remove(name)) {
                LOG.warn("claim {} was taken over by another process", key);
            }
        }
    }

    public boolean holds(String name) {
        return held.contains(name);
    }

    private boolean finish(String name, String state) {
        String key = prefix + name;
        held.remove(name);
        // a refresh of this process may replace the entry between our read and our write: read again
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<StateStore.Versioned> current = store.get(key);
            if (current.isEmpty()) {
                pause();
                continue;
            }
            JsonNode node = parse(current.get().content());
            if (!owner.equals(node.path("owner").asText()) || !IN_PROGRESS.equals(node.path("state").asText())) {
                return false;
            }
            if (store.putIfMatch(key, entry(state, clock.instant()), current.get().etag())) {
                return true;
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome hold(String name) {
        held.add(name);
        startRefresher();
        return Outcome.WON;
    }

    private synchronized void startRefresher() {
        if (refresher != null) {
            return;
        }
        long period = Math.max(200, ttl.toMillis() / 3);
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "claims-refresh-" + prefix);
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refreshHeld();
            } catch (RuntimeException e) {
                LOG.warn("refreshing claims under {} failed: {}", prefix, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    private byte[] entry(String state, Instant at) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("state", state);
        node.put("owner", owner);
        node.put(IN_PROGRESS.equals(state) ? "expires" : "at", at.toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Instant expires(JsonNode node) {
        try {
            return Instant.parse(node.path("expires").asText());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    /** An entry that cannot be read counts as released: it is taken over, never blocks the work. */
    private static JsonNode parse(byte[] content) {
        try {
            return Json.MAPPER.readTree(content);
        } catch (java.io.IOException | RuntimeException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
