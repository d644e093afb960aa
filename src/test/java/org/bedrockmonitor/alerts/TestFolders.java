package org.bedrockmonitor.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh output folder per route test class, published to the routes as monitor.out.dir. */
final class TestFolders {

    private TestFolders() {
    }

    static Path fresh(String name) {
        try {
            Path dir = Files.createTempDirectory("bedrock-monitor-" + name + "-");
            System.setProperty("detect.test.out", dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
