package org.bedrockmonitor.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * Boots Camel with the monitor's configuration: the operator's {@code application.properties} in the
 * working directory (optional) over the profile file over the bundled defaults, routes from
 * {@code ./routes} when that folder exists (operators edit them) and from the jar otherwise.
 */
public final class MonitorRuntime implements AutoCloseable {

    public static final String PROFILE_ENV = "MONITOR_PROFILE";
    public static final String DEFAULT_PROFILE = "local";

    private final Main main = new Main();
    private final String profile;

    public MonitorRuntime(String profile, Map<String, String> overrides) {
        this.profile = profile;
        main.setPropertyPlaceholderLocations(String.join(",",
                "file:application.properties;optional=true",
                "file:application-" + profile + ".properties;optional=true",
                "classpath:application-" + profile + ".properties;optional=true",
                "classpath:application.properties"));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("camel.main.routes-include-pattern", routesPattern());
        all.put("monitor.profile", profile);
        all.putAll(overrides);
        all.forEach(main::addOverrideProperty);
    }

    public static String profileFromEnvironment() {
        String profile = System.getenv(PROFILE_ENV);
        if (profile == null || profile.isBlank()) {
            return DEFAULT_PROFILE;
        }
        profile = profile.trim().toLowerCase(Locale.ROOT);
        if (!profile.equals("local") && !profile.equals("aws")) {
            throw new UserError(PROFILE_ENV + "=" + profile + " is not a profile (allowed: local, aws)");
        }
        return profile;
    }

    /**
     * The route files the jar carries. Named one by one because a wildcard on the class path makes Camel
     * walk every entry of the 45 MB jar (about 1.5 s of each start outside a folder that has ./routes);
     * a test keeps this list equal to the files in routes/.
     */
    static final List<String> BUNDLED_ROUTES = List.of("alerts", "analysis", "detect", "errors", "local-files",
            "log-objects", "metrics", "reports", "s3-notifications");

    static String routesPattern() {
        return Files.isDirectory(Path.of("routes"))
                ? "file:routes/*.camel.yaml"
                : BUNDLED_ROUTES.stream().map(MonitorRuntime::bundledRoute).collect(Collectors.joining(","));
    }

    /** The class path location of one bundled route file, by its name without {@code .camel.yaml}. */
    public static String bundledRoute(String name) {
        return "classpath:routes/" + name + ".camel.yaml";
    }

    public String profile() {
        return profile;
    }

    /** Starts Camel and returns once every route is up. */
    public CamelContext start() throws Exception {
        main.start();
        return main.getCamelContext();
    }

    /**
     * Starts Camel and blocks until the JVM is asked to stop. SIGTERM (what ECS and Kubernetes send) ends
     * the run normally: consumers stop polling, exchanges in flight finish within
     * camel.main.shutdown-timeout, and the caller returns (exit 0) instead of dying by the signal (143).
     */
    public void runUntilStopped() throws Exception {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> main.completed());
        main.run();
    }

    @Override
    public void close() {
        main.stop();
    }
}
