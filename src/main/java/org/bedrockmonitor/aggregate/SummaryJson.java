package org.bedrockmonitor.aggregate;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.parse.Principal;

/** Builds {@code summary.json} (the contract of {@code analyze}) from the run totals. */
public final class SummaryJson {

    private SummaryJson() {
    }

    public static ObjectNode of(RunTotals.Snapshot run, List<Alert> alerts) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode records = root.putObject("records");
        records.put("read", run.read());
        records.put("invocations", run.invocations());
        records.put("duplicates", run.duplicates());
        records.put("rejected", run.rejected());
        root.set("totals", stats(run.totals()));
        ObjectNode byModel = root.putObject("byModel");
        run.byModel().forEach((model, s) -> {
            ObjectNode entry = stats(s);
            ArrayNode books = entry.putArray("priceBooks");
            run.priceBooks().getOrDefault(model, List.of()).forEach(books::add);
            byModel.set(model, entry);
        });
        ObjectNode byPrincipal = root.putObject("byPrincipal");
        run.byPrincipal().forEach((principal, s) -> byPrincipal.set(principal, stats(s)));
        ArrayNode unpriced = root.putArray("unpricedModels");
        run.unpricedModels().forEach(unpriced::add);
        root.put("uniquePrincipals", run.byPrincipal().keySet().stream().filter(p -> !p.isEmpty()).count());
        ObjectNode principals = root.putObject("principals");
        run.byPrincipal().keySet().forEach(arn -> principals.set(arn, Json.MAPPER.valueToTree(Principal.of(arn))));
        ObjectNode period = root.putObject("period");
        period.put("from", run.from() == null ? null : run.from().toString());
        period.put("to", run.to() == null ? null : run.to().toString());
        root.set("alerts", Json.MAPPER.valueToTree(alerts));
        ObjectNode objects = root.putObject("objects");
        objects.put("processed", run.objects());
        objects.set("failed", Json.MAPPER.valueToTree(run.failedObjects()));
        objects.set("skipped", Json.MAPPER.valueToTree(run.skippedObjects()));
        objects.put("missing", run.missingObjects());
        ObjectNode cloudTrail = root.putObject("cloudTrail");
        cloudTrail.put("eventsRead", run.auditEventsRead());
        cloudTrail.put("bedrockEvents", run.auditEvents());
        cloudTrail.put("failedCalls", run.auditFailures());
        cloudTrail.set("byEventName", Json.MAPPER.valueToTree(run.auditEventsByName()));
        return root;
    }

    public static ObjectNode stats(Stats s) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("invocations", s.invocations);
        node.put("errors", s.errors);
        node.put("throttles", s.throttles);
        node.put("inputTokens", s.inputTokens);
        node.put("outputTokens", s.outputTokens);
        node.put("cacheReadTokens", s.cacheReadTokens);
        node.put("cacheWriteTokens", s.cacheWriteTokens);
        node.put("totalTokens", s.totalTokens());
        node.put("costUsd", s.costUsd);
        node.put("guardrailCostUsd", s.guardrailCostUsd);
        node.put("guardrailInterventions", s.guardrailInterventions);
        node.set("latencyMs", percentiles(s.latencyMs));
        node.set("timeToFirstTokenMs", percentiles(s.timeToFirstTokenMs));
        node.put("serverErrors", s.serverErrors);
        ObjectNode codes = node.putObject("errorCodes");
        for (Map.Entry<String, Long> code : s.errorCodes.entrySet()) {
            codes.put(code.getKey(), code.getValue());
        }
        return node;
    }

    private static ObjectNode percentiles(ValueHistogram histogram) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("p50", histogram.percentile(50));
        node.put("p95", histogram.percentile(95));
        node.put("p99", histogram.percentile(99));
        return node;
    }
}
