package org.bedrockmonitor.security;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import org.bedrockmonitor.config.UserError;

/**
 * Offline country lookup of CloudTrail source addresses in a MaxMind DB file the operator supplies
 * ({@code monitor.security.geoip-database}): a GeoIP2/GeoLite2 Country or City database
 * ({@code country.iso_code}, else {@code registered_country.iso_code}) or a database whose records hold
 * {@code country_code}, as the ip-location-db country databases do. No network access, no download.
 * Without a database geography is off: every public address is "public", and nothing is raised about
 * countries.
 */
public final class GeoIp implements AutoCloseable {

    private static final String AWS_INTERNAL = "aws internal";

    private final Reader reader;
    private final String status;

    private GeoIp(Reader reader, String status) {
        this.reader = reader;
        this.status = status;
    }

    public static GeoIp off() {
        return new GeoIp(null, "Geography is off: " + SecuritySettings.GEOIP_DATABASE
                + " is not set, so source addresses are not placed in countries and NEW_GEOGRAPHY is not raised.");
    }

    /** The database at {@code path}, or geography off when it is blank; a file that cannot be used is one sentence. */
    public static GeoIp open(String path) {
        if (path == null || path.isBlank()) {
            return off();
        }
        Path file = Path.of(path.trim());
        String key = SecuritySettings.GEOIP_DATABASE + "=" + path.trim();
        if (!Files.isRegularFile(file)) {
            throw new UserError(key + ": no such file (expected a MaxMind DB country database, .mmdb)");
        }
        try {
            Reader reader = new Reader(file.toFile(), new CHMCache());
            var metadata = reader.getMetadata();
            return new GeoIp(reader, "Geography from " + file + ": " + metadata.databaseType() + ", built "
                    + metadata.buildTime().atOffset(ZoneOffset.UTC).toLocalDate() + ".");
        } catch (IOException | RuntimeException notADatabase) {
            throw new UserError(key + " is not a MaxMind DB file it can read (" + notADatabase.getMessage() + ")");
        }
    }

    public boolean enabled() {
        return reader != null;
    }

    /** One sentence for the start-up log and the security report: which database, or that geography is off. */
    public String status() {
        return status;
    }

    /** Where {@code sourceIp} (CloudTrail's {@code sourceIPAddress}) lies. */
    public SourceLocation locate(String sourceIp) {
        if (sourceIp == null || sourceIp.isBlank()) {
            return SourceLocation.NONE;
        }
        byte[] address = IpAddresses.parse(sourceIp);
        if (address == null) {
            String text = sourceIp.trim().toLowerCase(Locale.ROOT);
            boolean aws = text.equals(AWS_INTERNAL) || text.endsWith(".amazonaws.com") && text.indexOf(' ') < 0;
            return aws ? new SourceLocation(SourceLocation.Kind.AWS_INTERNAL, null) : SourceLocation.NONE;
        }
        return switch (IpAddresses.network(address)) {
            case PRIVATE -> new SourceLocation(SourceLocation.Kind.PRIVATE, null);
            case LOOPBACK -> new SourceLocation(SourceLocation.Kind.LOOPBACK, null);
            case LINK_LOCAL -> new SourceLocation(SourceLocation.Kind.LINK_LOCAL, null);
            case PUBLIC -> new SourceLocation(SourceLocation.Kind.PUBLIC, country(address));
        };
    }

    private String country(byte[] address) {
        if (reader == null) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> record = reader.get(InetAddress.getByAddress(address), Map.class);
            if (record == null) {
                return null;
            }
            Object code = record.get("country_code");
            if (code == null) {
                code = isoCode(record.get("country"));
            }
            if (code == null) {
                code = isoCode(record.get("registered_country"));
            }
            return code instanceof String text && text.matches("[A-Za-z]{2}") ? text.toUpperCase(Locale.ROOT) : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static Object isoCode(Object country) {
        return country instanceof Map<?, ?> map ? map.get("iso_code") : null;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
