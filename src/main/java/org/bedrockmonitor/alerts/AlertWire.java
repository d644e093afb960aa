package org.bedrockmonitor.alerts;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.bedrockmonitor.config.Json;

/**
 * Camel glue of the alerts routes: one queued notification becomes a JSON message with the headers
 * every alerts sink understands (SNS subject and the {@code type}/{@code severity} message attributes,
 * a file name per notification id), and the exchange property {@value #TARGET} says which sink it is for.
 */
public final class AlertWire {

    public static final String TARGET = "alertTarget";
    public static final String MAIN = "alerts";
    public static final String CRITICAL = "critical";

    /** Body {@link AlertOutbox.Queued} in, the notification's JSON out, with only the wire headers left on the message. */
    public String prepare(Exchange exchange) throws InvalidPayloadException, JsonProcessingException {
        AlertOutbox.Queued queued = exchange.getMessage().getMandatoryBody(AlertOutbox.Queued.class);
        AlertNotification notification = queued.notification();
        Map<String, Object> headers = exchange.getMessage().getHeaders();
        headers.clear();
        headers.put("CamelAwsSnsSubject", notification.subject());
        headers.put("type", notification.primaryType());
        headers.put("severity", notification.severity().wire());
        headers.put(Exchange.FILE_NAME, notification.id() + ".json");
        exchange.setProperty(TARGET, queued.target());
        return Json.MAPPER.writeValueAsString(notification);
    }
}
