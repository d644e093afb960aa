package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reports route in AWS shape: one mail through aws2-ses (SendRawEmail) into aws-ses-v2-local. */
class ReportSesRouteTest extends ReportRouteTestSupport {

    private static SesEmulator ses;
    private static Path work;

    @BeforeAll
    static void startEmulator() throws Exception {
        ses = SesEmulator.start();
        work = Files.createTempDirectory("report-ses");
        ReportFixtures.writeRollups(work.resolve("rollups"));
    }

    @AfterAll
    static void stopEmulator() {
        if (ses != null) {
            ses.close();
        }
    }



    @Override
    protected Path work() {
        return work;
    }

    @Override
    protected Map<String, String> testProperties() {
        return Map.of("monitor.store.dir", work.toString(),
                "monitor.report.sender", "reports@example.com",
                "monitor.report.technical.recipients", "sre@example.com",
                "monitor.sink.mail", "aws2-ses://reports@example.com?region=us-east-1&overrideEndpoint=true&uriEndpointOverride="
                        + ses.endpoint() + "&accessKey=test&secretKey=test&useDefaultCredentialsProvider=false");
    }

    @Test
    void aReportArrivesAsOneMailWithHtmlAndTextParts() throws Exception {
        template.sendBodyAndHeaders("direct:report-produce", null, Map.of(
                "reportType", "technical",
                "reportFrom", "2026-11-18T00:00:00Z",
                "reportTo", "2026-11-19T00:00:00Z",
                "reportMail", true));

        await().atMost(Duration.ofSeconds(10)).until(() -> ses.emails().size() == 1);
        JsonNode mail = ses.emails().get(0);
        assertThat(mail.path("from").asText()).contains("reports@example.com");
        assertThat(mail.path("destination").path("to").get(0).asText()).contains("sre@example.com");
        assertThat(mail.path("subject").asText()).isEqualTo("[local] Bedrock technical report 2026-11-18");
        assertThat(mail.path("body").path("html").asText())
                .contains("<table", "Technical report 18 Nov 2026", "93.3%", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(mail.path("body").path("text").asText())
                .contains("Invocations     210 from 2 principals", "Throttles       10");
        assertThat(work.resolve("out/reports/technical/2026-11-18.html")).exists();
        assertThat(work.resolve("out/reports/technical/2026-11-18.json")).exists();
    }
}
