package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedrockmonitor.security.Events.ALICE;
import static org.bedrockmonitor.security.Events.BOB;
import static org.bedrockmonitor.security.Events.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.Alert.Severity;
import org.bedrockmonitor.alerts.AlertTypes;
import org.bedrockmonitor.parse.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NewGeographyTest {

    private static final String US = "8.8.8.8";
    private static final String US_TOO = "8.8.4.4";
    private static final String NL = "193.0.6.139";

    private static GeoIp geo;

    @BeforeAll
    static void open() {
        geo = TestGeoDatabase.open();
    }

    @AfterAll
    static void close() throws Exception {
        geo.close();
    }

    private static List<Alert> newGeography(StreamingSecurity detector, AuditEvent... events) {
        List<Alert> alerts = new ArrayList<>();
        for (AuditEvent event : events) {
            alerts.addAll(detector.accept(List.of(event)));
        }
        alerts.addAll(detector.flush());
        return alerts.stream().filter(a -> a.type().equals(AlertTypes.NEW_GEOGRAPHY)).toList();
    }

    @Test
    void aPrincipalCallingFromACountryOutsideItsBaselineRaisesOncePerCountryAndDay() {
        StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults(), geo);

        List<Alert> alerts = newGeography(detector,
                event().at("2026-03-01T09:00:00Z").from(US).build(),
                event().at("2026-03-02T09:00:00Z").from(US_TOO).build(),
                event().at("2026-03-02T10:00:00Z").from(NL).build(),
                event().at("2026-03-02T11:00:00Z").from(NL).build());

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.principal()).isEqualTo(ALICE);
        assertThat(alert.window()).isEqualTo(new Alert.Window(Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:00:00Z")));
        assertThat(alert.message()).isEqualTo(ALICE + " called InvokeModel from 193.0.6.139 in NL, a country it had not"
                + " called from in the 30 days before (its calls then came from US).");
        assertThat(detector.state.histories.get(ALICE).countries).containsOnlyKeys("US", "NL");
    }

    @Test
    void countriesOutsideTheBaselineAreForgottenSoAReturnToThemRaisesAgain() {
        StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults(), geo);

        List<Alert> alerts = newGeography(detector,
                event().at("2026-03-01T09:00:00Z").from(US).build(),
                event().at("2026-03-20T09:00:00Z").from(US).build(),
                event().at("2026-04-05T09:00:00Z").from(NL).build(),
                event().at("2026-05-10T09:00:00Z").from(NL).build(),
                event().at("2026-05-11T09:00:00Z").from(US).build());

        assertThat(alerts).extracting(Alert::message).containsExactly(
                ALICE + " called InvokeModel from 193.0.6.139 in NL, a country it had not called from in the 30 days"
                        + " before (its calls then came from US).",
                ALICE + " called InvokeModel from 8.8.8.8 in US, a country it had not called from in the 30 days"
                        + " before (its calls then came from NL).");
    }

    @Test
    void duringItsLearningPeriodAPrincipalsCountriesAreLearntWithoutAlerts() {
        StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults(), geo);

        assertThat(newGeography(detector,
                event().by(BOB).at("2026-03-01T09:00:00Z").from(US).build(),
                event().by(BOB).at("2026-03-01T20:00:00Z").from(NL).build(),
                event().by(BOB).at("2026-03-02T10:00:00Z").from(NL).build())).isEmpty();
        assertThat(detector.state.histories.get(BOB).countries).containsOnlyKeys("US", "NL");
    }

    @Test
    void privateAndAwsInternalSourcesHaveNoCountryAndNeverRaise() {
        StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults(), geo);

        assertThat(newGeography(detector,
                event().at("2026-03-01T09:00:00Z").from(US).build(),
                event().at("2026-03-03T09:00:00Z").from("10.0.4.2").build(),
                event().at("2026-03-03T10:00:00Z").from("AWS Internal").build())).isEmpty();
        assertThat(detector.state.histories.get(ALICE).countries).containsOnlyKeys("US");
    }

    @Test
    void withoutADatabaseNoCountryIsLearntAndNothingIsRaised() {
        StreamingSecurity detector = new StreamingSecurity(TestSettings.defaults());

        assertThat(newGeography(detector,
                event().at("2026-03-01T09:00:00Z").from(US).build(),
                event().at("2026-03-02T10:00:00Z").from(NL).build())).isEmpty();
        assertThat(detector.state.histories.get(ALICE).countries).isEmpty();
    }
}
