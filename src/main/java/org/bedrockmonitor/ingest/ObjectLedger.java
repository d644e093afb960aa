package org.bedrockmonitor.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.bedrockmonitor.store.Claims;
import org.bedrockmonitor.util.Hashes;

/**
 * The processed-object ledger: one claim per object version, so an object delivered twice, or
 * redelivered after a replica died, is read once. The route claims the object before reading it,
 * commits once its outputs are in the store, and only then sends its metrics; a failure releases the
 * claim so the redelivery reads it again. While an object is read its claim is refreshed; a claim
 * whose replica died expires and is taken over by exactly one other replica.
 */
public final class ObjectLedger {

    /** Where the claims live in the store. */
    public static final String PREFIX = "state/ledger/";
    public static final String DONE = "DONE";
    public static final String CLAIMED = "CLAIMED";

    private final Claims claims;

    public ObjectLedger(Claims claims) {
        this.claims = claims;
    }

    /** The ledger key of an S3 object version: bucket, key and version id or eTag. */
    public static String keyOf(S3NotificationObject object) {
        return Hashes.sha256Hex(object.bucket() + "\n" + object.key() + "\n" + object.identity(), 40);
    }

    /** The ledger key of a local file: its full path, size and modification time (a new file of the same name is a new object). */
    public static String keyOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Hashes.sha256Hex(file.toAbsolutePath().normalize() + "\n" + attributes.size() + "\n"
                    + attributes.lastModifiedTime().toMillis(), 40);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file + ": " + e.getMessage(), e);
        }
    }

    /** The ledger key of a local file named by its path (what the local-files route has). */
    public static String keyOfFile(String path) {
        return keyOf(Path.of(path));
    }

    /** {@value #CLAIMED} when this replica is to read the object, {@value #DONE} when it was read before. */
    public String claim(String key) {
        return switch (claims.claim(key)) {
            case WON -> CLAIMED;
            case DONE -> DONE;
            case BUSY -> throw new ObjectLedgerBusyException("object " + key + " is being read by another replica");
        };
    }

    /** Marks the object done; fails when the claim was lost meanwhile (another replica now owns the object). */
    public void commit(String key) {
        if (!claims.done(key)) {
            throw new ObjectClaimLostException("object " + key + " was taken over by another replica before it committed");
        }
    }

    /** Gives the claim up after a failure, so a redelivery reads the object again at once. */
    /** Gives a claim back after a failure; nothing to do for an object that was never claimed. */
    public void release(String key) {
        if (key != null && !key.isEmpty() && claims.holds(key)) {
            claims.release(key);
        }
    }

    public boolean isDone(String key) {
        return claims.isDone(key);
    }
}
