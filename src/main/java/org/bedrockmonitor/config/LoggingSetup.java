package org.bedrockmonitor.config;

import java.util.Locale;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The service's logging, set up in code: logback's XML configuration loads an XML parser and some five
 * hundred classes, a tenth of what an {@code analyze} run loads before its first record.
 * <p>
 * {@code LOG_FORMAT=json} gives one JSON object per line on stdout (for CloudWatch Logs), text otherwise;
 * {@code ENABLE_DEBUG_LOGGING=true} sets the service's own loggers to DEBUG, {@code MONITOR_LOG_LEVEL} to any
 * level (it wins), and {@code CAMEL_LOG_LEVEL} sets Camel's. An operator's own file ({@code -Dlogback.configurationFile=...}) and
 * the tests' {@code logback-test.xml} still take precedence: this configurator then steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingSetup extends ContextAwareBase implements Configurator {

    public static final String DEBUG_VARIABLE = "ENABLE_DEBUG_LOGGING";
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    static final String FILE_ROLLBACK_LOGGER = "org.apache.camel.component.file.GenericFileOnCompletion";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LoggingSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, System.getenv());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void configure(LoggerContext context, Map<String, String> env) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder(context, env.getOrDefault("LOG_FORMAT", "text")));
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        Level own = level(env, "MONITOR_LOG_LEVEL", debugEnabled(env) ? Level.DEBUG : Level.INFO);
        context.getLogger("org.bedrockmonitor").setLevel(own);
        context.getLogger("route").setLevel(own);
        context.getLogger("org.apache.camel").setLevel(level(env, "CAMEL_LOG_LEVEL", Level.WARN));
        context.getLogger("org.apache.camel.main.BaseMainSupport").setLevel(Level.WARN);
        // a file that fails is logged once by the route object-failed, with its name made printable;
        // the file component's own warning would print the raw name (control characters and all) again
        context.getLogger(FILE_ROLLBACK_LOGGER).setLevel(Level.ERROR);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
        if (format.trim().toLowerCase(Locale.ROOT).equals("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }

    /** {@code ENABLE_DEBUG_LOGGING}: {@code true} (any case) or not; {@code cli.Cli} rejects other values. */
    public static boolean debugEnabled(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.getOrDefault(DEBUG_VARIABLE, "").trim());
    }

    /** An unknown level name keeps the default, as logback does for a bad level in its XML. */
    private static Level level(Map<String, String> env, String variable, Level fallback) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : Level.toLevel(value.trim(), fallback);
    }
}
