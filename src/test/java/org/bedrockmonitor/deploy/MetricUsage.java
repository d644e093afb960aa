package org.bedrockmonitor.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.metrics.MetricCatalog;

/**
 * Every metric a template reads: alarm metrics and metric-math inputs, autoscaling metrics, and the
 * metrics of each dashboard (rows of widget metric arrays and SEARCH expressions inside the dashboard
 * body, which is JSON built by Fn::Sub). Then the check that each Custom/Bedrock use is one the service
 * publishes (MetricCatalog: name and dimension set) and each AWS/Bedrock use names a Bedrock runtime metric.
 */
final class MetricUsage {

    /** Bedrock runtime metrics (AWS/Bedrock, dimension ModelId) as documented in the Bedrock user guide. */
    static final Set<String> BEDROCK_RUNTIME_METRICS = Set.of("Invocations", "InvocationLatency",
            "InvocationClientErrors", "InvocationServerErrors", "InvocationThrottles", "InputTokenCount",
            "OutputTokenCount", "LegacyModelInvocations", "OutputImageCount", "TimeToFirstToken",
            "EstimatedTPMQuotaUsage", "CacheReadInputTokenCount", "CacheWriteInputTokenCount");

    private static final Pattern SEARCH = Pattern.compile("SEARCH\\(\\s*'\\{([^}]*)}([^']*)'");
    private static final Pattern SEARCH_TERM = Pattern.compile("([A-Za-z]+)\\s*=\\s*\"([^\"]*)\"");

    record Use(String where, String namespace, String metricName, Set<String> dimensions) {
    }

    private MetricUsage() {
    }

    /** Uses found in a template; a dashboard body that cannot be resolved or parsed is reported in problems. */
    static List<Use> collect(Template template, List<String> problems) {
        List<Use> uses = new ArrayList<>();
        template.resources().forEach((logicalId, resource) -> {
            String where = template.name + ": " + logicalId;
            if ("AWS::CloudWatch::Dashboard".equals(template.resourceType(logicalId))) {
                dashboard(template, where, template.properties(logicalId).get("DashboardBody"), uses, problems);
            } else {
                metricStructures(template, where, template.properties(logicalId), uses);
            }
        });
        return uses;
    }

    /** A {Namespace, MetricName, Dimensions} structure anywhere in a resource (alarm, metric math, scaling). */
    private static void metricStructures(Template template, String where, Object node, List<Use> uses) {
        if (node instanceof List<?> list) {
            list.forEach(element -> metricStructures(template, where, element, uses));
        } else if (node instanceof Map<?, ?> map) {
            if (map.containsKey("Namespace") && map.containsKey("MetricName")) {
                Set<String> dimensions = new LinkedHashSet<>();
                Template.list(map.get("Dimensions"))
                        .forEach(dimension -> dimensions.add(String.valueOf(Template.map(dimension).get("Name"))));
                uses.add(new Use(where, template.resolveString(map.get("Namespace")).orElse("?"),
                        template.resolveString(map.get("MetricName")).orElse("?"), dimensions));
            }
            map.values().forEach(value -> metricStructures(template, where, value, uses));
        }
    }

