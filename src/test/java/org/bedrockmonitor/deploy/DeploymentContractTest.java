package org.bedrockmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.config.Json;
import org.junit.jupiter.api.BeforeAll;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertOutbox;
import org.bedrockmonitor.detect.DetectionRun;
import org.bedrockmonitor.ingest.ObjectLedger;
import org.bedrockmonitor.metrics.TopPrincipals;
import org.bedrockmonitor.windows.RequestClaims;
import org.bedrockmonitor.windows.WindowStore;
import org.junit.jupiter.api.Test;

/**
 * What the templates promise the service and what the service reads agree: the report bucket's lifecycle
 * against the prefixes the service writes, the task's variables against what the service reads, the
 * thresholds alarms share with the service's rules, the infrastructure stack's name, the trail's events.
 */
class DeploymentContractTest {

    static Template infrastructure;
    static Template dashboards;
    static Template service;
    static Properties defaults;
    static Properties aws;

    @BeforeAll
    static void load() throws IOException {
        infrastructure = Template.load(Path.of("cloudformation/bedrock-monitoring-infrastructure.yaml"));
        dashboards = Template.load(Path.of("cloudformation/bedrock-monitoring-dashboards.yaml"));
        service = Template.load(Path.of("cloudformation/bedrock-monitoring-service.yaml"));
        defaults = properties("src/main/resources/application.properties");
        aws = properties("src/main/resources/application-aws.properties");
    }

