package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedrockmonitor.security.Events.ALICE;
import static org.bedrockmonitor.security.Events.MODEL;
import static org.bedrockmonitor.security.Events.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.AlertTypes;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.parse.AuditEvent;
import org.junit.jupiter.api.Test;

class ExfiltrationIndicatorTest {

    private final SecurityDetector detector = new SecurityDetector(TestSettings.defaults());

    private static WindowStats row(Instant hour, String model, long calls, long outputTokens) {
        Stats stats = new Stats();
        stats.invocations = calls;
        stats.outputTokens = outputTokens;
        return new WindowStats(hour, 3600, model, ALICE, "", true, stats);
    }

    /** One hour-wide detection window per call, in order, as a detection run feeds them. */
    private List<Alert> hour(SecurityState state, Instant hour, WindowStats... rows) {
        return detector.judge(state, hour, List.of(rows), List.of(), hour.plusSeconds(3600)).stream()
                .filter(a -> a.type().equals(AlertTypes.EXFILTRATION_INDICATOR)).toList();
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    /** Eight active hours 08:00-15:00 whose output tokens have median 10,000 and MAD 1,000, calls median 100. */
    private SecurityState baseline() {
        long[] tokens = {10_000, 12_000, 11_000, 9_000, 10_000, 13_000, 8_000, 10_000};
        long[] calls = {100, 110, 90, 100, 105, 95, 100, 100};
        SecurityState state = new SecurityState();
        for (int i = 0; i < tokens.length; i++) {
            Instant hour = at("2026-03-02T08:00:00Z").plusSeconds(3600L * i);
            assertThat(hour(state, hour, row(hour, MODEL, calls[i], tokens[i]))).isEmpty();
        }
        return state;
    }

    @Test
    void outputTokensAndCallsFarAboveThePrincipalsOwnTypicalHourRaiseOneAlertWithTheNumbers() throws Exception {
        SecurityState state = baseline();
        // the detection state is a checkpoint in the shared store: the next replica continues from its JSON
        SecurityState restored = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(state), SecurityState.class);

        Instant sixteen = at("2026-03-02T16:00:00Z");
        assertThat(hour(restored, sixteen, row(sixteen, MODEL, 2_000, 500_000))).as("the hour is still open").isEmpty();
        List<Alert> alerts = hour(restored, at("2026-03-02T17:00:00Z"));

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.principal()).isEqualTo(ALICE);
        assertThat(alert.model()).isEqualTo(MODEL);
        assertThat(alert.window()).isEqualTo(new Alert.Window(sixteen, at("2026-03-02T17:00:00Z")));
        assertThat(alert.observed()).isEqualTo(500_000);
        assertThat(alert.threshold()).isEqualTo(10_000);
        // tokens: (500,000 - 10,000) / max(1.4826 x 1,000, 0.25 x 10,000) = 196.0; calls: (2,000 - 100) / max(1.4826 x 2.5, 25) = 76.0
        assertThat(alert.message()).isEqualTo(ALICE + ": possible data exfiltration in the hour from 2026-03-02T16:00:00Z: "
                + "500,000 output tokens against a typical hour of 10,000 (robust score 196.0, threshold 6, over 8 active hours); "
                + "2,000 calls against a typical hour of 100 (robust score 76.0, threshold 6).");
    }

    @Test
    void aHighScoreBelowTheMinimumVolumeIsNoIndicator() {
        SecurityState state = baseline();
        Instant sixteen = at("2026-03-02T16:00:00Z");
        hour(state, sixteen, row(sixteen, MODEL, 400, 99_999));

        assertThat(hour(state, at("2026-03-02T17:00:00Z"))).isEmpty();
        assertThat(state.usageHistory.get(ALICE)).hasSize(9);
    }

    @Test
    void aBulkReadInAnHourOfDayThePrincipalNeverUsesIsAnIndicatorOnceItsBaselineSpansFiveDays() {
        SecurityState state = new SecurityState();
        for (int day = 2; day <= 6; day++) {
            for (String time : List.of("09", "14")) {
                Instant hour = at("2026-03-0" + day + "T" + time + ":00:00Z");
                assertThat(hour(state, hour, row(hour, MODEL, 50, 20_000))).isEmpty();
            }
        }
        Instant night = at("2026-03-07T03:00:00Z");
        hour(state, night, row(night, MODEL, 50, 60_000));
        List<Alert> alerts = hour(state, at("2026-03-07T04:00:00Z"));

        // 60,000 tokens score (60,000 - 20,000) / (0.25 x 20,000) = 8.0, but stay under the 100,000 volume minimum
        assertThat(alerts).extracting(Alert::message).containsExactly(ALICE
                + ": possible data exfiltration in the hour from 2026-03-07T03:00:00Z: a bulk read of 60,000 output tokens"
                + " at 03:00 UTC, an hour of day it did not use on any of its 5 active days (usual hours 09, 14 UTC; bulk from 50,000).");

        Instant nextNight = at("2026-03-08T02:00:00Z");
        hour(state, nextNight, row(nextNight, MODEL, 50, 49_999));
        assertThat(hour(state, at("2026-03-08T03:00:00Z"))).as("below the bulk size").isEmpty();
    }

    @Test
    void aPrincipalsFirstHoursHaveNoBaselineSoManyModelsInThemAreNoIndicator() {
        SecurityState state = new SecurityState();
        for (int i = 0; i < 8; i++) {
            Instant hour = at("2026-03-02T08:00:00Z").plusSeconds(3600L * i);
            List<WindowStats> rows = new ArrayList<>();
            for (String model : List.of(MODEL, "amazon.nova-pro-v1:0", "amazon.nova-lite-v1:0", "meta.llama3-70b-instruct-v1:0",
                    "mistral.mistral-large-2402-v1:0", "amazon.titan-text-express-v1")) {
                rows.add(row(hour, model, 2, 100));
            }
            assertThat(hour(state, hour, rows.toArray(WindowStats[]::new))).as("hour %d", i).isEmpty();
        }
        assertThat(hour(state, at("2026-03-02T16:00:00Z"))).isEmpty();
    }

    @Test
    void onlyOneModelMoreThanAManyModelPrincipalsBusiestHourIsNoIndicator() {
        SecurityState state = new SecurityState();
        List<String> models = List.of(MODEL, "amazon.nova-pro-v1:0", "amazon.nova-lite-v1:0", "meta.llama3-70b-instruct-v1:0",
                "mistral.mistral-large-2402-v1:0", "amazon.titan-text-express-v1", "cohere.command-r-v1:0");
        for (int i = 0; i <= 8; i++) {
            Instant hour = at("2026-03-02T00:00:00Z").plusSeconds(3600L * i);
            List<WindowStats> rows = new ArrayList<>();
            // six models an hour, then seven: more than ever, but not twice the typical six
            for (String model : models.subList(0, i < 8 ? 6 : 7)) {
                rows.add(row(hour, model, 2, 100));
            }
            hour(state, hour, rows.toArray(WindowStats[]::new));
        }
        assertThat(hour(state, at("2026-03-02T09:00:00Z"))).isEmpty();
    }

    @Test
    void moreDistinctModelsInAnHourThanEverBeforeIsAnIndicator() {
        SecurityState state = new SecurityState();
        for (int i = 0; i < 8; i++) {
            Instant hour = at("2026-03-02T00:00:00Z").plusSeconds(3600L * i);
            hour(state, hour, row(hour, MODEL, 10, 1_000), row(hour, "amazon.nova-pro-v1:0", 10, 1_000));
        }
        Instant second = at("2026-03-02T09:00:00Z");
        List<WindowStats> five = new ArrayList<>();
        for (String model : List.of(MODEL, "amazon.nova-pro-v1:0", "amazon.nova-lite-v1:0", "meta.llama3-70b-instruct-v1:0",
                "mistral.mistral-large-2402-v1:0")) {
            five.add(row(second, model, 2, 100));
        }
        assertThat(hour(state, second, five.toArray(WindowStats[]::new))).isEmpty();
        List<Alert> alerts = hour(state, at("2026-03-02T10:00:00Z"));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).model()).as("several models").isNull();
        assertThat(alerts.get(0).message()).isEqualTo(ALICE + ": possible data exfiltration in the hour from 2026-03-02T09:00:00Z: "
                + "5 distinct models in the hour (typically 2, at most 2 in any earlier hour; threshold 5).");
        assertThat(state.usageHistory.get(ALICE).peekLast().models).as("only the count is kept once judged").isEmpty();
        assertThat(state.usageHistory.get(ALICE).peekLast().distinctModels).isEqualTo(5);
    }

    @Test
    void aBurstOfMoreThanThirtyManagementReadsInTenMinutesIsAnIndicator() {
        SecurityState state = new SecurityState();
        List<AuditEvent> reads = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            reads.add(event().named(i < 20 ? "ListFoundationModels" : "GetFoundationModel")
                    .at(at("2026-03-02T10:00:00Z").plusSeconds(15L * i)).from("203.0.113.9").build());
        }
        for (int i = 0; i < 30; i++) {
            reads.add(event().named("ListCustomModels").at(at("2026-03-02T10:10:00Z").plusSeconds(15L * i)).build());
        }
        reads.add(event().named("ListGuardrails").failing("AccessDeniedException").at("2026-03-02T10:11:00Z").build());

        List<Alert> alerts = new ArrayList<>(detector.judge(state, reads, at("2026-03-02T10:30:00Z")));
        alerts.removeIf(a -> !a.type().equals(AlertTypes.EXFILTRATION_INDICATOR));

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.window()).isEqualTo(new Alert.Window(at("2026-03-02T10:00:00Z"), at("2026-03-02T10:10:00Z")));
        assertThat(alert.observed()).isEqualTo(31);
        assertThat(alert.threshold()).isEqualTo(30);
        assertThat(alert.message()).isEqualTo(ALICE + ": possible data exfiltration: a burst of 31 List/Get management reads"
                + " (ListFoundationModels x20, GetFoundationModel x11) within 10 minutes from 203.0.113.9 (threshold 30).");
        assertThat(state.readWindows).as("judged windows are dropped").isEmpty();
    }

    @Test
    void theSameInputGivesTheSameAlertIds() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (List<String> ids : List.of(first, second)) {
            SecurityState state = baseline();
            Instant sixteen = at("2026-03-02T16:00:00Z");
            hour(state, sixteen, row(sixteen, MODEL, 2_000, 500_000));
            detector.finish(state).forEach(a -> ids.add(a.id()));
        }
        assertThat(first).hasSize(1).isEqualTo(second);
    }
}
