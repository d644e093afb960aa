package org.bedrockmonitor.ingest;

import java.util.Optional;

/** Where the object ledger keeps its entries: a folder locally, the report bucket in AWS mode. */
public interface ObjectLedgerStore {

    /** Writes {@code content} only if {@code name} does not exist yet; false when it already did. */
    boolean createIfAbsent(String name, String content);

    Optional<String> read(String name);

    void write(String name, String content);
}
