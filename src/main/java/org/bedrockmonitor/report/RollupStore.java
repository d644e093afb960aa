package org.bedrockmonitor.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the rollup store. Rollups are laid out as {@code rollups/<yyyy-MM-dd>/<key>.jsonl}, dated by the
 * earliest window of their source object (UTC), so only the folders of [from - 1 day, to] can hold rows
 * of the range: an object that began the day before may run past midnight.
 */
public final class RollupStore {

    private final Path folder;
    private final WrittenRollups written;

    /** @param folder the local rollup folder (the {@code rollups} directory itself) */
    public RollupStore(Path folder) {
        this(folder, new WrittenRollups(0));
    }

    /** @param written rows this process wrote, taken instead of decoding their files again */
    public RollupStore(Path folder, WrittenRollups written) {
        this.folder = folder;
        this.written = written;
    }

    public Path folder() {
        return folder;
    }

    /** Every rollup row of the local folder that falls in [from, to); an absent folder holds nothing. */
    public Rollups read(Instant from, Instant to) {
        return readFolder(folder, from, to, written);
    }

    public static Rollups readFolder(Path folder, Instant from, Instant to) {
        return readFolder(folder, from, to, new WrittenRollups(0));
    }

    private static Rollups readFolder(Path folder, Instant from, Instant to, WrittenRollups written) {
        RollupCollector collector = new RollupCollector(from, to);
        if (!Files.isDirectory(folder)) {
            return collector.result();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .filter(Files::isRegularFile)
                    .filter(p -> mayHold(p, from, to))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rollups under " + folder + ": " + e.getMessage(), e);
        }
        // files are decoded side by side (a report period can hold thousands), then combined in name order
        files.parallelStream()
                .map(file -> {
                    WrittenRollups.Written rows = written.lookup(file);
                    return rows != null ? new RollupCollector(from, to).add(rows.windows(), rows.auditEvents())
                            : readFile(file, from, to);
                })
                .toList()
                .forEach(collector::addAll);
        return collector.result();
    }

    private static RollupCollector readFile(Path file, Instant from, Instant to) {
        try {
            return new RollupCollector(from, to).read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rollup " + file + ": " + e.getMessage(), e);
        }
    }

    /** Files in a folder that is not a date are read (an operator copied them there); dated ones only when in range. */
    static boolean mayHold(Path file, Instant from, Instant to) {
        Path parent = file.getParent();
        if (parent == null) {
            return true;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(parent.getFileName().toString());
        } catch (DateTimeParseException notADate) {
            return true;
        }
        return !day.isBefore(firstDay(from)) && !day.isAfter(lastDay(to));
    }

    /** The S3 key prefixes (under {@code rollups/}) of the days whose objects may hold rows of [from, to). */
    public static List<String> dayPrefixes(String root, Instant from, Instant to) {
        List<String> prefixes = new ArrayList<>();
        for (LocalDate day = firstDay(from); !day.isAfter(lastDay(to)); day = day.plusDays(1)) {
            prefixes.add(root + day + "/");
        }
        return prefixes;
    }

    private static LocalDate firstDay(Instant from) {
        return LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(1);
    }

    private static LocalDate lastDay(Instant to) {
        return LocalDate.ofInstant(to, ZoneOffset.UTC);
    }
}
