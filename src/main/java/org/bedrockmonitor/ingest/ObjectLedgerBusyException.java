package org.bedrockmonitor.ingest;

/**
 * The object is being processed by another consumer (its ledger entry is in progress and not expired):
 * the message must come back later, neither processed twice at once nor acknowledged.
 */
public final class ObjectLedgerBusyException extends RuntimeException {

    public ObjectLedgerBusyException(String message) {
        super(message);
    }
}
