package org.bedrockmonitor.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.parse.Printable;

/**
 * The terminal view of summary.json: totals, top models and principals by cost, unpriced models, alerts.
 * Every string in it came from logs, so each is made printable before it reaches the terminal.
 */
final class SummaryTable {

    private static final int TOP = 10;

    private SummaryTable() {
    }

    static void print(JsonNode summary, PrintWriter out) {
        JsonNode records = summary.path("records");
        JsonNode totals = summary.path("totals");
        out.printf("%nRecords: %,d read, %,d invocations, %,d duplicates, %,d rejected   Period: %s .. %s%n",
                records.path("read").asLong(), records.path("invocations").asLong(),
                records.path("duplicates").asLong(), records.path("rejected").asLong(),
                text(summary.path("period").path("from"), "-"), text(summary.path("period").path("to"), "-"));
        out.printf("Totals: %,d errors, %,d throttles, %,d input / %,d output tokens, $%,.4f, %d principals%n",
                totals.path("errors").asLong(), totals.path("throttles").asLong(),
                totals.path("inputTokens").asLong(), totals.path("outputTokens").asLong(),
                totals.path("costUsd").asDouble(), summary.path("uniquePrincipals").asLong());
        JsonNode cloudTrail = summary.path("cloudTrail");
        if (cloudTrail.path("eventsRead").asLong() > 0) {
            out.printf("CloudTrail: %,d events read, %,d Bedrock events, %,d failed calls%n",
                    cloudTrail.path("eventsRead").asLong(), cloudTrail.path("bedrockEvents").asLong(),
                    cloudTrail.path("failedCalls").asLong());
        }
        table(out, "Top models by cost", "model", summary.path("byModel"));
        table(out, "Top principals by cost", "principal", summary.path("byPrincipal"));
        if (summary.path("unpricedModels").size() > 0) {
            List<String> unpriced = new ArrayList<>();
            summary.path("unpricedModels").forEach(model -> unpriced.add(text(model, "")));
            out.printf("%nUnpriced models (cost counted as 0): %s%n", String.join(", ", unpriced));
        }
        JsonNode alerts = summary.path("alerts");
        out.printf("%nAlerts: %d%n", alerts.size());
        for (JsonNode alert : alerts) {
            out.printf("  [%s] %s %s%n", text(alert.path("severity"), ""), text(alert.path("type"), ""),
                    text(alert.path("message"), ""));
        }
        JsonNode failed = summary.path("objects").path("failed");
        if (failed.size() > 0) {
            out.printf("%nObjects that could not be read (dead letters of those opened in rejected/objects/): %d%n", failed.size());
            failed.forEach(f -> out.printf("  %s%n", text(f, "")));
        }
    }

    private static void table(PrintWriter out, String title, String keyName, JsonNode byKey) {
        List<Map.Entry<String, JsonNode>> rows = new ArrayList<>(byKey.properties());
        if (rows.isEmpty()) {
            return;
        }
        rows.sort(Comparator.comparingDouble((Map.Entry<String, JsonNode> e) -> -e.getValue().path("costUsd").asDouble())
                .thenComparing(Map.Entry::getKey));
        out.printf("%n%s%n", title);
        out.printf("  %-60s %9s %7s %9s %13s %13s %11s %9s%n", keyName, "calls", "errors", "throttles",
                "input tok", "output tok", "cost USD", "p95 ms");
        for (Map.Entry<String, JsonNode> row : rows.subList(0, Math.min(TOP, rows.size()))) {
            JsonNode s = row.getValue();
            out.printf("  %-60s %,9d %,7d %,9d %,13d %,13d %11.4f %9s%n", shorten(row.getKey()),
                    s.path("invocations").asLong(), s.path("errors").asLong(), s.path("throttles").asLong(),
                    s.path("inputTokens").asLong(), s.path("outputTokens").asLong(), s.path("costUsd").asDouble(),
                    s.path("latencyMs").path("p95").isNull() ? "-" : s.path("latencyMs").path("p95").asText());
        }
        if (rows.size() > TOP) {
            out.printf("  … and %d more%n", rows.size() - TOP);
        }
    }

    private static String shorten(String key) {
        if (key.isEmpty()) {
            return "(none)";
        }
        String printable = Printable.of(key);
        return printable.length() <= 60 ? printable : "…" + printable.substring(printable.length() - 59);
    }

    private static String text(JsonNode value, String absent) {
        return value.isMissingNode() || value.isNull() ? absent : Printable.of(value.asText());
    }
}
