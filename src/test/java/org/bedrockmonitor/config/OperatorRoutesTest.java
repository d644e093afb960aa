package org.bedrockmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.cli.MonitorProcess;
import org.bedrockmonitor.parse.Conformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's ./routes replaces bundled route files one by one; a broken or misnamed file is named. */
class OperatorRoutesTest {

    @TempDir
    Path dir;

    static final String AUDIT_STEP = "- to: direct:object-audit-events";

    static String bundled(String name) throws Exception {
        return Files.readString(Path.of("routes", name + RouteFiles.SUFFIX));
    }

    Path routesWith(String file, String text) throws Exception {
        Path routes = Files.createDirectories(dir.resolve("operator/routes"));
        Files.writeString(routes.resolve(file), text);
        return routes;
    }

    @Test
    void aFileInTheFolderReplacesOnlyTheBundledFileOfItsNameAndANewNameIsAdded() throws Exception {
        Path routes = routesWith("signals.camel.yaml", bundled("signals"));
        Files.writeString(routes.resolve("audit-copy.camel.yaml"), "[]\n");
        Files.writeString(routes.resolve("README.md"), "notes of the operator");

        RouteFiles files = RouteFiles.of(routes);

        assertThat(files.replaced()).containsExactly("signals");
        assertThat(files.added()).containsExactly("audit-copy");
        assertThat(files.fromJar()).hasSize(RouteFiles.BUNDLED.size() - 1).doesNotContain("signals");
        assertThat(files.includePattern().split(",")).hasSize(RouteFiles.BUNDLED.size() + 1)
                .contains("file:" + routes.resolve("signals.camel.yaml"), "file:" + routes.resolve("audit-copy.camel.yaml"),
                        "classpath:routes/alerts.camel.yaml")
                .doesNotContain("classpath:routes/signals.camel.yaml");
        assertThat(files.describe()).contains("signals.camel.yaml (replaces the jar's)", "audit-copy.camel.yaml (added)",
                "from the jar: alerts, analysis");
        assertThat(RouteFiles.of(dir.resolve("absent")).includePattern().split(","))
                .containsExactlyElementsOf(RouteFiles.BUNDLED.stream().map(RouteFiles::bundled).toList());
    }

    @Test
    void aRouteFileWithAnotherExtensionIsNamedInsteadOfIgnored() throws Exception {
        Path routes = routesWith("signals.camel.yml", bundled("signals"));

        assertThatThrownBy(() -> RouteFiles.of(routes)).isInstanceOf(UserError.class)
                .hasMessageContaining(routes.resolve("signals.camel.yml") + " is not loaded")
                .hasMessageContaining("<name>.camel.yaml");
    }

    static Map<String, String> quiet(Path out) {
        return Map.of("monitor.local.watch", "false", "monitor.out.dir", out.toString(),
                "monitor.state.dir", out.resolve("state").toString(), "monitor.report.schedules", "false",
                "monitor.alert.ingestion.enabled", "false", "monitor.dedup.file", "");
    }

    @Test
    void aRouteFileThatIsNotValidYamlIsNamedWithItsLine() throws Exception {
        Path routes = routesWith("signals.camel.yaml", bundled("signals").replace("      steps:", "      stepz:"));

        try (MonitorRuntime runtime = new MonitorRuntime("local", quiet(dir.resolve("out")), routes)) {
            assertThatThrownBy(runtime::start).isInstanceOf(UserError.class)
                    .hasMessage(routes.resolve("signals.camel.yaml") + " line 9: Unsupported field: stepz");
        }
    }

    @Test
    void aMisspeltFileNameThatRepeatsABundledRouteNamesBothFiles() throws Exception {
        Path routes = routesWith("signal.camel.yaml", bundled("signals"));

        try (MonitorRuntime runtime = new MonitorRuntime("local", quiet(dir.resolve("out")), routes)) {
            assertThatThrownBy(runtime::start).isInstanceOf(UserError.class)
                    .hasMessageStartingWith("route id object-processed is defined in " + routes.resolve("signal.camel.yaml")
                            + " and in the jar's routes/signals.camel.yaml: a file in " + routes
                            + " replaces only the bundled file of the same name");
        }
    }