    static Properties properties(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            properties.load(in);
        }
        return properties;
    }

    static String awsValue(String key) {
        return aws.getProperty(key, defaults.getProperty(key));
    }

    static Object defaultOf(Template template, String parameter) {
        return Template.map(template.parameters().get(parameter)).get("Default");
    }

    /** Prefix -> days, for every rule of the report bucket that expires objects (a parameter's default). */
    static Map<String, Integer> expiringPrefixes() {
        Map<String, Integer> expiring = new LinkedHashMap<>();
        Map<String, Object> lifecycle = Template.map(infrastructure.properties("ReportBucket").get("LifecycleConfiguration"));
        for (Object rule : Template.list(lifecycle.get("Rules"))) {
            Map<String, Object> fields = Template.map(rule);
            Object days = fields.get("ExpirationInDays");
            if (days != null) {
                Object value = Template.intrinsicName(days).isPresent()
                        ? defaultOf(infrastructure, String.valueOf(Template.map(days).get("Ref"))) : days;
                expiring.put(String.valueOf(fields.getOrDefault("Prefix", "")), Integer.parseInt(String.valueOf(value)));
            }
        }
        return expiring;
    }

    @Test
    void theReportBucketExpiresStateAndRejectedRecordsButNeverTheSpoolsRollupsOrReports() throws IOException {
        Map<String, Integer> expiring = expiringPrefixes();

        assertThat(expiring).containsExactlyInAnyOrderEntriesOf(Map.of("rejected/", 90, "state/ledger/", 35,
                "state/dedup/", 35, "state/metrics/", 35, "state/alerts/notified/", 35, "state/alerts/sending/", 35,
                "state/jobs/", 40));
        // the prefixes the service writes, from its own configuration, code and routes
        String mailSpool = mailSpoolPrefix();
        List<String> kept = List.of(WindowStore.ROLLUPS, AlertOutbox.OUTBOX, AlertJournal.PREFIX, DetectionRun.CHECKPOINTS,
                mailSpool, "reports/");
        for (String prefix : kept) {
            assertThat(expiring.keySet()).as(prefix + " is never expired")
                    .noneSatisfy(rule -> assertThat(prefix).startsWith(rule));
        }
        assertThat(expiring).containsKeys(awsValue("monitor.rejected.key-prefix"), ObjectLedger.PREFIX, RequestClaims.PREFIX,
                AlertOutbox.NOTIFIED, AlertOutbox.SENDING, DetectionRun.JOBS);
        assertThat(TopPrincipals.KEY).startsWith("state/metrics/");
    }

    static String mailSpoolPrefix() throws IOException {
        Matcher spooled = Pattern.compile("simple: \"(mail-spool/)\\$\\{header\\.CamelFileName}\"")
                .matcher(Files.readString(Path.of("routes/reports.camel.yaml")));
        assertThat(spooled.find()).as("routes/reports.camel.yaml names the mail spool key").isTrue();
        return spooled.group(1);
    }

    /** A variable on the task that nothing reads is a promise the service does not keep. */
    @Test
    void everyVariableTheTaskSetsIsReadByTheService() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"))
                + Files.readString(Path.of("src/main/resources/application-aws.properties"));
        String java;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file));
            }
            java = all.toString();
        }
        List<String> names = new ArrayList<>();
        for (Object variable : Template.list(container().get("Environment"))) {
            names.add(String.valueOf(Template.map(variable).get("Name")));
        }

        assertThat(names).isNotEmpty().doesNotContain("LOG_BUCKET", "SNS_CRITICAL_TOPIC_ARN").allSatisfy(name -> assertThat(
                properties.contains("{{env:" + name + ":") || java.contains("\"" + name + "\"") || mapsOntoAProperty(name))
                .as(name + " is read by a property, by the code, or maps onto a monitor.* key").isTrue());
    }

    static boolean mapsOntoAProperty(String variable) {
        return Stream.concat(defaults.stringPropertyNames().stream(), aws.stringPropertyNames().stream())
                .anyMatch(key -> key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').equals(variable));
    }

    static Map<String, Object> container() {
        return Template.map(Template.list(service.properties("TaskDefinition").get("ContainerDefinitions")).get(0));
    }

    /**
     * A threshold an alarm or dashboard shares with a rule of the service is one parameter, passed to the
     * service as the rule's property: every template's default and parameters.json's common value equal
     * the property's default in application.properties, so there is one value per threshold.
     */
    @Test
    void thresholdsSharedByAlarmsAndTheServicesRulesHaveOneValue() throws IOException {
        JsonNode parameters = Json.MAPPER.readTree(Path.of("cloudformation/parameters.json").toFile());
        Map<String, String> sharedParameters = new LinkedHashMap<>();
        for (Object variable : Template.list(container().get("Environment"))) {
            Map<String, Object> entry = Template.map(variable);
            String name = String.valueOf(entry.get("Name"));
            Object ref = Template.map(entry.get("Value")).get("Ref");
            if (name.startsWith("MONITOR_ALERT_") || name.startsWith("MONITOR_REPORT_SLA_")) {
                assertThat(ref).as(name + " comes from a parameter").isNotNull();
                sharedParameters.put(String.valueOf(ref), propertyOf(name));
            }
        }

        assertThat(sharedParameters).containsOnlyKeys("IngestionStalledMinutes", "LatencyP95ThresholdMs",
                "ServiceErrorsThreshold", "LatencyP95ObjectiveMs");
        sharedParameters.forEach((parameter, property) -> {
            String value = defaults.getProperty(property).trim();
            assertThat(String.valueOf(defaultOf(service, parameter))).as("service " + parameter).isEqualTo(value);
            assertThat(parameters.path("common").path(parameter).asText()).as("parameters.json common." + parameter).isEqualTo(value);
            for (Template other : List.of(infrastructure, dashboards)) {
                if (other.parameters().containsKey(parameter)) {
                    assertThat(String.valueOf(defaultOf(other, parameter))).as(other.name + " " + parameter).isEqualTo(value);
                }
            }
        });
        assertThat(infrastructure.parameters()).containsKeys("IngestionStalledMinutes", "LatencyP95ThresholdMs", "ServiceErrorsThreshold");
        assertThat(dashboards.parameters()).containsKey("LatencyP95ObjectiveMs");
        assertThat(Template.map(infrastructure.properties("IngestionStalledAlarm").get("EvaluationPeriods")).get("Fn::FindInMap"))
                .asList().contains(Map.of("Ref", "IngestionStalledMinutes"));
        assertThat(infrastructure.properties("BedrockLatencyAlarm").get("Threshold")).isEqualTo(Map.of("Ref", "LatencyP95ThresholdMs"));
        assertThat(infrastructure.properties("BedrockServerErrorAlarm").get("Threshold")).isEqualTo(Map.of("Ref", "ServiceErrorsThreshold"));
        assertThat(infrastructure.resources().keySet()).as("the service raises these itself from its rules")
                .doesNotContain("ErrorRateAlarm", "LatencyAlarm", "ThrottleAlarm");
    }

    static String propertyOf(String variable) {
        return defaults.stringPropertyNames().stream()
                .filter(key -> key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').equals(variable))
                .findFirst().orElseThrow(() -> new AssertionError(variable + " maps onto no key of application.properties"));
    }

    /** Stacks created from the console or another tool import from the stack deploy.sh would have created. */
    @Test
    void withoutAStackNameTheImportsUseTheNameDeployShGivesTheInfrastructureStack() throws IOException {
        Matcher named = Pattern.compile("INFRA_STACK=\"bedrock-monitoring-\\$\\{ENVIRONMENT}-infrastructure\"")
                .matcher(Files.readString(Path.of("cloudformation/deploy.sh")));
        assertThat(named.find()).isTrue();
        Map<String, Object> derived = Map.of("Fn::If", List.of("InfrastructureStackNameGiven", Map.of("Ref", "InfrastructureStackName"),
                Map.of("Fn::Sub", "bedrock-monitoring-${Environment}-infrastructure")));
        for (Template template : List.of(dashboards, service)) {
            assertThat(defaultOf(template, "InfrastructureStackName")).as(template.name).isEqualTo("");
            List<Object> imports = new ArrayList<>();
            collectImports(template.resources(), imports);
            assertThat(imports).as(template.name).isNotEmpty().allSatisfy(imported -> {
                List<Object> sub = Template.list(Template.map(imported).get("Fn::Sub"));
                assertThat(String.valueOf(sub.get(0))).startsWith("${InfrastructureStack}-");
                assertThat(Template.map(sub.get(1)).get("InfrastructureStack")).isEqualTo(derived);
            });
        }
    }

    static void collectImports(Object node, List<Object> imports) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("Fn::ImportValue")) {
                imports.add(map.get("Fn::ImportValue"));
            }
            map.values().forEach(value -> collectImports(value, imports));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectImports(value, imports));
        }
    }

    @Test
    void theTrailLogsManagementEventsAndByDefaultBedrockModelInvocationsAsDataEvents() {
        assertThat(defaultOf(infrastructure, "LogBedrockDataEvents")).isEqualTo("true");
        List<Object> selectors = Template.list(infrastructure.properties("BedrockTrail").get("AdvancedEventSelectors"));
        assertThat(infrastructure.properties("BedrockTrail")).doesNotContainKey("EventSelectors");
        assertThat(selectors).hasSize(2);
        assertThat(Template.map(selectors.get(0)).get("FieldSelectors"))
                .isEqualTo(List.of(Map.of("Field", "eventCategory", "Equals", List.of("Management"))));
        List<Object> dataEvents = Template.list(Template.map(selectors.get(1)).get("Fn::If"));
        assertThat(dataEvents.get(0)).isEqualTo("LogDataEvents");
        assertThat(Template.map(dataEvents.get(1)).get("FieldSelectors")).isEqualTo(List.of(
                Map.of("Field", "eventCategory", "Equals", List.of("Data")),
                Map.of("Field", "resources.type", "Equals", List.of("AWS::Bedrock::Model"))));
        assertThat(Template.isNoValue(dataEvents.get(2))).isTrue();
    }
}
