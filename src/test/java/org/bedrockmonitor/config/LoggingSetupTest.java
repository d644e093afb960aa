package org.bedrockmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class LoggingSetupTest {

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        return (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console");
    }

    @Test
    void textByDefaultWithTheServiceAtInfoAndCamelAtWarn() {
        LoggerContext context = new LoggerContext();

        LoggingSetup.configure(context, Map.of());

        assertThat(console(context).getEncoder()).isInstanceOfSatisfying(PatternLayoutEncoder.class,
                encoder -> assertThat(encoder.getPattern()).isEqualTo(LoggingSetup.TEXT_PATTERN));
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.bedrockmonitor.ingest").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("route").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.camel.impl").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger(LoggingSetup.FILE_ROLLBACK_LOGGER).getEffectiveLevel())
                .as("a failed file's raw name is not printed again").isEqualTo(Level.ERROR);
    }

    @Test
    void environmentChoosesJsonLinesAndTheLevels() {
        LoggerContext context = new LoggerContext();

        LoggingSetup.configure(context, Map.of("LOG_FORMAT", "json", "MONITOR_LOG_LEVEL", "debug", "CAMEL_LOG_LEVEL", "INFO"));

        assertThat(console(context).getEncoder()).isInstanceOf(JsonEncoder.class);
        assertThat(context.getLogger("org.bedrockmonitor.detect").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("route").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.apache.camel.impl").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.camel.main.BaseMainSupport").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void anUnknownLevelKeepsTheDefault() {
        LoggerContext context = new LoggerContext();

        LoggingSetup.configure(context, Map.of("MONITOR_LOG_LEVEL", "loud"));

        assertThat(context.getLogger("org.bedrockmonitor").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void logbackFindsItAndItStepsAsideForTheTestsOwnFile() throws IOException {
        try (InputStream services = getClass().getResourceAsStream("/META-INF/services/" + Configurator.class.getName())) {
            assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo(LoggingSetup.class.getName());
        }
        // logback-test.xml is on the test class path: an operator's or the tests' file wins over the code
        assertThat(new LoggingSetup().configure(new LoggerContext())).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
