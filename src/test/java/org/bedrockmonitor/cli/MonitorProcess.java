package org.bedrockmonitor.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.bedrockmonitor.Main;

/**
 * Runs {@code bedrock-monitor} as an operator does: its own JVM, a working directory of the test's
 * choosing (for {@code ./routes}, {@code ./application.properties}) and its own environment variables,
 * which an in-process test cannot set. Uses the test run's class path without the test classes and
 * resources (so the service's own logging set-up applies, not logback-test.xml); no packaged jar is needed.
 */
public final class MonitorProcess {

    /** What the process left: exit code, stdout and stderr. */
    public record Result(int exit, String out, String err) {
    }

    private MonitorProcess() {
    }

    public static Result run(Path workingDir, Map<String, String> environment, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Process process = start(workingDir, environment, args);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("bedrock-monitor " + String.join(" ", args) + " did not end within " + timeout
                    + "; stdout: " + read(workingDir, "stdout") + " stderr: " + read(workingDir, "stderr"));
        }
        return new Result(process.exitValue(), read(workingDir, "stdout"), read(workingDir, "stderr"));
    }

    /** Starts the process and returns at once (a service); stdout and stderr go to files in the working dir. */
    public static Process start(Path workingDir, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath(), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(workingDir.resolve(".stdout").toFile())
                .redirectError(workingDir.resolve(".stderr").toFile());
        // the parent's settings for the service must not leak in: each test states the environment it means
        builder.environment().keySet().removeIf(name -> name.startsWith("MONITOR_") || name.startsWith("AWS_")
                || List.of("ENVIRONMENT", "SNS_TOPIC_ARN", "REPORT_BUCKET", "SENDER_EMAIL", "TECH_TEAM_EMAILS",
                        "ENABLE_DEBUG_LOGGING", "LOG_FORMAT", "HEALTH_PORT", "SQS_QUEUE_URL", "SQS_QUEUE_NAME").contains(name));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The class path of the running tests (surefire puts it in a property) without the test classes. */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String tests = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path", "");
        return Arrays.stream(tests.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    public static String read(Path workingDir, String stream) throws IOException {
        Path file = workingDir.resolve("." + stream);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
