package org.bedrockmonitor.logging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.bedrockmonitor.cli.Cli;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.store.FolderStateStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logging enable|status|disable} against WireMock standing in for the Bedrock control plane
 * (REST-JSON): the test asserts the request that reached the wire and the command's exit code and output.
 */
class LoggingCommandTest {

    private static final String PATH = "/logging/modelinvocations";
    private static final String ROLE = "arn:aws:iam::123456789012:role/bedrock-logging";
    private static WireMockServer bedrock;

    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void startBedrock() {
        bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        bedrock.start();
        // the SDK's default credential chain reads these before the environment
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterAll
    static void stopBedrock() {
        bedrock.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void resetBedrock() {
        bedrock.resetAll();
        out = new StringWriter();
        err = new StringWriter();
    }

    private int cli(String... args) {
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private int run(String... args) {
        String[] withEndpoint = new String[args.length + 4];
        System.arraycopy(args, 0, withEndpoint, 0, 2);
        withEndpoint[2] = "--endpoint-url";
        withEndpoint[3] = bedrock.baseUrl();
        withEndpoint[4] = "--region";
        withEndpoint[5] = "us-east-1";
        System.arraycopy(args, 2, withEndpoint, 6, args.length - 2);
        return cli(withEndpoint);
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = bedrock.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @Test
    void enablePutsTheS3AndCloudWatchDestinationsAndDeliveryFlags() throws Exception {
        bedrock.stubFor(put(urlEqualTo(PATH)).willReturn(okJson("{}")));

        int exit = run("logging", "enable", "--bucket", "bedrock-monitor-logs-123456789012-us-east-1-prod",
                "--log-group", "/aws/bedrock/modelinvocations/prod", "--role-arn", ROLE, "--embedding");

        assertThat(exit).isZero();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("PUT");
        assertThat(request.getUrl()).isEqualTo(PATH);
        assertThat(request.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256").contains("/us-east-1/bedrock/");
        JsonNode config = Json.MAPPER.readTree(request.getBodyAsString()).path("loggingConfig");
        assertThat(config.path("s3Config").path("bucketName").asText()).isEqualTo("bedrock-monitor-logs-123456789012-us-east-1-prod");
        assertThat(config.path("s3Config").has("keyPrefix")).isFalse();
        assertThat(config.path("cloudWatchConfig").path("logGroupName").asText()).isEqualTo("/aws/bedrock/modelinvocations/prod");
        assertThat(config.path("cloudWatchConfig").path("roleArn").asText()).isEqualTo(ROLE);
        assertThat(config.path("textDataDeliveryEnabled").asBoolean()).isTrue();
        assertThat(config.path("embeddingDataDeliveryEnabled").asBoolean()).isTrue();
        assertThat(config.path("imageDataDeliveryEnabled").isBoolean()).isTrue();
        assertThat(config.path("imageDataDeliveryEnabled").asBoolean()).isFalse();
        assertThat(config.path("videoDataDeliveryEnabled").asBoolean(true)).isFalse();
        assertThat(out.toString()).contains("Model invocation logging enabled: S3 s3://bedrock-monitor-logs");
    }

    @Test
    void statusMatchingTheExpectedSettingsExitsZero() {
        bedrock.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(configJson("logs", true, false))));

        int exit = run("logging", "status", "--bucket", "logs", "--log-group", "/aws/bedrock/modelinvocations/prod",
                "--role-arn", ROLE);

        assertThat(exit).isZero();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("GET");
        assertThat(request.getUrl()).isEqualTo(PATH);
        assertThat(out.toString()).contains("Matches the expected settings.");
    }

    @Test
    void statusReportsEachDriftingSettingAndExitsThree() {
        bedrock.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(configJson("someone-elses-bucket", false, true))));

        int exit = run("logging", "status", "--bucket", "logs", "--log-group", "/aws/bedrock/modelinvocations/prod",
                "--role-arn", ROLE);

        assertThat(exit).isEqualTo(3);
        assertThat(out.toString())
                .contains("Drift from the expected settings:")
                .contains("S3 bucket: expected logs, found someone-elses-bucket")
                .contains("text delivery: expected on, found off")
                .contains("image delivery: expected off, found on")
                .doesNotContain("CloudWatch log group:");
    }

    @Test
    void statusWithRecordKeepsWhatItFoundAsComplianceEvidenceForTheSecurityReport(@TempDir Path store) {
        bedrock.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(configJson("someone-elses-bucket", false, true))));

