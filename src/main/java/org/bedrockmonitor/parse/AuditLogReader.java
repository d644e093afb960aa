package org.bedrockmonitor.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Reads the Bedrock events out of a CloudTrail object (already decompressed). */
@FunctionalInterface
public interface AuditLogReader {

    Counts read(InputStream in, Consumer<AuditEvent> sink) throws IOException;

    /** Events seen, Bedrock events handed on, events that could not be read. */
    record Counts(long eventsRead, long bedrockEvents, long rejected) {
    }
}
