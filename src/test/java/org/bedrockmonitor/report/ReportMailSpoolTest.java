package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SES that cannot be reached: the send is retried, then the mail is kept in the spool, not dropped. */
class ReportMailSpoolTest extends ReportRouteTestSupport {

    private static Path work;
    private static int closedPort;

    @BeforeAll
    static void prepare() throws Exception {
        work = Files.createTempDirectory("report-spool");
        ReportFixtures.writeRollups(work.resolve("rollups"));
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
    }



    @Override
    protected Path work() {
        return work;
    }

    @Override
    protected Map<String, String> testProperties() {
        return Map.of("monitor.store.dir", work.toString(),
                "monitor.report.cost.recipients", "finance@example.com",
                "monitor.report.mail.retries", "2",
                "monitor.report.mail.retry-delay-ms", "10",
                "monitor.sink.mail", "aws2-ses://reports@example.com?region=us-east-1&overrideEndpoint=true"
                        + "&uriEndpointOverride=http://127.0.0.1:" + closedPort
                        + "&accessKey=test&secretKey=test&useDefaultCredentialsProvider=false");
    }

    @Test
    void anUndeliverableReportIsSpooledWithItsRecipients() throws Exception {
        template.sendBodyAndHeaders("direct:report-produce", null, Map.of(
                "reportType", "cost",
                "reportFrom", "2026-11-01T00:00:00Z",
                "reportTo", "2026-12-01T00:00:00Z",
                "reportMail", true));

        Path spooled = work.resolve("out/mail-spool/cost/2026-11.eml");
        assertThat(spooled).exists();
        assertThat(Files.readString(spooled)).contains("To: finance@example.com", "Subject: [local] Bedrock cost report 2026-11",
                "multipart/alternative");
        assertThat(work.resolve("out/reports/cost/2026-11.html")).exists();
    }
}
