package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedrockmonitor.security.Events.ALICE;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.parse.AuditEvent;
import org.junit.jupiter.api.Test;

/** Stopping or deleting a CloudTrail trail is LOGGING_DISABLED; the other compliance calls raise nothing. */
class TrailLoggingTest {

    private static AuditEvent trailCall(String name, String error, Map<String, String> details) {
        return new AuditEvent(Instant.parse("2026-03-02T10:00:00Z"), "evt-" + name + error, "cloudtrail.amazonaws.com", name,
                "us-east-1", "111122223333", ALICE, "IAMUser", "198.51.100.10", "aws-cli/2.15.0", error, null, null, false,
                true, null, details);
    }

    @Test
    void stopLoggingAndDeleteTrailAreCriticalLoggingDisabledAlerts() {
        StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());

        List<Alert> alerts = detector.accept(List.of(
                trailCall("StopLogging", null, Map.of("trail", "main")),
                trailCall("DeleteTrail", null, Map.of()),
                trailCall("StopLogging", "AccessDenied", Map.of("trail", "main")),
                trailCall("UpdateTrail", null, Map.of("trail", "main", "logFileValidation", "false"))));

        assertThat(alerts).extracting(Alert::type).containsOnly("LOGGING_DISABLED");
        assertThat(alerts).extracting(Alert::severity).containsOnly(Severity.CRITICAL);
        assertThat(alerts).extracting(Alert::message).containsExactlyInAnyOrder(
                ALICE + " stopped logging of CloudTrail trail main from 198.51.100.10: API calls are no longer recorded by it.",
                ALICE + " deleted CloudTrail trail (trail not named) from 198.51.100.10: API calls are no longer recorded by it.");
        assertThat(detector.state.histories).as("not a Bedrock call: no address history").isEmpty();
    }
}
