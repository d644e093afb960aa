package org.bedrockmonitor.report;

/**
 * A report ready to deliver: its model, the HTML and plain-text renderings and the model as JSON.
 * {@code archiveName} is {@code <type>/<period>} (the archive appends .html and .json).
 */
public record RenderedReport(ReportModel model, String html, String text, String json) {

    public String archiveName() {
        return model.type() + "/" + model.periodLabel();
    }

    public String subject() {
        return model.subject();
    }
}