    private static void dashboard(Template template, String where, Object body, List<Use> uses, List<String> problems) {
        Optional<String> json = template.resolveString(body);
        if (json.isEmpty()) {
            problems.add(where + ": DashboardBody cannot be resolved from the template (use Fn::Sub over parameters and imports)");
            return;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json.get());
        } catch (Exception e) {
            problems.add(where + ": DashboardBody is not valid JSON: " + e.getMessage());
            return;
        }
        int widgetIndex = 0;
        for (JsonNode widget : root.path("widgets")) {
            String widgetWhere = where + " widget " + widgetIndex++ + " '" + widget.path("properties").path("title").asText() + "'";
            for (JsonNode row : widget.path("properties").path("metrics")) {
                metricRow(widgetWhere, row, uses, problems);
            }
        }
        if (widgetIndex == 0) {
            problems.add(where + ": dashboard has no widgets");
        }
    }

    private static void metricRow(String where, JsonNode row, List<Use> uses, List<String> problems) {
        if (row.size() > 0 && row.get(0).isObject()) {
            String expression = row.get(0).path("expression").asText("");
            Matcher search = SEARCH.matcher(expression);
            while (search.find()) {
                search(where, search.group(1), search.group(2), uses, problems);
            }
            return;
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode element : row) {
            if (element.isTextual()) {
                parts.add(element.asText());
            }
        }
        if (parts.contains(".") || parts.contains("...") || parts.size() < 2 || parts.size() % 2 != 0) {
            problems.add(where + ": metric row " + row + " is not [namespace, name, dimension, value, ...]"
                    + " (shorthand rows cannot be checked: spell them out)");
            return;
        }
        Set<String> dimensions = new LinkedHashSet<>();
        for (int i = 2; i < parts.size(); i += 2) {
            dimensions.add(parts.get(i));
        }
        uses.add(new Use(where, parts.get(0), parts.get(1), dimensions));
    }

    private static void search(String where, String schema, String terms, List<Use> uses, List<String> problems) {
        String[] schemaParts = schema.split(",");
        String namespace = schemaParts[0].trim();
        Set<String> dimensions = new LinkedHashSet<>();
        for (int i = 1; i < schemaParts.length; i++) {
            dimensions.add(schemaParts[i].trim());
        }
        List<String> names = new ArrayList<>();
        Matcher term = SEARCH_TERM.matcher(terms);
        while (term.find()) {
            if (term.group(1).equals("MetricName")) {
                names.add(term.group(2));
            } else if (!dimensions.contains(term.group(1))) {
                problems.add(where + ": SEARCH filters on " + term.group(1) + ", which is not in its schema {" + schema + "}");
            }
        }
        if (names.isEmpty()) {
            problems.add(where + ": SEARCH over {" + schema + "} has no MetricName=\"...\" term, so its metrics cannot be checked");
        }
        names.forEach(name -> uses.add(new Use(where + " (SEARCH)", namespace, name, dimensions)));
    }

    /** Problems with the uses: a Custom/Bedrock metric the service does not publish with those dimensions, an unknown AWS/Bedrock metric. */
    static List<String> check(List<Use> uses) {
        List<String> problems = new ArrayList<>();
        for (Use use : uses) {
            if (use.namespace().equals(MetricCatalog.DEFAULT_NAMESPACE)) {
                customMetric(use).ifPresent(problems::add);
            } else if (use.namespace().equals("AWS/Bedrock")) {
                if (!BEDROCK_RUNTIME_METRICS.contains(use.metricName())) {
                    problems.add(use.where() + ": AWS/Bedrock has no metric " + use.metricName());
                }
                if (!Set.of(MetricCatalog.MODEL_ID).containsAll(use.dimensions())) {
                    problems.add(use.where() + ": AWS/Bedrock runtime metrics have only the ModelId dimension, not " + use.dimensions());
                }
            }
        }
        return problems;
    }

    private static Optional<String> customMetric(Use use) {
        String name = use.metricName();
        String prefix = use.where() + ": " + MetricCatalog.DEFAULT_NAMESPACE + " " + name + " " + use.dimensions() + ": ";
        if (!MetricCatalog.publishes(name)) {
            return Optional.of(prefix + "the service publishes no metric of that name");
        }
        if (!use.dimensions().contains(MetricCatalog.ENVIRONMENT)) {
            return Optional.of(prefix + "every service metric carries the Environment dimension");
        }
        boolean published = MetricCatalog.publishes(name, Set.copyOf(use.dimensions()));
        return published ? Optional.empty() : Optional.of(prefix + "the service does not publish it with these dimensions");
    }
}
