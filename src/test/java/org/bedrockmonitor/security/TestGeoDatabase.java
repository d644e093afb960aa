package org.bedrockmonitor.security;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CC0 IP-to-country database (MaxMind DB format) that {@code npm ci} installs from the npm package
 * {@code @ip-location-db/geo-whois-asn-country-mmdb} (package.json); when it is missing the test fails and
 * says so, it never skips.
 */
public final class TestGeoDatabase {

    public static final Path FILE = Path.of("node_modules", "@ip-location-db", "geo-whois-asn-country-mmdb",
            "geo-whois-asn-country.mmdb");

    private TestGeoDatabase() {
    }

    public static GeoIp open() {
        if (!Files.isRegularFile(FILE)) {
            throw new IllegalStateException("the test country database is not installed: run `npm ci` in the project folder (expected "
                    + FILE.toAbsolutePath() + ")");
        }
        return GeoIp.open(FILE.toString());
    }
}
