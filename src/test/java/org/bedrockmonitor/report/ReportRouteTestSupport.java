package org.bedrockmonitor.report;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.bedrockmonitor.Main;

/**
 * Boots the application with only routes/reports.camel.yaml, the bundled properties and the test's
 * overrides, writing under the test's own folder.
 */
abstract class ReportRouteTestSupport extends CamelMainTestSupport {

    /** The folder the test writes under ({@code out/} inside it). */
    protected abstract Path work();

    /** Properties of this test on top of the common ones. */
    protected abstract Map<String, String> testProperties();

    @Override
    protected Class<?> getMainClass() {
        return Main.class;
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "classpath:application.properties";
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Map<String, String> properties = new HashMap<>();
        properties.put("camel.main.routes-include-pattern", "file:routes/reports.camel.yaml");
        properties.put("monitor.out.dir", work().resolve("out").toString());
        properties.putAll(testProperties());
        Properties overrides = new Properties();
        overrides.putAll(properties);
        configuration.withUseOverridePropertiesWithPropertiesComponent(overrides);
    }
}
