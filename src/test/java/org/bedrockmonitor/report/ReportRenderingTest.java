package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.windows.Rollups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportRenderingTest {

    private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private final ReportBuilder builder = new ReportBuilder(ReportFixtures.settings(), ReportFixtures.PRICES);
    private final ReportRenderer renderer = ReportRenderer.create(Path.of(ReportRenderer.TEMPLATE_FOLDER));

    static Period periodOf(ReportType type) {
        return switch (type) {
            case TECHNICAL -> ReportFixtures.day();
            case EXECUTIVE, SECURITY -> ReportFixtures.week();
            case COST -> ReportFixtures.month();
        };
    }

    private RenderedReport render(ReportType type) {
        return renderer.render(builder.build(type, periodOf(type), ReportFixtures.rollups(), ReportFixtures.alerts(),
                Instant.parse("2026-12-01T08:00:00Z")));
    }

    @ParameterizedTest
    @EnumSource(ReportType.class)
    void everyLogValueIsEscapedInTheHtml(ReportType type) {
        String html = render(type).html();

        assertThat(html).doesNotContain("<script").contains(ESCAPED);
    }

    @ParameterizedTest
    @EnumSource(ReportType.class)
    void htmlIsMailSafe(ReportType type) {
        String html = render(type).html();

        assertThat(html).doesNotContain("<svg", "<style", "javascript:", "<link").contains("<table");
    }

    @ParameterizedTest
    @EnumSource(ReportType.class)
    void unreadableRollupLinesAreStatedAtTheTopOfEveryReport(ReportType type) {
        Rollups fixture = ReportFixtures.rollups();
        Rollups damaged = new Rollups(fixture.windows(), fixture.auditEvents(), fixture.filesRead(), 3);
        RenderedReport r = renderer.render(builder.build(type, periodOf(type), damaged, ReportFixtures.alerts(),
                Instant.parse("2026-12-01T08:00:00Z")));

        String note = "3 line(s) of the stored rollups could not be read and are left out of these figures";
        assertThat(r.text()).contains("WARNING: " + note);
        assertThat(r.html()).contains(note);
        assertThat(render(type).text()).doesNotContain("WARNING:");
    }

    @ParameterizedTest
    @EnumSource(ReportType.class)
    void theJsonArchiveIsTheModel(ReportType type) throws IOException {
        RenderedReport report = render(type);

        assertThat(Json.MAPPER.readTree(report.json()).path("type").asText()).isEqualTo(type.id());
        assertThat(report.archiveName()).isEqualTo(type.id() + "/" + periodOf(type).label());
    }

    @Test
    void technicalShowsTheDaysNumbers() {
        RenderedReport r = render(ReportType.TECHNICAL);

        for (String text : new String[] {r.html(), r.text()}) {
            assertThat(text).contains("210", "93.3%", "6,000 ms", "250 ms", "300 ms", "ThrottlingException", "661,100",
                    "Throttling on 1 model(s): 10 of 200 requests (5.0%)");
        }
        assertThat(r.text()).contains("Invocations     210 from 2 principals", "Throttles       10");
        assertThat(r.model().subject()).isEqualTo("[prod] Bedrock technical report 2026-11-18");
    }

    @Test
    void executiveShowsWeekOverWeek() {
        RenderedReport r = render(ReportType.EXECUTIVE);

        for (String text : new String[] {r.html(), r.text()}) {
            assertThat(text).contains("260", "+160.0%", "$1.54", "$0.70", "+121.5%", "94.6%", "$23.33", "(untagged)");
        }
    }

    @Test
    void securityShowsFindingsAndTimeline() {
        RenderedReport r = render(ReportType.SECURITY);

        for (String text : new String[] {r.html(), r.text()}) {
            assertThat(text).contains("HIGH", "DeleteModelInvocationLoggingConfiguration", "AccessDenied", "198.51.100.7",
                    "aws-cli", "42.9%", "root account");
        }
    }

    @Test
    void costShowsBudgetSavingsAndWhatIf() {
        RenderedReport r = render(ReportType.COST);

        for (String text : new String[] {r.html(), r.text()}) {
            // total 4 x 0.6975 + 0.15; cache reads save 800k x 2.7/M, writes cost 40k x 0.75/M more, net $2.13;
            // Haiku alternative 4 x 0.059; batch half of 2.94; $97.06 of budget left at $2.94 over 28 2/3 days
            assertThat(text).contains("$2.94", "$2.16", "$0.03", "$2.13", "$0.24", "$2.55", "$1.47", "$100.00", "946.4 more days", "5.1%",
                    "anthropic.claude-3-haiku-20240307-v1:0");
        }
        assertThat(r.text()).contains("Unattributed       $0.15 (5.1%)");
    }

    @Test
    void theBundledTemplatesAreUsedWhenTheFolderIsAbsent(@TempDir Path empty) {
        ReportRenderer bundled = ReportRenderer.create(empty.resolve("report-templates"));

        String html = bundled.render(builder.build(ReportType.TECHNICAL, ReportFixtures.day(), ReportFixtures.rollups(),
                ReportFixtures.alerts(), Instant.EPOCH)).html();

        assertThat(html).contains("Technical report 18 Nov 2026");
    }

    @Test
    void aTemplateErrorFailsLoudly(@TempDir Path folder) throws IOException {
        try (Stream<Path> templates = Files.list(Path.of(ReportRenderer.TEMPLATE_FOLDER))) {
            for (Path template : templates.toList()) {
                Files.copy(template, folder.resolve(template.getFileName()));
            }
        }
        Path technical = folder.resolve("technical.html.ftlh");
        Files.writeString(technical, Files.readString(technical).replace("t.totals.invocations", "t.totals.invocationz"));
        ReportRenderer broken = ReportRenderer.create(folder);

        assertThatThrownBy(() -> broken.render(builder.build(ReportType.TECHNICAL, ReportFixtures.day(),
                ReportFixtures.rollups(), ReportFixtures.alerts(), Instant.EPOCH)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("technical.html.ftlh")
                .hasMessageContaining("null/missing");
    }
}
