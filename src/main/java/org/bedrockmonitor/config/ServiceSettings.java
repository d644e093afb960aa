package org.bedrockmonitor.config;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Settings the long-running service cannot do without, checked once the configuration is read and before
 * any route starts, so a missing one is one sentence instead of a route that fails to build.
 */
final class ServiceSettings {

    static final String SNS_SCHEME = "aws2-sns://";
    private static final Pattern SNS_TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    private ServiceSettings() {
    }

    /** {@code property}: resolves a placeholder such as {@code {{monitor.sink.alerts}}}. */
    static void check(UnaryOperator<String> property) {
        String alerts = property.apply("{{monitor.sink.alerts}}").trim();
        if (alerts.startsWith(SNS_SCHEME)) {
            String topic = alerts.substring(SNS_SCHEME.length()).split("\\?", 2)[0];
            if (topic.isBlank()) {
                throw new UserError("SNS_TOPIC_ARN is not set: the aws profile publishes alerts to that SNS topic "
                        + "(monitor.aws.sns-topic-arn, e.g. arn:aws:sns:us-east-1:123456789012:bedrock-alerts)");
            }
            if (!SNS_TOPIC_ARN.matcher(topic).matches()) {
                throw new UserError("SNS_TOPIC_ARN " + topic + " is not an SNS topic ARN "
                        + "(arn:aws:sns:<region>:<12-digit account>:<topic name>)");
            }
        }
    }
}
