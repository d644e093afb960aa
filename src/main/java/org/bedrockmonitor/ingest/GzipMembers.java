package org.bedrockmonitor.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses every member of a gzip stream, one after the other, and hands on what follows the last
 * member as it is. {@code GZIPInputStream} silently ignores anything after a member that is not another
 * gzip header, so plain lines appended to a {@code .gz} file (a shipper that appends to a closed file, two
 * files concatenated) would vanish; here they are read as plain text, starting on a line of their own, and
 * whatever they hold is counted like any other line. A member that is cut off or fails its checksum is an
 * error: the object is unreadable.
 */
final class GzipMembers extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private enum State { MEMBER, PLAIN, END }

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private State state = State.MEMBER;
    private int lastByteOut = '\n';
    private boolean newlineOwed;

    /** {@code in} must start with a gzip header. */
    GzipMembers(InputStream in, int bufferSize) throws IOException {
        this.in = in;
        this.buffer = new byte[bufferSize];
        readHeader();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            switch (state) {
                case MEMBER -> {
                    int n = inflate(b, off, len);
                    if (n > 0) {
                        crc.update(b, off, n);
                        lastByteOut = b[off + n - 1];
                        return n;
                    }
                    if (inflater.finished()) {
                        endMember();
                    } else if (inflater.needsDictionary()) {
                        throw new ZipException("corrupt gzip member (asks for a preset dictionary)");
                    } else if (inflater.needsInput()) {
                        if (!fill()) {
                            throw new EOFException("gzip member cut off before its end");
                        }
                        inflater.setInput(buffer, position, limit - position);
                        position = limit;
                    }
                }
                case PLAIN -> {
                    if (newlineOwed) {
                        newlineOwed = false;
                        b[off] = '\n';
                        return 1;
                    }
                    if (position < limit) {
                        int n = Math.min(len, limit - position);
                        System.arraycopy(buffer, position, b, off, n);
                        position += n;
                        return n;
                    }
                    return in.read(b, off, len);
                }
                default -> {
                    return -1;
                }
            }
        }
    }

    private int inflate(byte[] b, int off, int len) throws ZipException {
        try {
            return inflater.inflate(b, off, len);
        } catch (DataFormatException e) {
            throw new ZipException("corrupt gzip member: " + e.getMessage());
        }
    }

    /** Checks the member's trailer, then sees what follows: another member, plain text or the end. */
    private void endMember() throws IOException {
        position = limit - inflater.getRemaining();
        long expectedCrc = readInt();
        long expectedSize = readInt();
        if (expectedCrc != crc.getValue() || expectedSize != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw new ZipException("corrupt gzip member (checksum or length does not match its data)");
        }
        if (!fill()) {
            state = State.END;
            return;
        }
        if (startsMember()) {
            inflater.reset();
            crc.reset();
            readHeader();
            return;
        }
        state = State.PLAIN;
        newlineOwed = lastByteOut != '\n';
        inflater.end();
    }

    private boolean startsMember() throws IOException {
        if (limit - position < 2) {
            fillAtLeast(2);
        }
        return limit - position >= 2 && (buffer[position] & 0xFF) == 0x1F && (buffer[position + 1] & 0xFF) == 0x8B;
    }

    private void readHeader() throws IOException {
        if (next() != 0x1F || next() != 0x8B) {
            throw new ZipException("not in gzip format");
        }
        if (next() != 8) {
            throw new ZipException("unsupported gzip compression method");
        }
        int flags = next();
        skip(6);
        if ((flags & FEXTRA) != 0) {
            skip(next() | next() << 8);
        }
        if ((flags & FNAME) != 0) {
            while (next() != 0) {
                // the original file name: not needed
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (next() != 0) {
                // a comment: not needed
            }
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
    }

    private long readInt() throws IOException {
        return (next() | next() << 8 | next() << 16 | (long) next() << 24) & 0xFFFFFFFFL;
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            next();
        }
    }

    private int next() throws IOException {
        if (!fill()) {
            throw new EOFException("gzip header or trailer cut off");
        }
        return buffer[position++] & 0xFF;
    }

    /** True when at least one byte is buffered (reading more if none is). */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        position = 0;
        limit = 0;
        return fillAtLeast(1);
    }

    /** Moves what is left to the front and reads until {@code n} bytes are buffered or the input ends. */
    private boolean fillAtLeast(int n) throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return limit >= n;
            }
            limit += read;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
