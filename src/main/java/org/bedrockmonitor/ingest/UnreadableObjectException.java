package org.bedrockmonitor.ingest;

/** A whole object that is not a log this service reads; it goes to the dead-letter path with this reason. */
public class UnreadableObjectException extends RuntimeException {

    public UnreadableObjectException(String reason) {
        super(reason);
    }
}
