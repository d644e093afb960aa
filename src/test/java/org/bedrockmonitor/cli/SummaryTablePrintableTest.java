package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import org.junit.jupiter.api.Test;

/** A model id, principal, alert or failed object carrying terminal control sequences is printed as visible escapes. */
class SummaryTablePrintableTest {

    static final String HOSTILE = "evil\u001b[2J\u001b]0;owned\u0007\nFORGED  1 invocations\u202eexe";

    @Test
    void everyStringFromLogsIsPrintedWithoutControlCharacters() {
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.putObject("records").put("read", 1).put("invocations", 1);
        summary.putObject("totals").put("invocations", 1);
        summary.putObject("byModel").putObject(HOSTILE).put("invocations", 1).put("costUsd", 0.5);
        summary.putObject("byPrincipal").putObject(HOSTILE).put("invocations", 1).put("costUsd", 0.5);
        summary.putArray("unpricedModels").add(HOSTILE);
        summary.putArray("alerts").addObject().put("severity", "WARNING").put("type", "UNAPPROVED_MODEL")
                .put("message", HOSTILE + " called " + HOSTILE);
        summary.putObject("objects").putArray("failed").add("/inbox/" + HOSTILE + ": not JSON");
        StringWriter out = new StringWriter();

        SummaryTable.print(summary, new PrintWriter(out));

        String table = out.toString();
        assertThat(table).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
                .doesNotContain("\nFORGED");
        assertThat(table).contains("evil\\x1B[2J\\x1B]0;owned\\x07\\nFORGED  1 invocations\\u202Eexe called evil");
        assertThat(table.lines().filter(line -> line.contains("\\x1B[2J")).count()).as("model, principal, unpriced, alert, failed")
                .isEqualTo(5);
    }
}
