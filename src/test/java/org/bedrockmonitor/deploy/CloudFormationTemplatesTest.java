package org.bedrockmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.metrics.MetricCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped templates pass the schema validation, the security rules and the metric cross-check. */
class CloudFormationTemplatesTest {

    private static final Path TEMPLATES = Path.of("cloudformation");
    private static List<Template> templates;

    @BeforeAll
    static void loadTemplates() throws IOException {
        templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                templates.add(Template.load(file));
            }
        }
    }

    @Test
    void theThreeTemplatesAreThere() {
        assertThat(templates).extracting(t -> t.name).containsExactly("bedrock-monitoring-dashboards.yaml",
                "bedrock-monitoring-infrastructure.yaml", "bedrock-monitoring-service.yaml");
    }

    @Test
    void everyTemplateMatchesTheCloudFormationResourceSchemas() {
        TemplateValidator validator = new TemplateValidator(ResourceSpec.shared());
        List<String> problems = new ArrayList<>();
        templates.forEach(template -> problems.addAll(validator.validate(template)));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTemplateFollowsTheSecurityRules() {
        List<String> problems = new ArrayList<>();
        templates.forEach(template -> problems.addAll(PolicyRules.check(template)));
        assertThat(problems).isEmpty();
    }

    @Test
    void theRulesSawTheResourcesTheyGuard() {
        Template infrastructure = named("bedrock-monitoring-infrastructure.yaml");
        assertThat(typeCount(infrastructure, "AWS::S3::Bucket")).isEqualTo(2);
        assertThat(typeCount(infrastructure, "AWS::SQS::Queue")).isEqualTo(2);
        assertThat(typeCount(infrastructure, "AWS::SNS::Topic")).isEqualTo(2);
        assertThat(typeCount(infrastructure, "AWS::CloudWatch::Alarm")).isGreaterThanOrEqualTo(5);
        assertThat(typeCount(named("bedrock-monitoring-dashboards.yaml"), "AWS::CloudWatch::Dashboard")).isEqualTo(4);
    }

    @Test
    void everyServiceMetricOnADashboardOrAlarmIsOneTheServicePublishes() {
        List<String> problems = new ArrayList<>();
        List<MetricUsage.Use> uses = new ArrayList<>();
        templates.forEach(template -> uses.addAll(MetricUsage.collect(template, problems)));
        problems.addAll(MetricUsage.check(uses));

        assertThat(problems).isEmpty();
        List<MetricUsage.Use> custom = uses.stream()
                .filter(use -> use.namespace().equals(MetricCatalog.DEFAULT_NAMESPACE)).toList();
        assertThat(custom).hasSizeGreaterThan(50);
        assertThat(custom).extracting(MetricUsage.Use::where)
                .anySatisfy(where -> assertThat(where).contains("TechnicalDashboard"))
                .anySatisfy(where -> assertThat(where).contains("ManagementDashboard"))
                .anySatisfy(where -> assertThat(where).contains("SecurityDashboard"))
                .anySatisfy(where -> assertThat(where).contains("CostDashboard"))
                .anySatisfy(where -> assertThat(where).contains("IngestionStalledAlarm"));
        assertThat(custom).extracting(MetricUsage.Use::dimensions)
                .contains(java.util.Set.of("Environment", "ModelId"), java.util.Set.of("Environment", "Principal"));
        assertThat(uses).extracting(MetricUsage.Use::namespace).contains("AWS/Bedrock", "AWS/SQS");
    }

    @Test
    void eachDashboardCarriesTheWidgetsTheSeedLists() throws Exception {
        Template dashboards = named("bedrock-monitoring-dashboards.yaml");
        Map<String, List<String>> seedWidgets = Map.of(
                "TechnicalDashboard", List.of("API calls overview", "Response time", "Token usage", "Model usage distribution",
                        "Recent errors", "Errors by type", "resource usage", "Monitor health"),
                "ManagementDashboard", List.of("Daily API usage", "Daily token consumption", "Success rate", "Totals",
                        "Hourly usage by model", "response time vs SLA", "Top 10 users"),
                "SecurityDashboard", List.of("External IP access attempts", "Failed authentication", "User activity timeline",
                        "Unusual user agents", "Security-related errors", "Most active IPs", "Model management activities"),
                "CostDashboard", List.of("Daily token usage", "Token distribution by model", "Token usage by user and model",
                        "Monthly token summary", "estimated cost"));
        for (Map.Entry<String, List<String>> dashboard : seedWidgets.entrySet()) {
            String body = dashboards.resolveString(dashboards.properties(dashboard.getKey()).get("DashboardBody")).orElseThrow();
            List<String> titles = new ArrayList<>();
            Json.MAPPER.readTree(body).path("widgets")
                    .forEach(widget -> titles.add(widget.path("properties").path("title").asText()));
            for (String wanted : dashboard.getValue()) {
                assertThat(titles).as(dashboard.getKey()).anySatisfy(title -> assertThat(title).containsIgnoringCase(wanted));
            }
        }
    }

    @Test
    void logsInsightsQueriesNeverSelectPromptOrResponseBodies() throws Exception {
        Template dashboards = named("bedrock-monitoring-dashboards.yaml");
        List<String> queries = new ArrayList<>();
        for (String board : dashboards.resources().keySet()) {
            String body = dashboards.resolveString(dashboards.properties(board).get("DashboardBody")).orElseThrow();
            Json.MAPPER.readTree(body).path("widgets").forEach(widget -> {
                if (widget.path("type").asText().equals("log")) {
                    queries.add(widget.path("properties").path("query").asText());
                }
            });
        }
        assertThat(queries).hasSizeGreaterThan(10).allSatisfy(query -> assertThat(query)
                .startsWith("SOURCE 'imported:")
                .doesNotContain("inputBodyJson").doesNotContain("outputBodyJson").doesNotContain("@message"));
    }

    private static Template named(String name) {
        return templates.stream().filter(t -> t.name.equals(name)).findFirst().orElseThrow();
    }

    private static long typeCount(Template template, String type) {
        return template.resources().keySet().stream().filter(id -> type.equals(template.resourceType(id))).count();
    }
}
