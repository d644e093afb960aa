package org.bedrockmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.bedrockmonitor.cli.MonitorProcess;
import org.bedrockmonitor.parse.Conformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void enableDebugLoggingTrueSetsTheServiceToDebugAndAnExplicitLevelWins() {
        for (String enabled : new String[] {"true", "TRUE", " true "}) {
            LoggerContext context = new LoggerContext();
            LoggingSetup.configure(context, Map.of("ENABLE_DEBUG_LOGGING", enabled));
            assertThat(context.getLogger("org.bedrockmonitor.ingest").getEffectiveLevel()).as(enabled).isEqualTo(Level.DEBUG);
            assertThat(context.getLogger("route").getEffectiveLevel()).as(enabled).isEqualTo(Level.DEBUG);
            assertThat(context.getLogger("org.apache.camel.impl").getEffectiveLevel()).as(enabled).isEqualTo(Level.WARN);
        }
        LoggerContext off = new LoggerContext();
        LoggingSetup.configure(off, Map.of("ENABLE_DEBUG_LOGGING", "false"));
        assertThat(off.getLogger("org.bedrockmonitor").getEffectiveLevel()).isEqualTo(Level.INFO);
        LoggerContext explicit = new LoggerContext();
        LoggingSetup.configure(explicit, Map.of("ENABLE_DEBUG_LOGGING", "true", "MONITOR_LOG_LEVEL", "WARN"));
        assertThat(explicit.getLogger("org.bedrockmonitor").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    /**
     * The variable as an operator sets it, in the process's environment: analyze logs each object it
     * reads at DEBUG, so that line appears with ENABLE_DEBUG_LOGGING=true and not without it; a value other
     * than true or false is one sentence and exit code 2.
     */
    @Test
    void enableDebugLoggingInTheEnvironmentOfARealRunShowsTheDebugLines(@TempDir Path dir) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.copy(Conformance.file("written/invocation-log-variants.log"), logs.resolve("variants.log"));
        Path quiet = Files.createDirectories(dir.resolve("quiet"));
        Path verbose = Files.createDirectories(dir.resolve("verbose"));
        Path wrong = Files.createDirectories(dir.resolve("wrong"));
        Duration limit = Duration.ofSeconds(90);

        MonitorProcess.Result without = MonitorProcess.run(quiet, Map.of(), limit, "analyze", logs.toString(), "--out", "out");
        MonitorProcess.Result with = MonitorProcess.run(verbose, Map.of("ENABLE_DEBUG_LOGGING", "true"), limit,
                "analyze", logs.toString(), "--out", "out");
        MonitorProcess.Result misspelt = MonitorProcess.run(wrong, Map.of("ENABLE_DEBUG_LOGGING", "yes"), limit,
                "analyze", logs.toString(), "--out", "out");

        assertThat(without.exit()).isZero();
        assertThat(with.exit()).isZero();
        assertThat(without.out()).contains(" INFO ").doesNotContain(" DEBUG ");
        assertThat(with.out()).containsPattern(" DEBUG .*variants\\.log");
        assertThat(misspelt.exit()).isEqualTo(2);
        assertThat(misspelt.err().strip()).isEqualTo("bedrock-monitor: ENABLE_DEBUG_LOGGING=yes is not true or false");
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
