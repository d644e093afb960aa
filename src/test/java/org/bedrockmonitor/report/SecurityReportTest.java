package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.cli.Cli;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.logging.LoggingCheck;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.report.ReportModel.ActorRisk;
import org.bedrockmonitor.report.ReportModel.Security;
import org.bedrockmonitor.report.ReportModel.Signal;
import org.bedrockmonitor.security.GeoIp;
import org.bedrockmonitor.security.SecurityAnalytics;
import org.bedrockmonitor.security.SecuritySettings;
import org.bedrockmonitor.security.TestGeoDatabase;
import org.bedrockmonitor.store.FolderStateStore;
import org.bedrockmonitor.windows.Rollups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security report rates actors from all their signals, places source IPs in countries and counts principals apart. */
class SecurityReportTest {

    static final String INTRUDER = "arn:aws:sts::123456789012:assumed-role/data-export/session-7";
    static final String CHATBOT = ReportFixtures.APP_ROLE;
    static final String PYTHON_REQUESTS = "python-requests/2.31.0";
    static final String BOTO3 = "Boto3/1.35.50 md/Botocore#1.35.50 ua/2.0 os/linux#6.8.0 lang/python#3.12.3";
    static final Instant GENERATED = Instant.parse("2026-11-23T07:30:00Z");

    private static GeoIp geo;
    private static long sequence;

    @BeforeAll
    static void open() {
        geo = TestGeoDatabase.open();
    }

    @AfterAll
    static void close() throws Exception {
        geo.close();
    }

    static AuditEvent call(String time, String principal, String name, String ip, String agent, String error) {
        boolean read = name.startsWith("Invoke") || name.startsWith("List") || name.startsWith("Get");
        return new AuditEvent(Instant.parse(time), "evt-" + (++sequence), "bedrock.amazonaws.com", name, "us-east-1",
                "123456789012", principal, "AssumedRole", ip, agent, error, error == null ? null : "not authorized",
                ReportFixtures.SONNET, read, true, null);
    }

