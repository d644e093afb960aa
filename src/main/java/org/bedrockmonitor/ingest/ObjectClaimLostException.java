package org.bedrockmonitor.ingest;

/**
 * This consumer read the object but its claim expired and another consumer took the object over before
 * the commit: that one counts it. The message fails (it is not acknowledged here); on its redelivery the
 * ledger says done and it is acknowledged unread.
 */
public final class ObjectClaimLostException extends RuntimeException {

    public ObjectClaimLostException(String message) {
        super(message);
    }
}
