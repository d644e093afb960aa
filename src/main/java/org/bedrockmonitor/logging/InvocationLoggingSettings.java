package org.bedrockmonitor.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import software.amazon.awssdk.services.bedrock.model.CloudWatchConfig;
import software.amazon.awssdk.services.bedrock.model.LoggingConfig;
import software.amazon.awssdk.services.bedrock.model.S3Config;

/**
 * The model invocation logging this deployment expects Bedrock to have: an S3 destination (what the
 * service reads), an optional CloudWatch Logs destination (what the dashboards query) and which data
 * kinds are delivered. {@code logGroup} and {@code roleArn} are both null when CloudWatch is not wanted.
 */
public record InvocationLoggingSettings(String bucket, String keyPrefix, String logGroup, String roleArn,
        boolean text, boolean image, boolean embedding, boolean video) {

    public LoggingConfig toLoggingConfig() {
        LoggingConfig.Builder config = LoggingConfig.builder()
                .s3Config(S3Config.builder().bucketName(bucket).keyPrefix(blankToNull(keyPrefix)).build())
                .textDataDeliveryEnabled(text)
                .imageDataDeliveryEnabled(image)
                .embeddingDataDeliveryEnabled(embedding)
                .videoDataDeliveryEnabled(video);
        if (logGroup != null) {
            config.cloudWatchConfig(CloudWatchConfig.builder().logGroupName(logGroup).roleArn(roleArn).build());
        }
        return config.build();
    }

    /** One line per setting where Bedrock's configuration differs from this one; empty when they match. */
    public List<String> driftFrom(LoggingConfig actual) {
        if (actual == null) {
            return List.of("model invocation logging is not configured");
        }
        List<String> drift = new ArrayList<>();
        S3Config s3 = actual.s3Config();
        compare(drift, "S3 bucket", bucket, s3 == null ? null : s3.bucketName());
        compare(drift, "S3 key prefix", blankToNull(keyPrefix), s3 == null ? null : blankToNull(s3.keyPrefix()));
        CloudWatchConfig cloudWatch = actual.cloudWatchConfig();
        compare(drift, "CloudWatch log group", logGroup, cloudWatch == null ? null : cloudWatch.logGroupName());
        compare(drift, "CloudWatch role", roleArn, cloudWatch == null ? null : cloudWatch.roleArn());
        compare(drift, "text delivery", text, Boolean.TRUE.equals(actual.textDataDeliveryEnabled()));
        compare(drift, "image delivery", image, Boolean.TRUE.equals(actual.imageDataDeliveryEnabled()));
        compare(drift, "embedding delivery", embedding, Boolean.TRUE.equals(actual.embeddingDataDeliveryEnabled()));
        compare(drift, "video delivery", video, Boolean.TRUE.equals(actual.videoDataDeliveryEnabled()));
        return drift;
    }

    /** A one-line summary of a configuration as Bedrock reports it. */
    public static String describe(LoggingConfig config) {
        if (config == null) {
            return "not configured";
        }
        S3Config s3 = config.s3Config();
        CloudWatchConfig cloudWatch = config.cloudWatchConfig();
        return "S3 " + (s3 == null ? "none" : "s3://" + s3.bucketName() + "/" + Objects.toString(s3.keyPrefix(), ""))
                + ", CloudWatch Logs " + (cloudWatch == null ? "none"
                        : cloudWatch.logGroupName() + " (role " + cloudWatch.roleArn() + ")")
                + ", delivery: text " + onOff(config.textDataDeliveryEnabled())
                + ", image " + onOff(config.imageDataDeliveryEnabled())
                + ", embedding " + onOff(config.embeddingDataDeliveryEnabled())
                + ", video " + onOff(config.videoDataDeliveryEnabled());
    }

    private static void compare(List<String> drift, String setting, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            drift.add(setting + ": expected " + shown(expected) + ", found " + shown(actual));
        }
    }

    private static String shown(Object value) {
        if (value instanceof Boolean on) {
            return on ? "on" : "off";
        }
        return value == null ? "none" : value.toString();
    }

    private static String onOff(Boolean value) {
        return Boolean.TRUE.equals(value) ? "on" : "off";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
