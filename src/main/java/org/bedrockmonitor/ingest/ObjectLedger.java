package org.bedrockmonitor.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.bedrockmonitor.config.Json;

/**
 * The processed-object ledger: one entry per (bucket, key, version or eTag), so an object delivered
 * twice, or redelivered after a replica died, is recognised and skipped. Used as the idempotent
 * repository of the {@code s3-object} route: {@link #add} claims the object (an in-progress entry with
 * an expiry, created with a write condition so two replicas cannot both claim it), {@link #confirm}
 * marks it done once its outputs are written, {@link #remove} releases a claim whose processing failed.
 * An in-progress entry past its expiry belongs to a consumer that died and may be taken over.
 */
public final class ObjectLedger extends ServiceSupport implements IdempotentRepository {

    static final String IN_PROGRESS = "in-progress";
    static final String DONE = "done";
    static final String RELEASED = "released";

    private final ObjectLedgerStore store;
    private final Duration claimTimeout;
    private final Clock clock;
    /** Tells this process's claims from those of other replicas (and of its previous life). */
    private final String owner = UUID.randomUUID().toString();

    public ObjectLedger(ObjectLedgerStore store, Duration claimTimeout, Clock clock) {
        this.store = store;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
    }

    /** The ledger key of an object: what {@code idempotentConsumer} is given per object. */
    public static String keyOf(S3NotificationObject object) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (object.bucket() + "\n" + object.key() + "\n" + object.identity()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims the object; false when it is already done; throws when another consumer holds it. */
    @Override
    public boolean add(String key) {
        String claim = entry(IN_PROGRESS, clock.instant().plus(claimTimeout));
        if (store.createIfAbsent(name(key), claim)) {
            return true;
        }
        JsonNode existing = current(key);
        String state = existing == null ? RELEASED : existing.path("state").asText();
        if (DONE.equals(state)) {
            return false;
        }
        if (IN_PROGRESS.equals(state) && !owner.equals(existing.path("owner").asText())
                && Instant.parse(existing.path("expires").asText()).isAfter(clock.instant())) {
            throw new ObjectLedgerBusyException("object " + key + " is being processed by another consumer until "
                    + existing.path("expires").asText());
        }
        // a released claim, our own earlier claim, or a claim whose consumer died: take it over
        store.write(name(key), claim);
        return true;
    }

    @Override
    public boolean contains(String key) {
        JsonNode existing = current(key);
        return existing != null && DONE.equals(existing.path("state").asText());
    }

    /** Releases our claim after a failure, so the redelivered message processes the object again. */
    @Override
    public boolean remove(String key) {
        JsonNode existing = current(key);
        if (existing != null && IN_PROGRESS.equals(existing.path("state").asText())
                && owner.equals(existing.path("owner").asText())) {
            store.write(name(key), entry(RELEASED, clock.instant()));
            return true;
        }
        return false;
    }

    @Override
    public boolean confirm(String key) {
        store.write(name(key), entry(DONE, clock.instant()));
        return true;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("the object ledger is never cleared by the service");
    }

    private JsonNode current(String key) {
        Optional<String> text = store.read(name(key));
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text.get());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String entry(String state, Instant at) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("state", state);
        node.put("owner", owner);
        node.put(IN_PROGRESS.equals(state) ? "expires" : "at", at.toString());
        return node.toString();
    }

    private static String name(String key) {
        return key + ".json";
    }
}
