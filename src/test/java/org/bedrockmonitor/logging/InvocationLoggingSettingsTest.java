package org.bedrockmonitor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrock.model.LoggingConfig;

/** Drift is reported per setting, and only where Bedrock's configuration really differs. */
class InvocationLoggingSettingsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/bedrock-logging";

    @Test
    void aConfigurationBuiltFromTheSettingsHasNoDrift() {
        InvocationLoggingSettings settings = new InvocationLoggingSettings("logs", "", "/aws/bedrock/x", ROLE,
                true, false, true, false);
        assertThat(settings.driftFrom(settings.toLoggingConfig())).isEmpty();
    }

    @Test
    void anEmptyAndAMissingKeyPrefixAreTheSame() {
        InvocationLoggingSettings settings = new InvocationLoggingSettings("logs", "", null, null, true, false, false, false);
        LoggingConfig actual = LoggingConfig.builder().s3Config(s3 -> s3.bucketName("logs").keyPrefix(""))
                .textDataDeliveryEnabled(true).build();
        assertThat(settings.driftFrom(actual)).isEmpty();
    }

    @Test
    void anUnexpectedCloudWatchDestinationAndUnsetFlagsAreDrift() {
        InvocationLoggingSettings settings = new InvocationLoggingSettings("logs", "", null, null, true, false, false, false);
        LoggingConfig actual = LoggingConfig.builder()
                .s3Config(s3 -> s3.bucketName("logs").keyPrefix("bedrock"))
                .cloudWatchConfig(cw -> cw.logGroupName("/other").roleArn(ROLE))
                .build();
        assertThat(settings.driftFrom(actual)).containsExactly(
                "S3 key prefix: expected none, found bedrock",
                "CloudWatch log group: expected none, found /other",
                "CloudWatch role: expected none, found " + ROLE,
                "text delivery: expected on, found off");
    }

    @Test
    void theDescriptionNamesBothDestinationsAndEveryFlag() {
        InvocationLoggingSettings settings = new InvocationLoggingSettings("logs", "", "/aws/bedrock/x", ROLE,
                true, true, false, false);
        assertThat(InvocationLoggingSettings.describe(settings.toLoggingConfig())).isEqualTo(
                "S3 s3://logs/, CloudWatch Logs /aws/bedrock/x (role " + ROLE + "), delivery: text on, image on, embedding off, video off");
        assertThat(InvocationLoggingSettings.describe(null)).isEqualTo("not configured");
    }
}
