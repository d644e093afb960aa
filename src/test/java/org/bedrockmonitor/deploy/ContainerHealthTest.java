package org.bedrockmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bedrockmonitor.cli.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code docker run bedrock-monitor} does with no settings, without Docker: the service started the
 * way the image's ENTRYPOINT starts it (no command, no MONITOR_PROFILE, so the local profile) in a working
 * directory laid out like the image's /app, and the URL of the Dockerfile's HEALTHCHECK answering within
 * its start period. The only setting changed is the port (HEALTH_PORT), since 8080 may be taken here.
 */
class ContainerHealthTest {

    @TempDir
    Path app;

    static final Pattern HEALTH_CHECK = Pattern.compile(
            "HEALTHCHECK .*--start-period=(\\d+)s.*CMD curl -fsS (http://localhost:(\\d+)(/\\S+))");

    @Test
    void theDockerfileHealthCheckPassesOnTheDefaultProfileAndSigtermStopsTheServiceWithExitZero() throws Exception {
        Matcher healthCheck = HEALTH_CHECK.matcher(String.join(" ", DockerfileTest.instructions()));
        assertThat(healthCheck.find()).as("HEALTHCHECK with a start period and a curl of a localhost URL").isTrue();
        Duration startPeriod = Duration.ofSeconds(Long.parseLong(healthCheck.group(1)));
        assertThat(healthCheck.group(3)).isEqualTo("8080");
        // the image's /app: the folders the Dockerfile creates for the service (routes come from the jar)
        Files.createDirectories(app.resolve("out"));
        Files.createDirectories(app.resolve("data/inbox"));
        int port = freePort();
        URI url = URI.create("http://localhost:" + port + healthCheck.group(4));

        Process service = MonitorProcess.start(app, Map.of("HEALTH_PORT", String.valueOf(port)));
        try {
            AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
            await().atMost(startPeriod).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                answer.set(get(url));
                return answer.get().statusCode() == 200;
            });
            assertThat(answer.get().body()).contains("\"status\":\"UP\"");
            assertThat(MonitorProcess.read(app, "stdout")).contains("Route files: all " + org.bedrockmonitor.config.RouteFiles.BUNDLED.size() + " from the jar");
        } finally {
            service.destroy();
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        }
        assertThat(service.exitValue()).as(MonitorProcess.read(app, "stderr")).isZero();
    }

    static HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
