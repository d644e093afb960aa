package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.CamelContext;
import org.bedrockmonitor.config.MonitorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The service says once at start-up which database places source addresses in countries, or that geography is off. */
class GeographyStartupTest {

    @TempDir
    Path dir;

    private List<String> geographyLines(Map<String, String> extra) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        Map<String, String> properties = new HashMap<>(Map.of(
                "monitor.local.inbox", dir.resolve("inbox").toString(),
                "monitor.out.dir", dir.resolve("out").toString(),
                "monitor.state.dir", dir.resolve("state").toString()));
        properties.putAll(extra);
        try (MonitorRuntime service = new MonitorRuntime("local", properties)) {
            CamelContext camel = service.start();
            SecurityAnalytics analytics = camel.getRegistry().lookupByNameAndType("securityAnalytics", SecurityAnalytics.class);
            assertThat(camel.getRegistry().lookupByNameAndType("securityAnalytics", SecurityAnalytics.class)).isSameAs(analytics);
            assertThat(analytics.geoIp().enabled()).isEqualTo(extra.containsKey(SecuritySettings.GEOIP_DATABASE));
        } finally {
            root.detachAppender(log);
        }
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("Geography ")).toList();
    }

    @Test
    void withoutADatabaseTheServiceSaysOnceThatGeographyIsOff() throws Exception {
        assertThat(geographyLines(Map.of())).containsExactly("Geography is off: monitor.security.geoip-database is not set,"
                + " so source addresses are not placed in countries and NEW_GEOGRAPHY is not raised.");
    }

    @Test
    void withADatabaseTheServiceSaysOnceWhichOne() throws Exception {
        assertThat(geographyLines(Map.of(SecuritySettings.GEOIP_DATABASE, TestGeoDatabase.FILE.toString())))
                .singleElement().asString().startsWith("Geography from " + TestGeoDatabase.FILE + ": ");
    }
}
