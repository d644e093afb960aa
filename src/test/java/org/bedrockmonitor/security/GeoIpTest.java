package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bedrockmonitor.config.UserError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoIpTest {

    private static GeoIp geo;

    @BeforeAll
    static void open() {
        geo = TestGeoDatabase.open();
    }

    @AfterAll
    static void close() throws Exception {
        geo.close();
    }

    @Test
    void publicAddressesArePlacedInTheirCountry() {
        assertThat(geo.enabled()).isTrue();
        assertThat(geo.locate("8.8.8.8")).isEqualTo(new SourceLocation(SourceLocation.Kind.PUBLIC, "US"));
        assertThat(geo.locate("193.0.6.139")).isEqualTo(new SourceLocation(SourceLocation.Kind.PUBLIC, "NL"));
        assertThat(geo.locate("2001:4860:4860::8888")).isEqualTo(new SourceLocation(SourceLocation.Kind.PUBLIC, "US"));
        assertThat(geo.locate("8.8.8.8").label(true)).isEqualTo("US");
    }

    @Test
    void privateLoopbackLinkLocalAndAwsInternalSourcesAreMarkedAndNeverLookedUp() {
        assertThat(geo.locate("10.1.2.3").label(true)).isEqualTo("private");
        assertThat(geo.locate("172.31.0.5").label(true)).isEqualTo("private");
        assertThat(geo.locate("192.168.1.1").label(true)).isEqualTo("private");
        assertThat(geo.locate("100.64.0.1").label(true)).isEqualTo("private");
        assertThat(geo.locate("fd00::1").label(true)).isEqualTo("private");
        assertThat(geo.locate("127.0.0.1").label(true)).isEqualTo("loopback");
        assertThat(geo.locate("169.254.169.254").label(true)).isEqualTo("link-local");
        assertThat(geo.locate("AWS Internal")).isEqualTo(new SourceLocation(SourceLocation.Kind.AWS_INTERNAL, null));
        assertThat(geo.locate("bedrock.amazonaws.com").label(true)).isEqualTo("AWS internal");
        assertThat(geo.locate("10.1.2.3").external()).isFalse();
        assertThat(geo.locate("8.8.8.8").external()).isTrue();
    }

    @Test
    void anAddressTheDatabaseDoesNotPlaceIsUnknownAndGarbageIsNotAnAddress() {
        assertThat(geo.locate("240.0.0.1")).isEqualTo(new SourceLocation(SourceLocation.Kind.PUBLIC, null));
        assertThat(geo.locate("240.0.0.1").label(true)).isEqualTo("unknown");
        assertThat(geo.locate("not-an-address").label(true)).isEqualTo("n/a");
        assertThat(geo.locate(null)).isEqualTo(SourceLocation.NONE);
    }

    @Test
    void withoutADatabaseGeographyIsOffAndSaysSo() {
        GeoIp off = GeoIp.open("  ");
        assertThat(off.enabled()).isFalse();
        assertThat(off.locate("8.8.8.8")).isEqualTo(new SourceLocation(SourceLocation.Kind.PUBLIC, null));
        assertThat(off.locate("8.8.8.8").label(false)).isEqualTo("public");
        assertThat(off.locate("10.0.0.1").label(false)).isEqualTo("private");
        assertThat(off.status()).isEqualTo("Geography is off: monitor.security.geoip-database is not set, so source "
                + "addresses are not placed in countries and NEW_GEOGRAPHY is not raised.");
        assertThat(geo.status()).startsWith("Geography from " + TestGeoDatabase.FILE + ": ");
    }

    @Test
    void aMissingOrUnreadableFileIsOneSentenceNamingTheKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> GeoIp.open(dir.resolve("nope.mmdb").toString()))
                .isInstanceOf(UserError.class)
                .hasMessage("monitor.security.geoip-database=" + dir.resolve("nope.mmdb")
                        + ": no such file (expected a MaxMind DB country database, .mmdb)");
        Path text = Files.writeString(dir.resolve("countries.csv"), "1.0.0.0,1.0.0.255,AU\n");
        assertThatThrownBy(() -> GeoIp.open(text.toString()))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("monitor.security.geoip-database=" + text + " is not a MaxMind DB file it can read (");
    }
}
