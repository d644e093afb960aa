package org.bedrockmonitor.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * The rows of the rollup files this process has just written, so that the reports at the end of an
 * {@code analyze} take them as they are instead of decoding the files back: at the end of a fresh run
 * that decoding was about half of the closing time, all of it in code the JVM had not compiled yet.
 * <p>
 * A file is used from here only while its size and modification time are those seen right after it was
 * written (anyone else's change, or a rewrite that failed halfway, sends the reader to the file). At most
 * {@code rowBudget} rows are kept; later files are read from disk as before. A budget of 0 keeps nothing
 * (the default: the long-running service renders its reports from rollups of past days).
 */
public final class WrittenRollups {

    record Written(long size, FileTime modified, List<WindowStats> windows, List<AuditEvent> auditEvents) {
    }

    private final long rowBudget;
    private final AtomicLong rowsKept = new AtomicLong();
    private final Map<Path, Written> byFile = new ConcurrentHashMap<>();

    public WrittenRollups(long rowBudget) {
        this.rowBudget = rowBudget;
    }

    /** Called once {@code file} holds the rollup of {@code result}; {@code file} is null for a non-file sink. */
    public void remember(String file, ObjectResult result) {
        if (file == null || file.isBlank() || result == null || rowBudget <= 0) {
            return;
        }
        Path path = Path.of(file).toAbsolutePath().normalize();
        int rows = result.windows().size() + result.auditEvents().size();
        Written previous = byFile.remove(path);
        if (previous != null) {
            rowsKept.addAndGet(-(previous.windows().size() + previous.auditEvents().size()));
        }
        if (rowsKept.addAndGet(rows) > rowBudget) {
            rowsKept.addAndGet(-rows);
            return;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            byFile.put(path, new Written(attributes.size(), attributes.lastModifiedTime(), result.windows(),
                    result.auditEvents()));
        } catch (IOException gone) {
            rowsKept.addAndGet(-rows);
        }
    }

    /** The rows written to {@code file} by this process, or null when the file must be read. */
    Written lookup(Path file) {
        Written written = byFile.get(file.toAbsolutePath().normalize());
        if (written == null) {
            return null;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() == written.size() && attributes.lastModifiedTime().equals(written.modified())
                    ? written : null;
        } catch (IOException gone) {
            return null;
        }
    }
}
