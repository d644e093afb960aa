package org.bedrockmonitor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Properties;

import org.apache.camel.PropertyInject;
import org.bedrockmonitor.config.UserError;
import org.junit.jupiter.api.Test;

/**
 * The operator's manual and the code agree: every property the detection box reads has a documented
 * default in application.properties, that default is the engine's own, and a wrong value is one sentence.
 */
class DetectionConfigurationTest {

    static DetectionConfiguration fromApplicationProperties() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = DetectionConfiguration.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        DetectionConfiguration configuration = new DetectionConfiguration();
        for (Field field : DetectionConfiguration.class.getDeclaredFields()) {
            PropertyInject inject = field.getAnnotation(PropertyInject.class);
            if (inject == null) {
                continue;
            }
            String value = properties.getProperty(inject.value());
            assertThat(value).as(inject.value() + " is documented in application.properties").isNotNull();
            field.setAccessible(true);
            field.set(configuration, value.trim());
        }
        return configuration;
    }

    @Test
    void documentedDefaultsAreTheEngineDefaults() throws Exception {
        DetectionSettings documented = fromApplicationProperties().settings();
        assertThat(documented).usingRecursiveComparison().isEqualTo(new DetectionSettings());
    }

    @Test
    void wrongValueIsOneSentenceNamingTheKey() throws Exception {
        DetectionConfiguration configuration = fromApplicationProperties();
        configuration.latencyMinRequests = "many";
        assertThatThrownBy(configuration::settings).isInstanceOf(UserError.class)
                .hasMessage("monitor.alert.latency.min-requests=many is not valid (allowed: a whole number greater than 0)");
    }
}
