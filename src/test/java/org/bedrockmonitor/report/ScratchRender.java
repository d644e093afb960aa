package org.bedrockmonitor.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ScratchRender {
    @Test
    void render() throws Exception {
        ReportBuilder builder = new ReportBuilder(ReportFixtures.settings(), ReportFixtures.PRICES);
        ReportRenderer renderer = ReportRenderer.create(Path.of("report-templates"));
        Path out = Path.of("target/scratch");
        Files.createDirectories(out);
        for (ReportType type : ReportType.values()) {
            Period p = switch (type) { case TECHNICAL -> ReportFixtures.day(); case COST -> ReportFixtures.month(); default -> ReportFixtures.week(); };
            RenderedReport r = renderer.render(builder.build(type, p, ReportFixtures.rollups(), ReportFixtures.alerts(), Instant.parse("2026-11-25T06:00:00Z")));
            Files.writeString(out.resolve(type.id() + ".html"), r.html());
            Files.writeString(out.resolve(type.id() + ".txt"), r.text());
            Files.writeString(out.resolve(type.id() + ".json"), r.json());
        }
    }
}
