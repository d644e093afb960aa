package org.bedrockmonitor.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a log object for reading: gzip is recognised by its magic bytes, never by the file name. Every
 * gzip member is read, and anything after the last member is read on as plain text (see {@link GzipMembers}).
 */
public final class LogStreams {

    private static final int BUFFER = 1 << 16;

    private LogStreams() {
    }

    public static BufferedInputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return new BufferedInputStream(new GzipMembers(in, BUFFER), BUFFER);
        }
        return in;
    }
}
