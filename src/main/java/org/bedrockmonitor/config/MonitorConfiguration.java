package org.bedrockmonitor.config;

import org.apache.camel.CamelConfiguration;

/** Beans of the core pipeline (parsing, pricing, de-duplication, aggregation, rollups). */
public class MonitorConfiguration implements CamelConfiguration {
}
