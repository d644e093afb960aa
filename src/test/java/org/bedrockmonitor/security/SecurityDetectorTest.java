package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedrockmonitor.security.Events.ALICE;
import static org.bedrockmonitor.security.Events.BOB;
import static org.bedrockmonitor.security.Events.MODEL;
import static org.bedrockmonitor.security.Events.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.parse.AuditEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SecurityDetectorTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static List<Alert> run(StreamingSecurity detector, List<AuditEvent> events) {
        List<Alert> alerts = new ArrayList<>(detector.accept(events));
        alerts.addAll(detector.flush());
        return alerts;
    }

    private static List<AuditEvent> failures(int count, String principal, String ip, String errorCode) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event().at(T0.plusSeconds(20L * i)).by(principal).from(ip).failing(errorCode).build());
        }
        return events;
    }

    @Nested
    class FailedAuthSpike {

        @Test
        void twelveAccessDeniedByOnePrincipalInFiveMinutesRaiseOneSpikeOnceTheWindowEnds() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());

            assertThat(detector.accept(failures(12, ALICE, "203.0.113.7", "AccessDeniedException")))
                    .as("window 10:00-10:05 still open").isEmpty();
            List<Alert> alerts = detector.accept(List.of(event().at("2026-03-02T10:05:00Z").build()));

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.type()).isEqualTo("FAILED_AUTH_SPIKE");
            assertThat(alert.severity()).isEqualTo(Severity.WARNING);
            assertThat(alert.principal()).isEqualTo(ALICE);
            assertThat(alert.model()).isEqualTo(MODEL);
            assertThat(alert.observed()).isEqualTo(12);
            assertThat(alert.threshold()).isEqualTo(10);
            assertThat(alert.window()).isEqualTo(new Alert.Window(T0, T0.plus(Duration.ofMinutes(5))));
            assertThat(alert.message()).contains("12 AccessDenied-class errors", "AccessDeniedException x12", ALICE,
                    "1 source IP (203.0.113.7)", "threshold 10");
            assertThat(detector.flush()).as("nothing left once raised").isEmpty();
        }

        @Test
        void exactlyTheThresholdStaysSilent() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());

            assertThat(run(detector, failures(10, ALICE, "203.0.113.7", "AccessDenied"))).isEmpty();
        }

        @Test
        void oneAddressFailingForElevenPrincipalsIsASpikePerSourceIp() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                events.add(event().at(T0.plusSeconds(10L * i)).by("arn:aws:iam::111122223333:user/u" + i)
                        .from("203.0.113.9").failing(i % 2 == 0 ? "UnrecognizedClientException" : "ExpiredToken").build());
            }

            List<Alert> alerts = run(detector, events);

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.type()).isEqualTo("FAILED_AUTH_SPIKE");
            assertThat(alert.principal()).as("many principals").isNull();
            assertThat(alert.observed()).isEqualTo(11);
            assertThat(alert.message()).contains("from 203.0.113.9", "11 principals", "ExpiredToken x5",
                    "UnrecognizedClientException x6");
        }

        @Test
        void throttlingAndValidationErrorsAreNotAuthFailures() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
            List<AuditEvent> events = new ArrayList<>(failures(15, ALICE, "203.0.113.7", "ThrottlingException"));
            events.addAll(failures(15, ALICE, "203.0.113.7", "ValidationException"));

            assertThat(run(detector, events)).isEmpty();
        }

        @Test
        void windowsAreEpochAlignedSoABurstSplitAcrossTwoIsCountedApart() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                events.add(event().at(Instant.parse("2026-03-02T10:04:00Z").plusSeconds(10L * i))
                        .from("203.0.113.7").failing("AccessDenied").build());
            }

            assertThat(run(detector, events)).as("6 in 10:00-10:05 and 6 in 10:05-10:10").isEmpty();
        }

        @Test
        void anotherDetectorGivesTheSameIdInAnyEventOrder() {
            List<AuditEvent> events = failures(11, ALICE, "203.0.113.7", "AccessDeniedException");
            StreamingSecurity first = new StreamingSecurity(TestSettings.defaults());
            List<Alert> raised = run(first, events);

            StreamingSecurity second = new StreamingSecurity(TestSettings.defaults());
            List<Alert> replayed = new ArrayList<>(second.accept(events.subList(6, 11)));
            replayed.addAll(second.accept(events.subList(0, 6)));
            replayed.addAll(second.flush());

            assertThat(raised).hasSize(1);
            assertThat(replayed).extracting(Alert::id).containsExactly(raised.get(0).id());
        }

        @Test
        void aLateFailureJudgedAgainFromTheStateBeforeItsWindowRaisesTheSameIdWithTheNewCount() {
            List<AuditEvent> burst = new ArrayList<>(failures(11, ALICE, "203.0.113.7", "AccessDeniedException"));
            burst.add(event().at("2026-03-02T10:06:00Z").build());
            List<Alert> first = new StreamingSecurity(TestSettings.defaults()).accept(burst);

            // detection replays a window that got late rows from the checkpoint before it: a fresh state here
            List<AuditEvent> withLate = new ArrayList<>(burst);
            withLate.add(event().at("2026-03-02T10:04:59Z").from("203.0.113.7").failing("AccessDeniedException").build());
            List<Alert> replayed = new StreamingSecurity(TestSettings.defaults()).accept(withLate);

            assertThat(first).extracting(Alert::observed).containsExactly(11.0);
            assertThat(replayed).extracting(Alert::observed).containsExactly(12.0);
            assertThat(replayed.get(0).id()).isEqualTo(first.get(0).id());
        }
    }

    @Nested
    class UnusualAccess {

        private final SecuritySettings cidrs = TestSettings.with(Map.of(
                "monitor.security.unusual-access.allowed-cidrs", "10.0.0.0/8, 2001:db8::/32"));

        @Test
        void addressesOutsideTheAllowedNetworksAlertOncePerPrincipalAddressAndDay() {
            StreamingSecurity detector = new StreamingSecurity(cidrs);
            List<AuditEvent> events = List.of(
                    event().at("2026-03-02T10:00:00Z").from("10.1.2.3").build(),
                    event().at("2026-03-02T10:01:00Z").from("2001:db8::5").build(),
                    event().at("2026-03-02T10:02:00Z").from("::ffff:10.9.9.9").build(),
                    event().at("2026-03-02T10:03:00Z").asService("bedrock.amazonaws.com").build(),
                    event().at("2026-03-02T10:04:00Z").from("AWS Internal").build(),
                    event().at("2026-03-02T10:05:00Z").from("198.51.100.7").build(),
                    event().at("2026-03-02T11:05:00Z").from("198.51.100.7").build(),
                    event().at("2026-03-02T12:00:00Z").from("2001:dba::1").build(),
                    event().at("2026-03-03T09:00:00Z").from("198.51.100.7").build());

            List<Alert> alerts = run(detector, events);

            assertThat(alerts).extracting(Alert::type).containsOnly("UNUSUAL_ACCESS");
            assertThat(alerts).extracting(Alert::principal).containsOnly(ALICE);
            assertThat(alerts).extracting(alert -> alert.window().from()).containsExactly(
                    Instant.parse("2026-03-02T10:05:00Z"), Instant.parse("2026-03-02T12:00:00Z"),
                    Instant.parse("2026-03-03T09:00:00Z"));
            assertThat(alerts.get(0).message()).contains("198.51.100.7", "outside the allowed networks", "10.0.0.0/8");
            assertThat(alerts.get(1).message()).contains("2001:dba:0:0:0:0:0:1");
            assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates();
        }

        @Test
        void aNewAddressAfterTheLearningPeriodAlertsOnce() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
            List<AuditEvent> history = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                history.add(event().at(T0.plus(Duration.ofHours(3L * i))).from(i % 2 == 0 ? "198.51.100.10" : "198.51.100.11").build());
            }
            Instant later = T0.plus(Duration.ofDays(8));

            assertThat(detector.accept(history)).as("8 days from two known addresses").isEmpty();
            List<Alert> alerts = detector.accept(List.of(
                    event().at(later).from("203.0.113.50").build(),
                    event().at(later.plusSeconds(60)).from("203.0.113.50").build()));

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.type()).isEqualTo("UNUSUAL_ACCESS");
            assertThat(alert.severity()).isEqualTo(Severity.WARNING);
            assertThat(alert.principal()).isEqualTo(ALICE);
            assertThat(alert.model()).isEqualTo(MODEL);
            assertThat(alert.threshold()).isEqualTo(50);
            assertThat(alert.message()).contains("203.0.113.50", "not used in 64 calls since 2026-03-02T10:00:00Z");
        }

        @Test
        void newAddressesDuringLearningAreLearntNotAlerted() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
            List<AuditEvent> busyFirstDay = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                busyFirstDay.add(event().at(T0.plusSeconds(300L * i)).by(BOB).from("198.51.100." + (i % 30)).build());
            }
            busyFirstDay.add(event().at(T0.plus(Duration.ofDays(1))).by(BOB).from("203.0.113.99").build());

            assertThat(run(detector, busyFirstDay)).as("100 calls but only one day of history").isEmpty();
        }

        @Test
        void newAddressDetectionCanBeSwitchedOff() {
            StreamingSecurity detector = new StreamingSecurity(
                    TestSettings.with(Map.of("monitor.security.unusual-access.new-ip", "false")));
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                events.add(event().at(T0.plus(Duration.ofHours(3L * i))).build());
            }
            events.add(event().at(T0.plus(Duration.ofDays(9))).from("203.0.113.50").build());

            assertThat(run(detector, events)).isEmpty();
        }
    }

    @Nested
    class SuspiciousUserAgent {

        @Test
        void anAgentOutsideTheKnownFamiliesAlertsOncePerPrincipalAgentAndDay() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
            List<AuditEvent> events = List.of(
                    event().at("2026-03-02T10:00:00Z").agent("python-requests/2.31.0").build(),
                    event().at("2026-03-02T10:01:00Z").agent("python-requests/2.31.0").build(),
                    event().at("2026-03-02T10:02:00Z").by(BOB).agent("curl/8.5.0").named("ListFoundationModels").build());

            List<Alert> alerts = run(detector, events);

            assertThat(alerts).extracting(Alert::type).containsOnly("SUSPICIOUS_USER_AGENT");
            assertThat(alerts).extracting(Alert::principal).containsExactly(ALICE, BOB);
            assertThat(alerts.get(0).model()).isEqualTo(MODEL);
            assertThat(alerts.get(0).message()).contains("\"python-requests/2.31.0\"", "family other", "InvokeModel", "198.51.100.10");
            assertThat(alerts.get(1).message()).contains("\"curl/8.5.0\"", "ListFoundationModels");
        }

        @Test
        void knownFamiliesStaySilent() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
            List<AuditEvent> events = List.of(
                    event().agent(Events.BOTO3).build(),
                    event().agent("aws-cli/2.15.0 Python/3.11.6 Linux/6.5 exe/x86_64.ubuntu.22").build(),
                    event().agent("console.amazonaws.com").build(),
                    event().agent("Terraform/1.7.0 (+https://www.terraform.io) terraform-provider-aws/5.40.0").build(),
                    event().agent("aws-sdk-java/2.25.0 Linux/6.5 OpenJDK_64-Bit_Server_VM/17").build(),
                    event().agent("aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22").build(),
                    event().agent("cloudformation.amazonaws.com").build(),
                    event().asService("bedrock.amazonaws.com").build(),
                    event().agent(null).build());

            assertThat(run(detector, events)).isEmpty();
        }

        @Test
        void theAllowedFamiliesAreConfigurable() {
            StreamingSecurity detector = new StreamingSecurity(
                    TestSettings.with(Map.of("monitor.security.user-agent.allowed-families", "boto3")));

            List<Alert> alerts = run(detector, List.of(
                    event().agent(Events.BOTO3).build(),
                    event().agent("aws-cli/2.15.0 Python/3.11.6").build()));

            assertThat(alerts).extracting(Alert::message).singleElement().asString().contains("family aws-cli");
        }
    }

    @Nested
    class ControlPlaneChanges {

        @Test
        void everyListedManagementCallIsReportedWithDeletesAsWarnings() {
            SecuritySettings settings = TestSettings.defaults();
            StreamingSecurity detector = new StreamingSecurity(settings);
            List<String> names = settings.managementEventNames().stream()
                    .filter(name -> !name.equals("PutModelInvocationLoggingConfiguration")).toList();
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                events.add(event().at(T0.plusSeconds(i)).named(names.get(i)).build());
            }

            List<Alert> alerts = run(detector, events);

            assertThat(alerts).extracting(Alert::type).containsOnly("MODEL_MANAGEMENT_CHANGE");
            assertThat(alerts).hasSize(names.size());
            for (int i = 0; i < names.size(); i++) {
                Alert alert = alerts.get(i);
                String name = names.get(i);
                assertThat(alert.message()).contains(ALICE + " called " + name + " for " + MODEL, "198.51.100.10");
                assertThat(alert.severity()).as(name).isEqualTo(
                        name.startsWith("Delete") || name.startsWith("Stop") ? Severity.WARNING : Severity.INFO);
                assertThat(alert.principal()).isEqualTo(ALICE);
                assertThat(alert.model()).isEqualTo(MODEL);
            }
            assertThat(names).contains("CreateCustomModel", "CreateModelCustomizationJob", "CreateProvisionedModelThroughput",
                    "PutFoundationModelEntitlement", "CreateFoundationModelAgreement", "CreateGuardrail", "UpdateGuardrail",
                    "DeleteGuardrail", "CreateInferenceProfile", "DeleteInferenceProfile");
        }

        @Test
        void failedAndReadOnlyCallsAreNotChanges() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());

            assertThat(run(detector, List.of(
                    event().named("DeleteGuardrail").failing("ValidationException").build(),
                    event().named("DeleteModelInvocationLoggingConfiguration").failing("AccessDeniedException").build(),
                    event().named("GetGuardrail").build(),
                    event().named("ListCustomModels").build()))).isEmpty();
        }

        @Test
        void deletingTheLoggingConfigurationIsCritical() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());

            List<Alert> alerts = run(detector, List.of(
                    event().named("DeleteModelInvocationLoggingConfiguration").model(null).from("203.0.113.8").build()));

            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.type()).isEqualTo("LOGGING_DISABLED");
                assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(alert.principal()).isEqualTo(ALICE);
                assertThat(alert.message()).contains(ALICE, "deleted the model invocation logging configuration", "203.0.113.8");
            });
        }

        @Test
        void aLoggingPutIsJudgedByWhatCloudTrailShowsOfTheNewSettings() {
            StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
            String put = "PutModelInvocationLoggingConfiguration";

            List<Alert> alerts = run(detector, List.of(
                    event().at("2026-03-02T10:00:00Z").named(put).model(null).delivery(false).build(),
                    event().at("2026-03-02T10:01:00Z").named(put).model(null).delivery(null).build(),
                    event().at("2026-03-02T10:02:00Z").named(put).model(null).delivery(true).build()));

            assertThat(alerts).extracting(Alert::type, Alert::severity).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("LOGGING_DISABLED", Severity.CRITICAL),
                    org.assertj.core.groups.Tuple.tuple("LOGGING_DISABLED", Severity.WARNING),
                    org.assertj.core.groups.Tuple.tuple("MODEL_MANAGEMENT_CHANGE", Severity.INFO));
            assertThat(alerts.get(0).message()).contains("so that no logs are delivered");
            assertThat(alerts.get(1).message()).contains("CloudTrail does not show the new settings");
        }

        @Test
        void perEventAlertIdsAreStableAcrossDetectors() {
            AuditEvent delete = event().named("DeleteGuardrail").build();

            String first = run(new StreamingSecurity(TestSettings.defaults()), List.of(delete)).get(0).id();
            String second = run(new StreamingSecurity(TestSettings.defaults()), List.of(delete)).get(0).id();

            assertThat(first).isEqualTo(second).startsWith("sec-");
        }
    }

    @Test
    void eventsWithoutPrincipalAddressOrAgentAreStillCounted() {
        StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            events.add(new AuditEvent(T0.plusSeconds(i), null, "bedrock.amazonaws.com", "InvokeModel", null, null,
                    null, null, null, null, "AccessDenied", null, null, true, true));
        }

        assertThat(run(detector, events)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo("FAILED_AUTH_SPIKE");
            assertThat(alert.principal()).isEqualTo("unknown");
            assertThat(alert.message()).contains("from no source IP");
        });
    }

    @Test
    void aCleanGeneratedWeekStaysSilent() {
        Random random = new Random(42);
        String[] principals = {ALICE, BOB, "arn:aws:sts::111122223333:assumed-role/lambda-summariser/fn"};
        String[][] addresses = {{"198.51.100.10", "198.51.100.11"}, {"10.20.30.40", "10.20.30.41"}, {"2001:db8:1::7", "2001:db8:1::8"}};
        String[] agents = {Events.BOTO3, "aws-cli/2.15.0 Python/3.11.6", "aws-sdk-java/2.25.0 Linux/6.5"};
        String[] names = {"InvokeModel", "Converse", "ConverseStream", "InvokeModelWithResponseStream", "GetFoundationModel"};
        StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
        List<Alert> alerts = new ArrayList<>();
        List<AuditEvent> batch = new ArrayList<>();
        int accessDenied = 0;
        int events = 0;
        for (Instant time = T0; time.isBefore(T0.plus(Duration.ofDays(8))); time = time.plusSeconds(60 + random.nextInt(240))) {
            int who = random.nextInt(principals.length);
            double roll = random.nextDouble();
            String error = roll < 0.02 ? "ThrottlingException" : roll < 0.03 ? "ValidationException"
                    : roll < 0.04 ? "AccessDeniedException" : null;
            if ("AccessDeniedException".equals(error)) {
                accessDenied++;
            }
            batch.add(event().at(time).by(principals[who]).from(addresses[who][random.nextInt(2)])
                    .agent(agents[who]).named(names[random.nextInt(names.length)]).failing(error).build());
            events++;
            if (batch.size() == 200) {
                alerts.addAll(detector.accept(batch));
                batch = new ArrayList<>();
            }
        }
        alerts.addAll(detector.accept(batch));
        alerts.addAll(detector.flush());

        assertThat(events).isGreaterThan(2000);
        assertThat(accessDenied).as("the failure rule was exercised").isGreaterThan(10);
        assertThat(alerts).isEmpty();
    }
}
