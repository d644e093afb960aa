package org.bedrockmonitor.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens a log object for reading: gzip is recognised by its magic bytes, never by the file name. */
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
            return new BufferedInputStream(new GZIPInputStream(new MembersVisible(in), BUFFER), BUFFER);
        }
        return in;
    }

    /**
     * GZIPInputStream only looks for a further gzip member when {@code available()} is positive; over a
     * network stream it is often 0 at a member boundary, which silently truncates multi-member objects
     * (how S3 log deliveries and concatenated files are built). Claiming one byte is always available
     * makes it try; at the true end it finds no header and stops cleanly.
     */
    private static final class MembersVisible extends FilterInputStream {

        MembersVisible(InputStream in) {
            super(in);
        }

        @Override
        public int available() throws IOException {
            return Math.max(1, super.available());
        }
    }
}
