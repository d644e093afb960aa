package org.bedrockmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed tree is the whole project: a clone of HEAD into an empty folder, with nothing beside it
 * (no shared/ sample folder), names no path outside itself, holds every sample its tests name, and
 * builds and passes the tests that read samples there. The full suite is not run again inside the clone:
 * that would double the build's time; the tests that start servers or processes are covered by the
 * check that every sample they name is committed.
 */
@DisabledIfSystemProperty(named = FreshCloneTest.INSIDE_CLONE, matches = "true")
class FreshCloneTest {

    static final String INSIDE_CLONE = "monitor.fresh-clone";

    /**
     * Sample-reading tests run inside the clone, as surefire selectors: the whole class, or its methods that
     * read samples (CloudTrailReaderTest also streams 200,000 generated events, which proves nothing here).
     */
    static final Map<String, String> RUN_IN_CLONE = Map.of(
            "InvocationLogReaderTest", "InvocationLogReaderTest",
            "CloudTrailReaderTest", "CloudTrailReaderTest#stratus*+sumoLogic*+aBareEventOnOneLineIsRead+logFileEnvelopes*+allSamples*",
            "ConformanceDetectionsTest", "ConformanceDetectionsTest",
            "LogStreamsAndKindTest", "LogStreamsAndKindTest",
            "S3NotificationParserTest", "S3NotificationParserTest",
            "AnalyzeMixedFolderTest", "AnalyzeMixedFolderTest");
    /** Sample-reading tests that start embedded servers or service processes: their samples are checked, not run. */
    static final Set<String> CHECKED_IN_CLONE = Set.of("AwsModeEndToEndTest", "SeedVariablesTest", "OperatorRoutesTest",
            "LoggingSetupTest", "LocalAwsServers");

    static final Pattern SAMPLE = Pattern.compile("Conformance\\.file\\(\"([^\"]+)\"\\)");

    @TempDir
    Path empty;

    @Test
    void aCloneOfTheCommittedTreeNeedsNothingBesideIt() throws Exception {
        assumeTrue(exitCode(Path.of("."), "git", "rev-parse", "--is-inside-work-tree") == 0,
                "git is not installed, or this is not a git work tree");
        Path clone = empty.resolve("bedrock-monitor");

        Result cloned = run(Path.of("."), Duration.ofMinutes(2), "git", "clone", "--quiet", "--no-hardlinks",
                Path.of(".").toAbsolutePath().normalize().toString(), clone.toString());
        assertThat(cloned.exit()).as(cloned.output()).isZero();
        try (Stream<Path> beside = Files.list(empty)) {
            assertThat(beside.toList()).containsExactly(clone);
        }

        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(clone.resolve("src"))) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
        }
        Set<String> sampleReaders = new TreeSet<>();
        for (Path source : sources) {
            if (source.getFileName().toString().equals(FreshCloneTest.class.getSimpleName() + ".java")) {
                continue; // it names what it looks for
            }
            String text = Files.readString(source, StandardCharsets.UTF_8);
            assertThat(text).as(clone.relativize(source) + " names nothing outside the repository")
                    .doesNotContain("../shared").doesNotContain("shared/conformance");
            if (source.startsWith(clone.resolve("src/test")) && text.contains("Conformance.")
                    && !source.getFileName().toString().equals("Conformance.java")) {
                sampleReaders.add(source.getFileName().toString().replace(".java", ""));
            }
            Matcher sample = SAMPLE.matcher(text);
            while (sample.find()) {
                assertThat(clone.resolve("src/test/resources/conformance").resolve(sample.group(1)))
                        .as(clone.relativize(source) + " reads a committed sample").isRegularFile();
            }
        }
        Set<String> decided = new TreeSet<>(RUN_IN_CLONE.keySet());
        decided.addAll(CHECKED_IN_CLONE);
        assertThat(sampleReaders).as("every test that reads samples is run in the clone or has its samples checked")
                .isEqualTo(decided);

        Result tests = run(clone, Duration.ofMinutes(8), "mvn", "-o", "-B", "-q", "test",
                "-Dtest=" + String.join(",", new TreeSet<>(RUN_IN_CLONE.values())), "-D" + INSIDE_CLONE + "=true");
        assertThat(tests.exit()).as(tail(tests.output())).isZero();
        List<String> reports = new ArrayList<>();
        try (Stream<Path> files = Files.list(clone.resolve("target/surefire-reports"))) {
            for (Path report : files.filter(file -> file.toString().endsWith("Test.txt")).toList()) {
                reports.add(Files.readString(report));
            }
        }
        assertThat(reports).hasSize(RUN_IN_CLONE.size()).allSatisfy(report -> assertThat(report)
                .containsPattern("Tests run: [1-9]\\d*, Failures: 0, Errors: 0, Skipped: 0"));
    }

    record Result(int exit, String output) {
    }

    static Result run(Path directory, Duration limit, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("fresh-clone", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end within " + limit + ": "
                        + tail(Files.readString(output)));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static int exitCode(Path directory, String... command) {
        try {
            return run(directory, Duration.ofSeconds(30), command).exit();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String tail(String output) {
        return output.length() <= 6000 ? output : "…" + output.substring(output.length() - 6000);
    }
}
