package org.bedrockmonitor.detect;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.bedrockmonitor.config.Json;

/**
 * Camel glue of the alerts routes: one notification becomes a JSON message with the headers every
 * alerts sink understands (SNS subject and the {@code type}/{@code severity} message attributes, a file
 * name per notification id), and a spooled notification becomes that message again. The exchange
 * property {@value #TARGET} says which sink a delivery is for, and travels in the spool file name.
 */
public final class AlertWire {

    public static final String TARGET = "alertTarget";
    public static final String SPOOL_NAME = "alertSpoolName";
    public static final String MAIN = "alerts";
    public static final String CRITICAL = "critical";
    private static final String SPOOL_SEPARATOR = "--";

    private final boolean criticalSinkConfigured;

    public AlertWire(boolean criticalSinkConfigured) {
        this.criticalSinkConfigured = criticalSinkConfigured;
    }

    /** Whether a notification also goes to the critical-alerts sink. */
    public boolean pagesCritical(AlertNotification notification) {
        return criticalSinkConfigured && notification.severity() == Alert.Severity.CRITICAL;
    }

    /** Body AlertNotification in, its JSON out, with only the wire headers left on the message. */
    public String prepare(Exchange exchange) throws InvalidPayloadException, JsonProcessingException {
        AlertNotification notification = exchange.getMessage().getMandatoryBody(AlertNotification.class);
        String target = exchange.getProperty(TARGET, MAIN, String.class);
        return toWire(exchange, notification, target);
    }

    /** Body: a spooled notification (file or S3 object); restores the target from its name. */
    public String fromSpool(Exchange exchange) throws JsonProcessingException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (name == null) {
            String key = exchange.getMessage().getHeader("CamelAwsS3Key", String.class);
            name = key.substring(key.lastIndexOf('/') + 1);
        }
        int separator = name.indexOf(SPOOL_SEPARATOR);
        String target = separator > 0 ? name.substring(0, separator) : MAIN;
        AlertNotification notification = Json.MAPPER.readValue(
                exchange.getMessage().getBody(String.class), AlertNotification.class);
        exchange.setProperty(TARGET, target);
        return toWire(exchange, notification, target);
    }

    private static String toWire(Exchange exchange, AlertNotification notification, String target)
            throws JsonProcessingException {
        Map<String, Object> headers = exchange.getMessage().getHeaders();
        headers.clear();
        headers.put("CamelAwsSnsSubject", notification.subject());
        headers.put("type", notification.primaryType());
        headers.put("severity", notification.severity().wire());
        headers.put(Exchange.FILE_NAME, notification.id() + ".json");
        exchange.setProperty(SPOOL_NAME, target + SPOOL_SEPARATOR + notification.id() + ".json");
        return Json.MAPPER.writeValueAsString(notification);
    }
}
