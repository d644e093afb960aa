package org.bedrockmonitor.parse;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared third-party samples (see each folder's PROVENANCE.md): the system property
 * {@code monitor.conformance.dir}, else a {@code shared/conformance} folder above the working directory.
 */
public final class Conformance {

    private Conformance() {
    }

    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("conformance sample missing: " + file);
        }
        return file;
    }

    public static Path dir() {
        String configured = System.getProperty("monitor.conformance.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/conformance folder above " + Path.of("").toAbsolutePath()
                + "; set -Dmonitor.conformance.dir");
    }
}
