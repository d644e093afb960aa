package org.bedrockmonitor.parse;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The samples under {@code src/test/resources/conformance} (see its README and each folder's
 * PROVENANCE.md), read from the test class path: nothing outside the repository.
 */
public final class Conformance {

    private static final String ROOT = "/conformance";

    private Conformance() {
    }

    /** One sample, by its path under the conformance folder ({@code "stratus-red-team/….json"}). */
    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("conformance sample missing from the test class path: " + relative);
        }
        return file;
    }

    public static Path dir() {
        URL root = Conformance.class.getResource(ROOT);
        if (root == null) {
            throw new IllegalStateException(ROOT + " is not on the test class path (src/test/resources/conformance)");
        }
        try {
            return Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(root + " is not a folder", e);
        }
    }
}
