package org.bedrockmonitor.report;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.config.Json;

/**
 * The SES emulator (npm aws-ses-v2-local) as a child process. It is a test tool installed by
 * {@code npm install}; when it is missing the test fails and says so, it never skips.
 */
public final class SesEmulator implements AutoCloseable {

    private static final Path CLI = Path.of("node_modules", "aws-ses-v2-local", "dist", "cli.js");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private SesEmulator(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static SesEmulator start() throws IOException {
        if (!Files.isRegularFile(CLI)) {
            throw new IllegalStateException("the SES emulator is not installed: run `npm install` in the project folder (expected "
                    + CLI.toAbsolutePath() + ")");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder("node", CLI.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        SesEmulator emulator = new SesEmulator(process, port);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(emulator::healthy);
        return emulator;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private boolean healthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the SES emulator exited with " + process.exitValue());
        }
        try {
            return get("/health-check").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The sent mails as the emulator stores them: {emails: [{from, destination{to}, subject, body{text, html}}]}. */
    public JsonNode emails() throws IOException {
        return Json.MAPPER.readTree(get("/store").body()).path("emails");
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(endpoint() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
