package org.bedrockmonitor.store;

import java.util.List;
import java.util.Optional;

/**
 * The shared store every replica and every command reads and writes: a folder locally, the report
 * bucket in AWS mode. Keys are slash-separated paths ({@code rollups/2026-11-24/14/ab12.jsonl}).
 *
 * <p>Conditional writes are what make N replicas agree: {@link #putIfAbsent} creates a key once (a
 * claim), {@link #putIfMatch} replaces a value only if nobody replaced it since it was read (its
 * {@link Versioned#etag}), so exactly one of two racing writers wins.
 */
public interface StateStore {

    /** The value and its version, or empty when the key does not exist. */
    Optional<Versioned> get(String key);

    /** Writes unconditionally: for outputs whose key is deterministic, where a rewrite replaces. */
    void put(String key, byte[] content);

    /** Creates the key; false (and nothing written) when it already exists. */
    boolean putIfAbsent(String key, byte[] content);

    /** Replaces the value read as {@code etag}; false (and nothing written) when it changed or is gone. */
    boolean putIfMatch(String key, byte[] content, String etag);

    /** Keys under a prefix, in key order, each with a version that changes when the value changes. */
    List<Listed> list(String prefix);

    /**
     * The names of the folders directly under a prefix that ends in {@code /}, in order: {@code folders("rollups/")}
     * gives the days. Cheap in S3 (a listing with a delimiter returns each folder once, not its keys).
     */
    List<String> folders(String prefix);

    /** The first key under a prefix in key order (cheap: one listing of one key in S3). */
    Optional<String> firstKey(String prefix);

    /** Removes the key; absent keys are ignored. */
    void delete(String key);

    /** Removes the key only if it is still the version read as {@code etag}. */
    boolean deleteIfMatch(String key, String etag);

    /** Where the store lives, for messages ({@code out/} or {@code s3://bucket/}). */
    String describe();

    record Versioned(byte[] content, String etag) {
    }

    record Listed(String key, String version) {
    }
}
