package org.bedrockmonitor.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Locations shared by the AWS-mode tests. */
final class AwsTestServers {

    private AwsTestServers() {
    }

    /** ../shared/conformance from the main tree, ../../shared/conformance from a helper worktree. */
    static Path conformance() {
        return Stream.of(System.getProperty("conformance.dir", ""), "../shared/conformance", "../../shared/conformance")
                .filter(s -> !s.isEmpty()).map(Path::of).filter(Files::isDirectory)
                .findFirst().orElseThrow(() -> new IllegalStateException("shared/conformance not found"));
    }
}
