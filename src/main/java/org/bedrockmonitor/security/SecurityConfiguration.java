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

    private CamelContext camelContext;
    private SecurityAnalytics analytics;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @BindToRegistry("securityAnalytics")
    public synchronized SecurityAnalytics securityAnalytics() {
        if (analytics == null) {
            SecuritySettings settings = SecuritySettings.fromProperties(this::property);
            GeoIp geoIp = GeoIp.open(camelContext.getPropertiesComponent().resolveProperty(SecuritySettings.GEOIP_DATABASE).orElse(""));
            LOG.info(geoIp.status());
            analytics = new SecurityAnalytics(settings, geoIp);
        }
        return analytics;
    }

    private String property(String key) {
        return camelContext.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new UserError(key + " is not set (application.properties documents its default)"));
    }
}
