package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.parse.AuditEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A log value built to attack the reader of a report: markup for the HTML part, an ESC sequence that sets
 * the terminal's title, a newline that forges a line and a bidi override for the text part. Every place
 * the fixtures put a hostile value (model id, principal, application tag, source IP, user agent, alert
 * text) carries it here.
 */
class ReportTextInjectionTest {

    static final String HOSTILE = ReportFixtures.XSS + "\u001b]0;owned\u0007\nFORGED LINE: all clear\u202etxt.exe";

    private final ReportBuilder builder = new ReportBuilder(ReportFixtures.settings(), ReportFixtures.PRICES);
    private final ReportRenderer renderer = ReportRenderer.create(Path.of(ReportRenderer.TEMPLATE_FOLDER));

    static <T> T hostile(T value, Class<T> type) {
        try {
            String json = Json.MAPPER.writeValueAsString(value);
            String xss = Json.MAPPER.writeValueAsString(ReportFixtures.XSS);
            String evil = Json.MAPPER.writeValueAsString(HOSTILE);
            return Json.MAPPER.readValue(json.replace(xss.substring(1, xss.length() - 1), evil.substring(1, evil.length() - 1)), type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String swap(String value) {
        return ReportFixtures.XSS.equals(value) ? HOSTILE : value;
    }

    RenderedReport render(ReportType type) {
        List<WindowStats> windows = ReportFixtures.windows().stream().map(w -> new WindowStats(w.windowStart(),
                w.windowSeconds(), swap(w.modelId()), swap(w.principalArn()), swap(w.application()), w.priced(), w.stats())).toList();
        List<AuditEvent> events = ReportFixtures.auditEvents().stream().map(e -> hostile(e, AuditEvent.class)).toList();
        List<Alert> alerts = ReportFixtures.alerts().stream().map(a -> hostile(a, Alert.class)).toList();
        // an alert's message is made printable when the alert is made: what reaches the report is already escaped
        assertThat(alerts.get(0).message()).contains(ReportFixtures.XSS).doesNotContain("\u001b").contains("\\x1B");
        return renderer.render(builder.build(type, ReportRenderingTest.periodOf(type), Rollups.of(windows, events), alerts,
                Instant.parse("2026-12-01T08:00:00Z")));
    }

    @ParameterizedTest
    @EnumSource(ReportType.class)
    void theTextPartShowsControlAndBidiCharactersAsEscapesAndForgesNoLine(ReportType type) throws IOException {
        String text = render(type).text();

        assertThat(text).contains("\\x1B]0;owned\\x07\\nFORGED LINE: all clear\\u202Etxt.exe");
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
                .doesNotContain("\nFORGED LINE");
    }

    @ParameterizedTest
    @EnumSource(ReportType.class)
    void theHtmlPartEscapesMarkup(ReportType type) {
        String html = render(type).html();

        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