        int exit = run("logging", "status", "--bucket", "logs", "--log-group", "/aws/bedrock/modelinvocations/prod",
                "--role-arn", ROLE, "--record", store.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).contains("Recorded in " + store + " as compliance evidence.");
        LoggingCheck check = LoggingCheck.latest(new FolderStateStore(store), Instant.now().plusSeconds(60)).orElseThrow();
        assertThat(check.region()).isEqualTo("us-east-1");
        assertThat(check.configured()).isTrue();
        assertThat(check.bucket()).isEqualTo("someone-elses-bucket");
        assertThat(check.logGroup()).isEqualTo("/aws/bedrock/modelinvocations/prod");
        assertThat(check.dataTypes()).containsExactly("image");
        assertThat(check.drift()).containsExactly("S3 bucket: expected logs, found someone-elses-bucket",
                "text delivery: expected on, found off", "image delivery: expected off, found on");
        assertThat(check.checkedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void statusWithNoConfigurationAtAllIsDrift() {
        bedrock.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("{}")));

        assertThat(run("logging", "status", "--bucket", "logs")).isEqualTo(3);
        assertThat(out.toString()).contains("model invocation logging is not configured");
    }

    @Test
    void disableDeletesTheConfiguration() {
        bedrock.stubFor(delete(urlEqualTo(PATH)).willReturn(okJson("{}")));

        assertThat(run("logging", "disable")).isZero();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("DELETE");
        assertThat(request.getUrl()).isEqualTo(PATH);
        assertThat(out.toString()).contains("Model invocation logging disabled.");
    }

    @Test
    void aRefusalFromBedrockIsOneSentenceAndExitOne() {
        bedrock.stubFor(any(urlEqualTo(PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withBody("{\"message\":\"User is not authorized to perform bedrock:PutModelInvocationLoggingConfiguration\"}")));

        assertThat(run("logging", "enable", "--bucket", "logs")).isEqualTo(1);
        assertThat(err.toString()).startsWith("bedrock-monitor: could not enable model invocation logging:")
                .contains("not authorized");
    }

    @Test
    void aWrongFlagIsOneSentenceAndExitTwoWithNothingSent() {
        int exit = cli("logging", "enable", "--bucket", "logs", "--log-grup", "x");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("bedrock-monitor: ").contains("--log-grup")
                .doesNotContain("\n");
        assertThat(bedrock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void noSubcommandIsOneSentenceAndExitTwo() {
        assertThat(cli("logging")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("bedrock-monitor: logging needs a subcommand: enable, status or disable");
    }

    @Test
    void aLogGroupWithoutItsRoleIsOneSentenceAndExitTwo() {
        assertThat(run("logging", "enable", "--bucket", "logs", "--log-group", "/aws/bedrock/x")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("bedrock-monitor: --log-group and --role-arn go together: Bedrock needs the role to write to the log group");
        assertThat(bedrock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void withoutEndpointOptionTheClientFollowsTheSdkEndpointSetting() {
        bedrock.stubFor(delete(urlEqualTo(PATH)).willReturn(okJson("{}")));
        // the system-property twin of AWS_ENDPOINT_URL_BEDROCK (environment variables cannot be set in-process)
        System.setProperty("aws.endpointUrlBedrock", bedrock.baseUrl());
        try {
            assertThat(cli("logging", "disable", "--region", "us-east-1")).isZero();
        } finally {
            System.clearProperty("aws.endpointUrlBedrock");
        }
        assertThat(onlyRequest().getMethod().getName()).isEqualTo("DELETE");
    }

    private static String configJson(String bucket, boolean text, boolean image) {
        return """
                {"loggingConfig": {
                  "s3Config": {"bucketName": "%s"},
                  "cloudWatchConfig": {"logGroupName": "/aws/bedrock/modelinvocations/prod", "roleArn": "%s"},
                  "textDataDeliveryEnabled": %s, "imageDataDeliveryEnabled": %s,
                  "embeddingDataDeliveryEnabled": false, "videoDataDeliveryEnabled": false}}
                """.formatted(bucket, ROLE, text, image);
    }
}
