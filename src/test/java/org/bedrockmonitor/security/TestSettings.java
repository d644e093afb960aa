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
        return SecuritySettings.of(
                Integer.parseInt(value(properties, "failed-auth.threshold")),
                Long.parseLong(value(properties, "failed-auth.window-seconds")),
                value(properties, "failed-auth.error-codes"),
                value(properties, "unusual-access.allowed-cidrs"),
                Boolean.parseBoolean(value(properties, "unusual-access.new-ip")),
                Long.parseLong(value(properties, "unusual-access.learning-hours")),
                Integer.parseInt(value(properties, "unusual-access.min-events")),
                value(properties, "user-agent.allowed-families"),
                value(properties, "management.event-names"),
                Integer.parseInt(value(properties, "max-tracked-keys")));
    }

    private static String value(Properties properties, String key) {
        String value = properties.getProperty("monitor.security." + key);
        if (value == null) {
            throw new IllegalStateException("monitor.security." + key + " is not documented in application.properties");
        }
        return value.trim();
    }
}
