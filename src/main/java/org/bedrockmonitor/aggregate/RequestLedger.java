package org.bedrockmonitor.aggregate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which source object first claimed each request id: the de-duplication state. A record whose id was
 * claimed by another object is a duplicate; an id claimed by the same object (a redelivery after a
 * crash) is not, so re-processing an object never loses its records. Bounded: the oldest ids are
 * forgotten past {@code capacity}. Claims are persisted (when a file is given) only when their object
 * commits, so a crash mid-object leaves nothing behind.
 */
public final class RequestLedger {

    private final int capacity;
    private final Path file;
    private final Map<String, Integer> ownerByRequest;
    private final List<String> owners = new ArrayList<>();
    private final Map<String, Integer> ownerIndex = new HashMap<>();

    public RequestLedger(int capacity, Path file) {
        this.capacity = capacity;
        this.file = file;
        this.ownerByRequest = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > RequestLedger.this.capacity;
            }
        };
        if (file != null) {
            load();
        }
    }

    public static RequestLedger inMemory(int capacity) {
        return new RequestLedger(capacity, null);
    }

    /** True when the record is new (or already this object's); false when it is a duplicate. */
    public synchronized boolean claim(String requestId, String owner) {
        int ownerId = ownerId(owner);
        Integer previous = ownerByRequest.putIfAbsent(requestId, ownerId);
        return previous == null || previous == ownerId;
    }

    /** Forgets the claims of an object that failed, so its records count when it is retried. */
    public synchronized void release(String owner, List<String> requestIds) {
        Integer ownerId = ownerIndex.get(owner);
        if (ownerId == null) {
            return;
        }
        for (String id : requestIds) {
            ownerByRequest.remove(id, ownerId);
        }
    }

    /** Makes an object's claims durable (when the ledger has a file). */
    public synchronized void commit(String owner, List<String> requestIds) {
        if (file == null || requestIds.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String prefix = owner.replace('\t', ' ').replace('\n', ' ') + '\t';
                for (String id : requestIds) {
                    out.write(prefix);
                    out.write(id);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the request ledger " + file, e);
        }
    }

    public synchronized int size() {
        return ownerByRequest.size();
    }

    private int ownerId(String owner) {
        return ownerIndex.computeIfAbsent(owner, o -> {
            owners.add(o);
            return owners.size() - 1;
        });
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    ownerByRequest.putIfAbsent(line.substring(tab + 1), ownerId(line.substring(0, tab)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request ledger " + file, e);
        }
    }
}
