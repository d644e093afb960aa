package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.config.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reports routes on the local profile: rollup folder in, archive folder and .eml outbox out. */
class ReportLocalRouteTest extends ReportRouteTestSupport {

    private static Path work;

    @BeforeAll
    static void writeRollups() throws Exception {
        work = Files.createTempDirectory("report-local");
        ReportFixtures.writeRollups(work.resolve("rollups"));
    }



    @Override
    protected Path work() {
        return work;
    }

    @Override
    protected Map<String, String> testProperties() {
        return Map.of("monitor.store.dir", work.toString(),
                "monitor.report.sender", "reports@example.com",
                "monitor.report.technical.recipients", "sre@example.com,oncall@example.com",
                "monitor.budget.monthly-usd", "100");
    }

    @Test
    void aMailedReportLandsInTheOutboxAsOneMessageWithTextAndHtmlAlternatives() throws Exception {
        template.sendBodyAndHeaders("direct:report-produce", null, Map.of(
                "reportType", "technical",
                "reportFrom", "2026-11-18T00:00:00Z",
                "reportTo", "2026-11-19T00:00:00Z",
                "reportMail", true));

        Path eml = work.resolve("out/outbox/technical/2026-11-18.eml");
        assertThat(eml).exists();
        try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(mail.getSubject()).isEqualTo("[local] Bedrock technical report 2026-11-18");
            assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("sre@example.com", "oncall@example.com");
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            assertThat(parts.getContentType()).startsWith("multipart/alternative");
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
            assertThat((String) parts.getBodyPart(1).getContent()).contains("93.3%").doesNotContain("<script>");
        }
    }

    @Test
    void reportsForPeriodArchivesAllFourAndMailsNone() throws Exception {
        template.sendBodyAndHeaders("direct:reports-for-period", null, Map.of(
                "reportFrom", "2026-11-16T00:00:00Z",
                "reportTo", "2026-11-23T00:00:00Z"));

        for (String type : new String[] {"technical", "executive", "security", "cost"}) {
            Path html = work.resolve("out/reports/" + type + "/2026-W47.html");
            Path json = work.resolve("out/reports/" + type + "/2026-W47.json");
            assertThat(html).exists();
            assertThat(Json.MAPPER.readTree(json.toFile()).path("type").asText()).isEqualTo(type);
        }
        assertThat(Files.readString(work.resolve("out/reports/cost/2026-W47.html"))).contains("$1.54", "$23.33");
        assertThat(work.resolve("out/outbox/executive")).doesNotExist();
    }

    @Test
    void aReportWithoutRecipientsIsArchivedButNotMailed() {
        template.sendBodyAndHeaders("direct:report-produce", null, Map.of(
                "reportType", "security",
                "reportFrom", "2026-11-16T00:00:00Z",
                "reportTo", "2026-11-23T00:00:00Z",
                "reportMail", true));

        assertThat(work.resolve("out/reports/security/2026-W47.html")).exists();
        assertThat(work.resolve("out/outbox/security")).doesNotExist();
    }
}
