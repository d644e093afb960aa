package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.parse.CloudTrailReader;
import org.bedrockmonitor.parse.Conformance;
import org.junit.jupiter.api.Test;

/**
 * Which CloudTrail samples (third-party and written, src/test/resources/conformance) trigger a detection with the default settings, and why. Each file
 * is one object through a fresh detector (accept, then flush), as {@code analyze} would run it alone.
 */
class ConformanceDetectionsTest {

    private static final String STRATUS_ROLE = "arn:aws:sts::494659789341:assumed-role/test-role/cli";
    private static final String STRATUS_SSO = "arn:aws:sts::847129010505:assumed-role/AWSReservedSSO_DevAdmin_635426549a280cc6/ariel.ropek";
    private static final String CLAUDE_3_SONNET = "anthropic.claude-3-sonnet-20240229-v1:0";

    private static List<Alert> detect(String sample) throws IOException {
        List<AuditEvent> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Conformance.file(sample))) {
            new CloudTrailReader().read(in, events::add);
        }
        StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());
        List<Alert> alerts = new ArrayList<>(detector.accept(events));
        alerts.addAll(detector.flush());
        return alerts;
    }

    /** The detonation deletes the logging configuration (LOGGING_DISABLED) with the stratus agent. */
    @Test
    void stratusLoggingDeleteIsLoggingDisabledAndASuspiciousAgent() throws IOException {
        List<Alert> alerts = detect("stratus-red-team/aws.defense-evasion.bedrock-model-invocation-logging-delete.json");

        assertThat(alerts).extracting(Alert::type, Alert::severity, Alert::principal).containsExactlyInAnyOrder(
                tuple("LOGGING_DISABLED", Severity.CRITICAL, STRATUS_SSO),
                tuple("SUSPICIOUS_USER_AGENT", Severity.WARNING, STRATUS_SSO));
        assertThat(alerts).filteredOn(alert -> alert.type().equals("LOGGING_DISABLED")).singleElement()
                .extracting(Alert::message).asString().contains("deleted the model invocation logging configuration", "8.1.250.216");
        assertThat(alerts).filteredOn(alert -> alert.type().equals("SUSPICIOUS_USER_AGENT")).singleElement()
                .extracting(Alert::message).asString().contains("stratus-red-team_a007fa03-86e2-4130-be03-ee7b7b10edcc", "family other");
    }

    /** DeleteGuardrail is a management change (warning: it removes a control); the agent is stratus's. */
    @Test
    void stratusGuardrailDeleteIsAManagementChangeAndASuspiciousAgent() throws IOException {
        List<Alert> alerts = detect("stratus-red-team/aws.defense-evasion.bedrock-guardrail-delete.json");

        assertThat(alerts).extracting(Alert::type, Alert::severity, Alert::principal).containsExactlyInAnyOrder(
                tuple("MODEL_MANAGEMENT_CHANGE", Severity.WARNING, STRATUS_SSO),
                tuple("SUSPICIOUS_USER_AGENT", Severity.WARNING, STRATUS_SSO));
        assertThat(alerts).filteredOn(alert -> alert.type().equals("MODEL_MANAGEMENT_CHANGE")).singleElement()
                .extracting(Alert::message).asString().contains("called DeleteGuardrail", "8.1.250.216");
    }

    /**
     * The detonation enables model access (entitlement, use case, agreement: three management changes,
     * info) and invokes the model; its 15 calls share one agent, raised once. The 10 availability polls and
     * the read-only calls raise nothing; no failures, no IP rule (no CIDRs, no learnt history).
     */
    @Test
    void stratusInvokeModelIsThreeModelAccessChangesAndOneSuspiciousAgent() throws IOException {
        List<Alert> alerts = detect("stratus-red-team/aws.impact.bedrock-invoke-model.json");

        assertThat(alerts).extracting(Alert::type, Alert::severity, Alert::model).containsExactlyInAnyOrder(
                tuple("MODEL_MANAGEMENT_CHANGE", Severity.INFO, CLAUDE_3_SONNET),
                tuple("MODEL_MANAGEMENT_CHANGE", Severity.INFO, null),
                tuple("MODEL_MANAGEMENT_CHANGE", Severity.INFO, CLAUDE_3_SONNET),
                tuple("SUSPICIOUS_USER_AGENT", Severity.WARNING, CLAUDE_3_SONNET));
        assertThat(alerts).extracting(Alert::principal).containsOnly(STRATUS_ROLE);
        assertThat(alerts).filteredOn(alert -> alert.type().equals("MODEL_MANAGEMENT_CHANGE")).extracting(Alert::message)
                .anySatisfy(message -> assertThat(message).contains("called PutUseCaseForModelAccess from 035.249.253.232"))
                .anySatisfy(message -> assertThat(message).contains("called PutFoundationModelEntitlement for " + CLAUDE_3_SONNET))
                .anySatisfy(message -> assertThat(message).contains("called CreateFoundationModelAgreement for " + CLAUDE_3_SONNET));
    }

    /** Ordinary boto3 runtime calls: nothing suspicious. */
    @Test
    void ordinaryRuntimeSamplesStaySilent() throws IOException {
        assertThat(detect("sumologic-documentation/cloudtrail-bedrock-invokemodel.json")).isEmpty();
        assertThat(detect("written/cloudtrail-converse-bare-event.json")).isEmpty();
    }

    /** Not Bedrock events (EC2, CloudTrail), so nothing reaches the detector. */
    @Test
    void otherServicesEnvelopesStaySilent() throws IOException {
        assertThat(detect("written/cloudtrail-envelope-ec2-startinstances.json")).isEmpty();
        assertThat(detect("written/cloudtrail-envelope-error-trailnotfound.json")).isEmpty();
    }
}