    /**
     * The demo's intruder: twelve AccessDenied calls within five minutes, a python-requests agent, an external
     * address and a DeleteGuardrail; beside it a quiet application role calling from inside the VPC.
     */
    static List<AuditEvent> demoWeek() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(call("2026-11-18T03:%02d:%02dZ".formatted(i * 20 / 60, i * 20 % 60), INTRUDER, "InvokeModel", "8.8.8.8", PYTHON_REQUESTS,
                    "AccessDeniedException"));
        }
        events.add(call("2026-11-18T03:10:00Z", INTRUDER, "DeleteGuardrail", "8.8.8.8", PYTHON_REQUESTS, null));
        for (int i = 0; i < 5; i++) {
            events.add(call("2026-11-17T10:0%d:00Z".formatted(i), CHATBOT, "InvokeModel", "10.0.3.7", BOTO3, null));
        }
        return events;
    }

    private static Security security(List<AuditEvent> events, List<Alert> alerts, GeoIp geoIp) {
        ReportBuilder builder = new ReportBuilder(ReportFixtures.settings(), ReportFixtures.PRICES,
                PrincipalNames.none(), new SecurityAnalytics(SecuritySettings.documentedDefaults(), geoIp), null);
        return builder.build(ReportType.SECURITY, ReportFixtures.week(), Rollups.of(ReportFixtures.windows(), events), alerts,
                GENERATED).security();
    }

    @Test
    void theDemoIntruderRatesHighFromAllItsSignalsAndTheWeekTakesItsLevel() {
        Security s = security(demoWeek(), List.of(), GeoIp.off());

        assertThat(s.actors()).hasSize(1);
        ActorRisk intruder = s.actors().get(0);
        assertThat(intruder.principal()).isEqualTo(INTRUDER);
        // 3 (removed a control) + 3 (failed-access spike) + 2 (unrecognised agent) + 1 (external address) = 9: high from 6
        assertThat(intruder.score()).isEqualTo(9);
        assertThat(intruder.level()).isEqualTo("high");
        assertThat(intruder.signals()).containsExactly(
                new Signal("removed a control", 3, "DeleteGuardrail; first DeleteGuardrail (" + ReportFixtures.SONNET
                        + ") at 2026-11-18T03:10:00Z"),
                new Signal("failed-access spike", 3,
                        "12 AccessDenied-class failures (AccessDeniedException x12), 12 of them within 5 minutes (threshold 10)"),
                new Signal("unrecognised user agent", 2, "\"python-requests/2.31.0\" (other) on 13 call(s)"),
                new Signal("external address", 1, "13 call(s) from 8.8.8.8 (public)"));
        assertThat(s.actorsScored()).isEqualTo(1);
        assertThat(s.riskLevel()).isEqualTo("high");
        assertThat(s.risks().get(0)).isEqualTo(new ReportModel.Risk("high", INTRUDER + " scores 9: removed a control (+3), "
                + "failed-access spike (+3), unrecognised user agent (+2), external address (+1)."));
    }

    @Test
    void aNewCountryAlertOnTopMakesTheIntruderCritical() {
        Alert newCountry = new Alert("sec-1", "NEW_GEOGRAPHY", Severity.WARNING, null, INTRUDER,
                new Alert.Window(Instant.parse("2026-11-18T03:00:00Z"), Instant.parse("2026-11-18T03:00:00Z")), 1, 0,
                INTRUDER + " called InvokeModel from 8.8.8.8 in US, a country it had not called from in the 30 days before (its calls then came from DE).");
        Alert lastWeek = new Alert("sec-0", "NEW_GEOGRAPHY", Severity.WARNING, null, CHATBOT,
                new Alert.Window(Instant.parse("2026-11-10T03:00:00Z"), Instant.parse("2026-11-10T03:00:00Z")), 1, 0, "before the period");

        Security s = security(demoWeek(), List.of(newCountry, lastWeek), geo);

        ActorRisk intruder = s.actors().get(0);
        assertThat(intruder.score()).isEqualTo(12);
        assertThat(intruder.level()).isEqualTo("critical");
        assertThat(intruder.signals()).contains(new Signal("called from a new country", 3,
                "1 NEW_GEOGRAPHY alert(s); first: " + newCountry.message()));
        assertThat(intruder.signals()).contains(new Signal("external address", 1, "13 call(s) from 8.8.8.8 (US)"));
        assertThat(intruder.countries()).isEqualTo("US");
        assertThat(s.actors()).extracting(ActorRisk::principal).as("an alert outside the period does not score").containsExactly(INTRUDER);
        assertThat(s.riskLevel()).isEqualTo("critical");
    }

    @Test
    void sourceIpsCarryTheirCountryOrNetworkAndTheReportSaysWhereCountriesCameFrom() {
        Security s = security(demoWeek(), List.of(), geo);

        assertThat(s.geographyOn()).isTrue();
        assertThat(s.geography()).startsWith("Geography from " + TestGeoDatabase.FILE + ": ");
        assertThat(s.topSourceIps()).extracting(ReportModel.SourceIp::ip, ReportModel.SourceIp::country)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("8.8.8.8", "US"), org.assertj.core.groups.Tuple.tuple("10.0.3.7", "private"));
        assertThat(s.countries()).extracting(ReportModel.Count::name, ReportModel.Count::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("US", 13.0), org.assertj.core.groups.Tuple.tuple("private", 5.0));
        assertThat(s.principalActivity()).extracting(ReportModel.PrincipalActivity::countries).containsExactly("US", "private");

        Security off = security(demoWeek(), List.of(), GeoIp.off());
        assertThat(off.geographyOn()).isFalse();
        assertThat(off.geography()).startsWith("Geography is off: monitor.security.geoip-database is not set");
        assertThat(off.topSourceIps()).extracting(ReportModel.SourceIp::country).containsExactly("public", "private");
    }

    @Test
    void cloudTrailAndInvocationLogPrincipalsAreCountedApart() {
        Security s = security(demoWeek(), List.of(), GeoIp.off());

        assertThat(s.principals()).as("CloudTrail principals").isEqualTo(2);
        assertThat(s.invocationLogPrincipals()).isEqualTo(3);
    }

    @Test
    void theReportCommandTakesTheLatestRecordedLoggingCheckAsComplianceEvidence(@TempDir Path dir) throws Exception {
        ReportFixtures.writeRollups(dir.resolve("rollups"));
        new LoggingCheck(Instant.parse("2026-11-20T06:00:00Z"), "eu-west-1", true, "bedrock-logs", "", null, List.of("text"),
                List.of()).save(new FolderStateStore(dir));
        new LoggingCheck(Instant.parse("2026-11-25T06:00:00Z"), "eu-west-1", false, null, null, null, List.of(), List.of())
                .save(new FolderStateStore(dir));

        int exit = Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), "report",
                "--type", "security", "--from", "2026-11-16", "--to", "2026-11-22",
                "--rollups", dir.resolve("rollups").toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isZero();
        JsonNode logging = Json.MAPPER.readTree(dir.resolve("out/reports/security/2026-W47.json").toFile())
                .path("security").path("compliance").get(0);
        assertThat(logging.path("status").asText()).as("the check after the period is not its evidence")
                .isEqualTo("on: S3 s3://bedrock-logs/; data types text");
        assertThat(logging.path("evidence").asText()).isEqualTo("logging status check in eu-west-1");
        assertThat(logging.path("state").asText()).isEqualTo("ok");
    }

    @Test
    void renderedReportShowsActorsCountriesComplianceAndBothPrincipalCounts() {
        ReportBuilder builder = new ReportBuilder(ReportFixtures.settings(), ReportFixtures.PRICES,
                PrincipalNames.none(), new SecurityAnalytics(SecuritySettings.documentedDefaults(), geo), null);
        ReportModel model = builder.build(ReportType.SECURITY, ReportFixtures.week(),
                Rollups.of(ReportFixtures.windows(), demoWeek()), List.of(), GENERATED);
        RenderedReport r = ReportRenderer.create(java.nio.file.Path.of(ReportRenderer.TEMPLATE_FOLDER)).render(model);

        for (String text : new String[] {r.html(), r.text()}) {
            assertThat(text).contains("HIGH", INTRUDER, "failed-access spike", "+3", "US", "private", "Compliance status",
                    "unknown (no evidence in the period)", "2 CloudTrail principals", "3 invocation-log principals");
        }
        assertThat(r.text()).contains("[HIGH 9] " + INTRUDER + " (from US)");
    }
}
