package org.bedrockmonitor.security;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.bedrockmonitor.config.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code securityAnalytics} bean: the {@code monitor.security.*} settings and the geography database,
 * read once at start-up, which logs one line saying which database places source addresses in countries,
 * or that geography is off.
 */
public class SecurityConfiguration implements CamelConfiguration, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    public static final String BEAN = "securityAnalytics";

    private CamelContext camelContext;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Binds the bean at start-up, so that the geography line is said even before detection or a report asks. */
    @BindToRegistry(BEAN)
    public SecurityAnalytics securityAnalytics() {
        return analytics(camelContext);
    }

    /**
     * The context's {@code securityAnalytics} bean, read from the properties the first time any configuration
     * asks for it (configurations are not processed in a fixed order), bound for the others.
     */
    public static SecurityAnalytics analytics(CamelContext camel) {
        synchronized (camel) {
            SecurityAnalytics bound = camel.getRegistry().lookupByNameAndType(BEAN, SecurityAnalytics.class);
            if (bound != null) {
                return bound;
            }
            SecuritySettings settings = SecuritySettings.fromProperties(key -> property(camel, key));
            GeoIp geoIp = GeoIp.open(camel.getPropertiesComponent().resolveProperty(SecuritySettings.GEOIP_DATABASE).orElse(""));
            LOG.info(geoIp.status());
            SecurityAnalytics analytics = new SecurityAnalytics(settings, geoIp);
            camel.getRegistry().bind(BEAN, SecurityAnalytics.class, analytics);
            return analytics;
        }
    }

    private static String property(CamelContext camel, String key) {
        return camel.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new UserError(key + " is not set (application.properties documents its default)"));
    }
}
