package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.demo.DemoCorpus;
import org.bedrockmonitor.parse.Conformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One folder mixing invocation logs and CloudTrail (generated and third-party): both are reported, split. */
class AnalyzeMixedFolderTest {

    @TempDir
    Path dir;

    @Test
    void invocationLogsAndCloudTrailAreCountedSeparatelyAndBothRaiseTheirAlerts() throws Exception {
        Path logs = dir.resolve("mixed");
        DemoCorpus corpus = new DemoCorpus(new DemoCorpus.Spec(11, Instant.parse("2025-05-05T00:00:00Z"), 800, 6, 50, 200,
                0, 0, 0.5, false));
        DemoCorpus.Truth truth = corpus.write(logs);
        int auditEvents = corpus.writeCloudTrail(logs);
        Files.copy(Conformance.file("stratus-red-team/aws.defense-evasion.bedrock-model-invocation-logging-delete.json"),
                logs.resolve("stratus-logging-delete.json"));
        Files.copy(Conformance.file("written/cloudtrail-envelope-ec2-startinstances.json"),
                logs.resolve("ec2-trail.json"));

        Analysis.Outcome outcome = new Analysis(List.of(logs), dir.resolve("out"), null, new PrintWriter(new StringWriter())).run();
        JsonNode summary = outcome.summary();

        assertThat(summary.path("records").path("invocations").asLong()).isEqualTo(truth.unique);
        assertThat(summary.path("records").path("rejected").asLong()).isZero();
        assertThat(summary.path("objects").path("failed").size()).isZero();
        JsonNode seconds = summary.path("seconds");
        assertThat(List.of("start", "objects", "close")).allSatisfy(stage ->
                assertThat(seconds.path(stage).isNumber() && seconds.path(stage).asDouble() >= 0).as(stage).isTrue());
        assertThat(seconds.path("start").asDouble()).as("Camel start is measured, not zero").isPositive();
        JsonNode cloudTrail = summary.path("cloudTrail");
        assertThat(cloudTrail.path("bedrockEvents").asLong()).isEqualTo(auditEvents + 1);
        assertThat(cloudTrail.path("eventsRead").asLong()).as("the EC2 trail is read, not kept")
                .isGreaterThan(cloudTrail.path("bedrockEvents").asLong());
        assertThat(cloudTrail.path("byEventName").path("DeleteModelInvocationLoggingConfiguration").asLong()).isEqualTo(1);
        assertThat(cloudTrail.path("failedCalls").asLong()).isEqualTo(14);
        List<String> types = new ArrayList<>();
        summary.path("alerts").forEach(a -> types.add(a.path("type").asText()));
        assertThat(types).contains("FAILED_AUTH_SPIKE", "MODEL_MANAGEMENT_CHANGE", "LOGGING_DISABLED");
        // the stratus sample (March) and the generated day (May) make one period
        assertThat(Files.readString(dir.resolve("out/reports/security/2025-03-26_2025-05-05.html"))).contains("mallory")
                .contains("DeleteModelInvocationLoggingConfiguration");
    }
}
