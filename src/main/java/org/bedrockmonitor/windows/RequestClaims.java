package org.bedrockmonitor.windows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Withdraws the ids of {@code seen} that {@code owner} claimed (an object that failed after claiming). */
    public void release(String owner, SeenIds seen) {
        Map<Long, String> hours = new HashMap<>();
        Map<String, SeenIds> hashes = new HashMap<>();
        for (int i = 0; i < seen.size; i++) {
            long hash = seen.hashes[i];
            String key = shardKey(hours, seen.hours[i], hash);
            hashes.computeIfAbsent(key, k -> new SeenIds()).append(hash, seen.hours[i]);
        }
        hashes.forEach((key, ids) -> update(key, owner, null, ids, false));
    }

    private Map<String, List<String>> byShard(Collection<Claim> claims) {
        Map<String, List<String>> shards = new HashMap<>();
        Map<Long, String> hours = new HashMap<>();
        for (Claim claim : claims) {
            String key = shardKey(hours, Math.floorDiv(claim.at().getEpochSecond(), 3600L), hash(claim.id()));
            shards.computeIfAbsent(key, k -> new ArrayList<>()).add(claim.id());
        }
        return shards;
    }

    private String shardKey(Map<Long, String> hours, long epochHour, long hash) {
        String hour = hours.computeIfAbsent(epochHour, h -> prefix + HOUR.format(Instant.ofEpochSecond(h * 3600)) + "/");
        return hour + Long.toHexString(hash >>> 60) + ".ids";
    }

    private Set<String> update(String key, String owner, List<String> ids, boolean claim) {
        SeenIds hashes = new SeenIds();
        for (String id : ids) {
            hashes.append(hash(id), 0);
        }
        return update(key, owner, ids, hashes, claim);
    }

    /** {@code ids} (null when releasing by hash alone) are the ids behind {@code hashes}, in the same order. */
    private Set<String> update(String key, String owner, List<String> ids, SeenIds hashes, boolean claim) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StateStore.Versioned> current = store.get(key);
            Shard shard = current.map(v -> Shard.parse(v.content())).orElseGet(Shard::new);
            int ownerIndex = shard.owner(owner);
            Set<String> duplicates = new HashSet<>();
            boolean changed = false;
            for (int i = 0; i < hashes.size; i++) {
                long hash = hashes.hashes[i];
                int holder = shard.holder(hash);
                if (claim) {
                    if (holder < 0) {
                        shard.put(hash, ownerIndex);
                        changed = true;
                    } else if (holder != ownerIndex) {
                        duplicates.add(ids.get(i));
                    }
                } else if (holder == ownerIndex) {
                    shard.remove(hash);
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

    /**
     * The ids one object has seen, as their 64-bit hashes (the shards' own key) and the hour of their
     * record: what it takes to spot an id repeated inside the object and to withdraw its claims, in
     * 20 bytes an id instead of the id's string and a set entry (an object of a million records would
     * otherwise hold some 250 MB of ids).
     */
    public static final class SeenIds {
        private long[] hashes = new long[16];
        private long[] hours = new long[16];
        private int size;
        private final Shard seen = new Shard();

        /** Records {@code id}; false when this object saw it before. */
        public boolean add(String id, Instant at) {
            long hash = hash(id);
            if (seen.holder(hash) >= 0) {
                return false;
            }
            seen.put(hash, 0);
            append(hash, Math.floorDiv(at.getEpochSecond(), 3600L));
            return true;
        }

        public int size() {
            return size;
        }

        private void append(long hash, long hour) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
                hours = Arrays.copyOf(hours, size * 2);
            }
            hashes[size] = hash;
            hours[size++] = hour;
        }
    }

    /**
     * One shard: owners by index, then {@code <hash hex> <owner index>} per id. Every object claiming ids
     * of an hour reads and rewrites its shards whole, so they are parsed and written byte by byte into an
     * open-addressing table of primitive longs rather than through strings and boxed maps.
     */
    static final class Shard {
        private static final int FREE = -1;
        private static final byte[] OWNER = "owner ".getBytes(StandardCharsets.UTF_8);
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        final List<String> owners = new ArrayList<>();
        private long[] hashes;
        private int[] holders;
        private int size;

        Shard() {
            this(16);
        }

        /** Room for about {@code expected} ids before the table grows. */
        private Shard(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected + expected / 2) - 1) << 1;
            hashes = new long[capacity];
            holders = filled(capacity);
        }

        int owner(String owner) {
            int index = owners.indexOf(owner);
            if (index < 0) {
                owners.add(owner);
                index = owners.size() - 1;
            }
            return index;
        }

        int size() {
            return size;
        }

        /** The owner index holding {@code hash}, or -1. */
        int holder(long hash) {
            return holders[slot(hash)];
        }

        void put(long hash, int owner) {
            int slot = slot(hash);
            if (holders[slot] == FREE) {
                if (++size * 4 > hashes.length * 3) {
                    grow();
                    slot = slot(hash);
                }
                hashes[slot] = hash;
            }
            holders[slot] = owner;
        }

        void remove(long hash) {
            int slot = slot(hash);
            if (holders[slot] == FREE) {
                return;
            }
            holders[slot] = FREE;
            size--;
            // backward-shift deletion keeps every probe sequence unbroken
            int mask = hashes.length - 1;
            int hole = slot;
            for (int next = (hole + 1) & mask; holders[next] != FREE; next = (next + 1) & mask) {
                int home = home(hashes[next], mask);
                if ((next - home & mask) >= (next - hole & mask)) {
                    hashes[hole] = hashes[next];
                    holders[hole] = holders[next];
                    holders[next] = FREE;
                    hole = next;
                }
            }
        }

        private int slot(long hash) {
            int mask = hashes.length - 1;
            int slot = home(hash, mask);
            while (holders[slot] != FREE && hashes[slot] != hash) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private static int home(long hash, int mask) {
            return (int) (hash ^ hash >>> 32) * 0x9E3779B9 >>> 7 & mask;
        }

        private void grow() {
            long[] oldHashes = hashes;
            int[] oldHolders = holders;
            hashes = new long[oldHashes.length * 2];
            holders = filled(hashes.length);
            for (int i = 0; i < oldHashes.length; i++) {
                if (oldHolders[i] != FREE) {
                    int slot = slot(oldHashes[i]);
                    hashes[slot] = oldHashes[i];
                    holders[slot] = oldHolders[i];
                }
            }
        }

        private static int[] filled(int length) {
            int[] holders = new int[length];
            Arrays.fill(holders, FREE);
            return holders;
        }

        byte[] encode() {
            byte[][] names = new byte[owners.size()][];
            int length = 0;
            for (int i = 0; i < names.length; i++) {
                names[i] = owners.get(i).getBytes(StandardCharsets.UTF_8);
                length += OWNER.length + names[i].length + 1;
            }
            byte[] out = new byte[length + size * (16 + 1 + 10 + 1)];
            int at = 0;
            for (byte[] name : names) {
                System.arraycopy(OWNER, 0, out, at, OWNER.length);
                at += OWNER.length;
                System.arraycopy(name, 0, out, at, name.length);
                at += name.length;
                out[at++] = '\n';
            }
            for (int i = 0; i < hashes.length; i++) {
                int holder = holders[i];
                if (holder == FREE) {
                    continue;
                }
                long hash = hashes[i];
                for (int shift = 60 - (Long.numberOfLeadingZeros(hash | 1) & ~3); shift >= 0; shift -= 4) {
                    out[at++] = HEX[(int) (hash >>> shift) & 0xf];
                }
                out[at++] = ' ';
                at = decimal(holder, out, at);
                out[at++] = '\n';
            }
            return Arrays.copyOf(out, at);
        }

        private static int decimal(int value, byte[] out, int at) {
            int digits = 1;
            for (int rest = value / 10; rest > 0; rest /= 10) {
                digits++;
            }
            for (int i = at + digits - 1; i >= at; i--) {
                out[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            return at + digits;
        }

        /** A line that cannot be read is skipped: a damaged shard loses its own entries, never the service. */
        static Shard parse(byte[] content) {
            // a line is a hash of up to 16 hex digits, a space, an owner index and a newline
            Shard shard = new Shard(content.length / 18);
            int start = 0;
            while (start < content.length) {
                int end = start;
                while (end < content.length && content[end] != '\n') {
                    end++;
                }
                shard.line(content, start, end);
                start = end + 1;
            }
            return shard;
        }

        private void line(byte[] content, int start, int end) {
            if (end - start >= OWNER.length && Arrays.equals(content, start, start + OWNER.length, OWNER, 0, OWNER.length)) {
                owners.add(new String(content, start + OWNER.length, end - start - OWNER.length, StandardCharsets.UTF_8));
                return;
            }
            int space = start;
            while (space < end && content[space] != ' ') {
                space++;
            }
            int hexDigits = space - start;
            if (hexDigits == 0 || hexDigits > 16 || space == end || end - space - 1 > 9) {
                return;
            }
            long hash = 0;
            for (int i = start; i < space; i++) {
                int c = content[i];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) {
                    return;
                }
                hash = hash << 4 | digit;
            }
            int owner = 0;
            for (int i = space + 1; i < end; i++) {
                int digit = content[i] - '0';
                if (digit < 0 || digit > 9) {
                    return;
                }
                owner = owner * 10 + digit;
            }
            put(hash, owner);
        }
    }
}
