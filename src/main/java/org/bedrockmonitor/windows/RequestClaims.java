package org.bedrockmonitor.windows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bedrockmonitor.store.StateStore;

/**
 * Request-id de-duplication in the shared store: which object first claimed each request id. A record
 * whose id another object claimed is a duplicate; an id already claimed by the same object (a
 * redelivery) is not, so re-reading an object never loses its records. Exact across replicas and
 * restarts: ids are sharded by the hour of their record and a hash ({@code state/dedup/<day>/<hour>/<shard>}),
 * each shard rewritten with a conditional write, so concurrent objects merge their claims instead of
 * overwriting them. A shard holds 64-bit hashes of the ids, not the ids; shards of past hours are
 * never read again once their records can no longer be redelivered, and expire by the bucket's lifecycle.
 */
public final class RequestClaims {

    /** One id to claim and the time of its record (which shard it belongs to). */
    public record Claim(String id, Instant at) {
    }

    /** Where the shards live in the store. */
    public static final String PREFIX = "state/dedup/";
    static final int SHARDS = 16;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd/HH").withZone(ZoneOffset.UTC);
    private static final int ATTEMPTS = 50;

    private final StateStore store;
    private final String prefix;

    /** @param prefix key prefix of the shards, e.g. {@code state/dedup/} */
    public RequestClaims(StateStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    /** Claims the ids for {@code owner}; returns those another owner claimed first (the duplicates). */
    public Set<String> claim(String owner, Collection<Claim> claims) {
        Set<String> duplicates = new HashSet<>();
        byShard(claims).forEach((shard, ids) -> duplicates.addAll(update(shard, owner, ids, true)));
        return duplicates;
    }

    /** Withdraws the ids {@code owner} claimed (an object that failed after claiming). */
    public void release(String owner, Collection<Claim> claims) {
        byShard(claims).forEach((shard, ids) -> update(shard, owner, ids, false));
    }

    private Map<String, List<String>> byShard(Collection<Claim> claims) {
        Map<String, List<String>> shards = new HashMap<>();
        for (Claim claim : claims) {
            String key = prefix + HOUR.format(claim.at()) + "/" + Long.toHexString(hash(claim.id()) >>> 60) + ".ids";
            shards.computeIfAbsent(key, k -> new ArrayList<>()).add(claim.id());
        }
        return shards;
    }

    private Set<String> update(String key, String owner, List<String> ids, boolean claim) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StateStore.Versioned> current = store.get(key);
            Shard shard = current.map(v -> Shard.parse(v.content())).orElseGet(Shard::new);
            int ownerIndex = shard.owner(owner);
            Set<String> duplicates = new HashSet<>();
            boolean changed = false;
            for (String id : ids) {
                long hash = hash(id);
                Integer holder = shard.ids.get(hash);
                if (claim) {
                    if (holder == null) {
                        shard.ids.put(hash, ownerIndex);
                        changed = true;
                    } else if (holder != ownerIndex) {
                        duplicates.add(id);
                    }
                } else if (holder != null && holder == ownerIndex) {
                    shard.ids.remove(hash);
                    changed = true;
                }
            }
            if (!changed) {
                return duplicates;
            }
            byte[] content = shard.encode();
            boolean written = current.isEmpty() ? store.putIfAbsent(key, content)
                    : store.putIfMatch(key, content, current.get().etag());
            if (written) {
                return duplicates;
            }
        }
        throw new IllegalStateException("de-duplication shard " + key + " kept changing under " + ATTEMPTS + " attempts");
    }

    /** 64-bit FNV-1a over the id's characters: spread enough that a shard of one hour never sees a collision in practice. */
    static long hash(String id) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            hash ^= id.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash ^ (hash >>> 29);
    }

    /** One shard: owners by index, then {@code <hash hex> <owner index>} per id. */
    static final class Shard {
        final List<String> owners = new ArrayList<>();
        final Map<Long, Integer> ids = new HashMap<>();

        int owner(String owner) {
            int index = owners.indexOf(owner);
            if (index < 0) {
                owners.add(owner);
                index = owners.size() - 1;
            }
            return index;
        }

        byte[] encode() {
            StringBuilder out = new StringBuilder(32 * (owners.size() + ids.size()));
            for (String owner : owners) {
                out.append("owner ").append(owner).append('\n');
            }
            ids.forEach((hash, owner) -> out.append(Long.toHexString(hash)).append(' ').append(owner).append('\n'));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** A line that cannot be read is skipped: a damaged shard loses its own entries, never the service. */
        static Shard parse(byte[] content) {
            Shard shard = new Shard();
            for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("owner ")) {
                    shard.owners.add(line.substring(6));
                    continue;
                }
                int space = line.indexOf(' ');
                if (space <= 0) {
                    continue;
                }
                try {
                    shard.ids.put(Long.parseUnsignedLong(line.substring(0, space), 16), Integer.parseInt(line.substring(space + 1)));
                } catch (NumberFormatException skipped) {
                    // a damaged line: its id counts as unclaimed
                }
            }
            return shard;
        }
    }
}
