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

    static final String AUDIT_STEP = "- to: direct:detect-run";

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
        Path routes = routesWith("analysis.camel.yaml", bundled("analysis"));
        Files.writeString(routes.resolve("audit-copy.camel.yaml"), "[]\n");
        Files.writeString(routes.resolve("README.md"), "notes of the operator");

        RouteFiles files = RouteFiles.of(routes);

        assertThat(files.replaced()).containsExactly("analysis");
        assertThat(files.added()).containsExactly("audit-copy");
        assertThat(files.fromJar()).hasSize(RouteFiles.BUNDLED.size() - 1).doesNotContain("analysis");
        assertThat(files.includePattern().split(",")).hasSize(RouteFiles.BUNDLED.size() + 1)
                .contains("file:" + routes.resolve("analysis.camel.yaml"), "file:" + routes.resolve("audit-copy.camel.yaml"),
                        "classpath:routes/alerts.camel.yaml")
                .doesNotContain("classpath:routes/analysis.camel.yaml");
        assertThat(files.describe()).contains("analysis.camel.yaml (replaces the jar's)", "audit-copy.camel.yaml (added)",
                "from the jar: alerts, backfill, detect");
        assertThat(RouteFiles.of(dir.resolve("absent")).includePattern().split(","))
                .containsExactlyElementsOf(RouteFiles.BUNDLED.stream().map(RouteFiles::bundled).toList());
    }

    @Test
    void aRouteFileWithAnotherExtensionIsNamedInsteadOfIgnored() throws Exception {
        Path routes = routesWith("analysis.camel.yml", bundled("analysis"));

        assertThatThrownBy(() -> RouteFiles.of(routes)).isInstanceOf(UserError.class)
                .hasMessageContaining(routes.resolve("analysis.camel.yml") + " is not loaded")
                .hasMessageContaining("<name>.camel.yaml");
    }

    static Map<String, String> quiet(Path out) {
        return Map.of("monitor.local.watch", "false", "monitor.out.dir", out.toString(),
                "monitor.state.dir", out.resolve("state").toString(), "monitor.report.schedules", "false",
                "monitor.alert.ingestion.enabled", "false", "monitor.dedup.file", "");
    }

    @Test
    void aRouteFileThatIsNotValidYamlIsNamedWithItsLine() throws Exception {
        Path routes = routesWith("analysis.camel.yaml", bundled("analysis").replace("      steps:", "      stepz:"));

        try (MonitorRuntime runtime = new MonitorRuntime("local", quiet(dir.resolve("out")), routes)) {
            assertThatThrownBy(runtime::start).isInstanceOf(UserError.class)
                    .hasMessage(routes.resolve("analysis.camel.yaml") + " line 9: Unsupported field: stepz");
        }
    }

    @Test
    void aMisspeltFileNameThatRepeatsABundledRouteNamesBothFiles() throws Exception {
        Path routes = routesWith("analyses.camel.yaml", bundled("analysis"));

        try (MonitorRuntime runtime = new MonitorRuntime("local", quiet(dir.resolve("out")), routes)) {
            assertThatThrownBy(runtime::start).isInstanceOf(UserError.class)
                    .hasMessageStartingWith("route id analysis-complete is defined in " + routes.resolve("analyses.camel.yaml")
                            + " and in the jar's routes/analysis.camel.yaml: a file in " + routes
                            + " replaces only the bundled file of the same name");
        }
    }

    static final Duration RUN = Duration.ofSeconds(90);

    /**
     * The operator copies analysis.camel.yaml out and removes the step that runs detection at the end of
     * an analysis: analyze reads and counts exactly what it did with the bundled routes, and the only
     * difference is the edit's (no alerts).
     */
    @Test
    void analyzeWithOneEditedRouteKeepsEveryOtherBundledRouteAndShowsTheEdit() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.copy(Conformance.file("written/invocation-log-variants.log"), logs.resolve("variants.log"));
        Files.copy(Conformance.file("stratus-red-team/aws.defense-evasion.bedrock-model-invocation-logging-delete.json"),
                logs.resolve("trail.json"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Path edited = Files.createDirectories(dir.resolve("edited"));
        String analysis = bundled("analysis");
        assertThat(analysis).contains(AUDIT_STEP);
        Files.createDirectories(edited.resolve("routes"));
        Files.writeString(edited.resolve("routes/analysis.camel.yaml"),
                analysis.replace(AUDIT_STEP, "- log: \"no detection here\""));

        MonitorProcess.Result bundledRun = MonitorProcess.run(plain, Map.of(), RUN, "analyze", logs.toString(), "--out", "out");
        MonitorProcess.Result editedRun = MonitorProcess.run(edited, Map.of(), RUN, "analyze", logs.toString(), "--out", "out");

        assertThat(bundledRun.exit()).as(bundledRun.err()).isZero();
        assertThat(editedRun.exit()).as(editedRun.err()).isZero();
        assertThat(bundledRun.out()).contains("Route files: all " + RouteFiles.BUNDLED.size() + " from the jar");
        assertThat(editedRun.out()).contains("Route files from " + edited.resolve("routes").toRealPath()
                + ": analysis.camel.yaml (replaces the jar's); from the jar: alerts, backfill, detect, errors, local-files, "
                + "log-objects, metrics, reports, s3-notifications");
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
        Files.writeString(work.resolve("routes/analyses.camel.yaml"), bundled("analysis"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.copy(Conformance.file("written/invocation-log-variants.log"), logs.resolve("variants.log"));

        MonitorProcess.Result run = MonitorProcess.run(work, Map.of(), RUN, "analyze", logs.toString(), "--out", "out");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("bedrock-monitor: route id analysis-complete is defined in routes/analyses.camel.yaml "
                + "and in the jar's routes/analysis.camel.yaml").doesNotContain("\n").doesNotContain("Exception");
    }
}
