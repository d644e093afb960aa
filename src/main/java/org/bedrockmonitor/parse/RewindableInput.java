package org.bedrockmonitor.parse;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that remembers the last {@value #RETAINED} bytes it handed out, by absolute offset, so a
 * reader can go back to a recent position (after a JSON syntax error, to the start of the next event) and
 * read on from there. Jackson reads ahead by at most its 8,000-byte buffer, so the position of an error
 * it reports is always still retained.
 */
final class RewindableInput extends InputStream {

    static final int RETAINED = 1 << 16;

    private final InputStream source;
    private final byte[] ring = new byte[RETAINED];
    private long taken;
    private long position;

    RewindableInput(InputStream source) {
        this.source = source;
    }

    /** Absolute offset of the next byte {@link #read()} returns. */
    long position() {
        return position;
    }

    boolean isRetained(long offset) {
        return offset >= 0 && offset < taken && offset >= taken - RETAINED;
    }

    byte byteAt(long offset) {
        if (!isRetained(offset)) {
            throw new IllegalArgumentException("offset " + offset + " is no longer retained");
        }
        return ring[(int) (offset % RETAINED)];
    }

    /** Reads on from {@code offset}, which must still be retained. */
    void rewindTo(long offset) {
        if (offset != taken && !isRetained(offset)) {
            throw new IllegalArgumentException("offset " + offset + " is no longer retained");
        }
        position = offset;
    }

    @Override
    public int read() throws IOException {
        if (position < taken) {
            // a rewound reader scans retained bytes one at a time, looking for the next line
            return ring[(int) (position++ % RETAINED)] & 0xFF;
        }
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position < taken) {
            int n = (int) Math.min(length, taken - position);
            copy(ring, position, buffer, offset, n, false);
            position += n;
            return n;
        }
        int n = source.read(buffer, offset, Math.min(length, RETAINED));
        if (n <= 0) {
            return n;
        }
        copy(ring, taken, buffer, offset, n, true);
        taken += n;
        position = taken;
        return n;
    }

    /** Copies {@code n} bytes between the ring (from absolute {@code ringOffset}, wrapping) and a buffer. */
    private static void copy(byte[] ring, long ringOffset, byte[] buffer, int offset, int n, boolean intoRing) {
        int start = (int) (ringOffset % RETAINED);
        int first = Math.min(n, RETAINED - start);
        if (intoRing) {
            System.arraycopy(buffer, offset, ring, start, first);
            System.arraycopy(buffer, offset + first, ring, 0, n - first);
        } else {
            System.arraycopy(ring, start, buffer, offset, first);
            System.arraycopy(ring, 0, buffer, offset + first, n - first);
        }
    }
}
