package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.demo.DemoCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's intruder (a burst of denied calls, then a guardrail deleted with python-requests from an
 * external address) is the period's highest actor and rates it high, where rating line by line called
 * the deletion low and the period medium.
 */
class DemoSecurityRiskTest {

    private static final String MALLORY = "arn:aws:iam::" + DemoCorpus.ACCOUNT + ":user/mallory";

    @TempDir
    Path dir;

    @Test
    void theDemoIntruderRatesTheDayHighFromAllItsSignals() throws Exception {
        Path logs = dir.resolve("logs");
        DemoCorpus demo = new DemoCorpus(new DemoCorpus.Spec(5, Instant.parse("2025-05-05T00:00:00Z"), 3_000, 9, 50, 200,
                0.02, 0.002, 0.5, true));
        demo.write(logs);
        demo.writeCloudTrail(logs);
        new Analysis(List.of(logs), dir.resolve("out"), null, new PrintWriter(new StringWriter())).run();

        JsonNode security = Json.MAPPER.readTree(dir.resolve("out/reports/security/2025-05-05.json").toFile()).path("security");
        JsonNode mallory = security.path("actors").get(0);
        assertThat(mallory.path("principal").asText()).isEqualTo(MALLORY);
        assertThat(mallory.path("score").asInt()).isEqualTo(9);
        assertThat(mallory.path("level").asText()).isEqualTo("high");
        assertThat(mallory.path("signals").findValuesAsText("name")).containsExactly(
                "removed a control", "failed-access spike", "unrecognised user agent", "external address");
        assertThat(mallory.path("signals").findValuesAsText("evidence")).containsExactly(
                "DeleteGuardrail; first DeleteGuardrail at 2025-05-05T16:15:00Z",
                "14 AccessDenied-class failures (AccessDenied x14), 14 of them within 5 minutes (threshold 10)",
                "\"python-requests/2.31.0\" (other) on 1 call(s)",
                "15 call(s) from 203.0.113.66 (public)");
        assertThat(security.path("actorsScored").asInt()).isEqualTo(1);
        assertThat(security.path("riskLevel").asText()).isEqualTo("high");
    }
}
