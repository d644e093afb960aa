package org.bedrockmonitor.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots Camel with the monitor's configuration: the operator's {@code application.properties} in the
 * working directory (optional) over the profile file over the bundled defaults; each route file from
 * {@code ./routes} when the operator put one of that name there, else from the jar ({@link RouteFiles}).
 */
public final class MonitorRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorRuntime.class);

    public static final String PROFILE_ENV = "MONITOR_PROFILE";
    public static final String DEFAULT_PROFILE = "local";
    /** The operator's route folder, relative to the working directory (the image's /app/routes). */
    public static final String OPERATOR_ROUTES = "routes";

    private final Main main = new Main();
    private final String profile;
    private final RouteFiles routes;
    /** false when the caller chose the route files itself (a test, the report command's single route) */
    private final boolean routesAnnounced;

    public MonitorRuntime(String profile, Map<String, String> overrides) {
        this(profile, overrides, Path.of(OPERATOR_ROUTES));
    }

    /** {@code operatorRoutes}: the folder whose route files replace or add to the jar's ({@code ./routes}). */
    public MonitorRuntime(String profile, Map<String, String> overrides, Path operatorRoutes) {
        this.profile = profile;
        this.routes = RouteFiles.of(operatorRoutes);
        main.setPropertyPlaceholderLocations(String.join(",",
                "file:application.properties;optional=true",
                "file:application-" + profile + ".properties;optional=true",
                "classpath:application-" + profile + ".properties;optional=true",
                "classpath:application.properties"));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("camel.main.routes-include-pattern", routes.includePattern());
        all.put("monitor.profile", profile);
        all.putAll(overrides);
        all.forEach(main::addOverrideProperty);
        routesAnnounced = !overrides.containsKey("camel.main.routes-include-pattern");
    }

    /**
     * The long-running service: a runtime that also serves the health checks ({@code monitor.health.*}) on
     * the embedded HTTP server, in any profile, and refuses to start without the settings it needs
     * ({@link ServiceSettings}). Other runtimes (the one-shot commands, tests) open no port.
     */
    public static MonitorRuntime service(String profile, Map<String, String> overrides) {
        Map<String, String> withHealth = new LinkedHashMap<>();
        withHealth.put("camel.management.enabled", "{{monitor.health.enabled}}");
        withHealth.putAll(overrides);
        MonitorRuntime service = new MonitorRuntime(profile, withHealth);
        service.main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                ServiceSettings.check(configured.getCamelContext()::resolvePropertyPlaceholders);
            }
        });
        return service;
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

    /** Where one route file is loaded from: the operator's {@code ./routes} copy when there is one, else the jar. */
    public static String routeLocation(String name) {
        return RouteFiles.of(Path.of(OPERATOR_ROUTES)).location(name);
    }

    public String profile() {
        return profile;
    }

    /**
     * Starts Camel and returns once every route is up. A route file that cannot be loaded ends the start
     * with a {@link UserError} naming the file.
     */
    public CamelContext start() throws Exception {
        announceRoutes();
        try {
            main.start();
        } catch (Exception e) {
            throw routes.explain(e).<Exception>map(explained -> explained).orElse(e);
        }
        return main.getCamelContext();
    }

    private void announceRoutes() {
        if (routesAnnounced) {
            LOG.info(routes.describe());
        }
    }

    /**
     * Starts Camel and blocks until the JVM is asked to stop. SIGTERM (what ECS and Kubernetes send) ends
     * the run normally: consumers stop polling, exchanges in flight finish within
     * camel.main.shutdown-timeout, and the caller returns (exit 0) instead of dying by the signal (143).
     */
    public void runUntilStopped() throws Exception {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> main.completed());
        announceRoutes();
        try {
            main.run();
        } catch (Exception e) {
            throw routes.explain(e).<Exception>map(explained -> explained).orElse(e);
        }
    }

    @Override
    public void close() {
        main.stop();
    }
}