    static final Duration RUN = Duration.ofSeconds(90);

    /**
     * The operator copies signals.camel.yaml out and removes the step that hands CloudTrail events to the
     * security box: analyze reads and counts exactly what it did with the bundled routes, and the only
     * difference is the edit's (no security alerts).
     */
    @Test
    void analyzeWithOneEditedRouteKeepsEveryOtherBundledRouteAndShowsTheEdit() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.copy(Conformance.file("written/invocation-log-variants.log"), logs.resolve("variants.log"));
        Files.copy(Conformance.file("stratus-red-team/aws.defense-evasion.bedrock-model-invocation-logging-delete.json"),
                logs.resolve("trail.json"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Path edited = Files.createDirectories(dir.resolve("edited"));
        String signals = bundled("signals");
        assertThat(signals).contains(AUDIT_STEP);
        Files.createDirectories(edited.resolve("routes"));
        Files.writeString(edited.resolve("routes/signals.camel.yaml"),
                signals.replace(AUDIT_STEP, "- log: \"CloudTrail events are not analysed here\""));

        MonitorProcess.Result bundledRun = MonitorProcess.run(plain, Map.of(), RUN, "analyze", logs.toString(), "--out", "out");
        MonitorProcess.Result editedRun = MonitorProcess.run(edited, Map.of(), RUN, "analyze", logs.toString(), "--out", "out");

        assertThat(bundledRun.exit()).as(bundledRun.err()).isZero();
        assertThat(editedRun.exit()).as(editedRun.err()).isZero();
        assertThat(bundledRun.out()).contains("Route files: all 12 from the jar");
        assertThat(editedRun.out()).contains("Route files from " + edited.resolve("routes").toRealPath()
                + ": signals.camel.yaml (replaces the jar's); from the jar: alerts, analysis, detect, errors, local-files, "
                + "log-objects, metrics, reports, rollups, s3-notifications, security");
        JsonNode before = Json.MAPPER.readTree(plain.resolve("out/summary.json").toFile());
        JsonNode after = Json.MAPPER.readTree(edited.resolve("out/summary.json").toFile());
        for (String field : List.of("records", "totals", "byModel", "byPrincipal", "cloudTrail", "period", "objects")) {
            assertThat(after.path(field)).as(field).isEqualTo(before.path(field));
        }
        assertThat(before.path("records").path("invocations").asLong()).isEqualTo(12);
        assertThat(before.path("cloudTrail").path("bedrockEvents").asLong()).isEqualTo(1);
        assertThat(types(before)).containsExactlyInAnyOrder("LOGGING_DISABLED", "SUSPICIOUS_USER_AGENT");
        assertThat(types(after)).isEmpty();
    }

    static List<String> types(JsonNode summary) {
        List<String> types = new ArrayList<>();
        summary.path("alerts").forEach(alert -> types.add(alert.path("type").asText()));
        return types;
    }

    @Test
    void aMisspeltRouteFileEndsAnalyzeWithOneSentenceAndANonZeroExit() throws Exception {
        Path work = Files.createDirectories(dir.resolve("misspelt"));
        Files.createDirectories(work.resolve("routes"));
        Files.writeString(work.resolve("routes/signal.camel.yaml"), bundled("signals"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.copy(Conformance.file("written/invocation-log-variants.log"), logs.resolve("variants.log"));

        MonitorProcess.Result run = MonitorProcess.run(work, Map.of(), RUN, "analyze", logs.toString(), "--out", "out");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("bedrock-monitor: route id object-processed is defined in routes/signal.camel.yaml "
                + "and in the jar's routes/signals.camel.yaml").doesNotContain("\n").doesNotContain("Exception");
    }
}
