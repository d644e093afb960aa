package org.bedrockmonitor.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/** The security settings as documented in the bundled application.properties, with test overrides. */
final class TestSettings {

    private TestSettings() {
    }

    static SecuritySettings defaults() {
        return with(Map.of());
    }

    static SecuritySettings with(Map<String, String> overrides) {
        Properties properties = new Properties();
        try (InputStream in = TestSettings.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        overrides.forEach(properties::setProperty);
        return SecuritySettings.fromProperties(key -> {
            String value = properties.getProperty(key);
            if (value == null) {
                throw new IllegalStateException(key + " is not documented in application.properties");
            }
            return value;
        });
    }
}
