package org.bedrockmonitor.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.logging.InvocationLoggingSettings;
import org.bedrockmonitor.logging.LoggingCheck;
import org.bedrockmonitor.store.FolderStateStore;
import org.bedrockmonitor.store.S3StateStore;
import org.bedrockmonitor.store.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.BedrockClientBuilder;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationLoggingConfigurationResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Bedrock's model invocation logging, which CloudFormation cannot configure: {@code enable} points it
 * at the stack's log bucket and log group, {@code status} compares what Bedrock has with the expected
 * settings (exit 3 on drift), {@code disable} removes it. Credentials and region come from the SDK's
 * default chains; the endpoint from {@code --endpoint-url}, else {@code AWS_ENDPOINT_URL_BEDROCK} /
 * {@code AWS_ENDPOINT_URL}, else AWS.
 */
@Command(name = "logging", mixinStandardHelpOptions = true,
        description = "Bedrock model invocation logging: enable, status (drift against the expected settings), disable.",
        subcommands = {LoggingCommand.Enable.class, LoggingCommand.Status.class, LoggingCommand.Disable.class})
public final class LoggingCommand implements Callable<Integer> {

    /** Exit code of {@code status} when Bedrock's configuration differs from the expected one. */
    public static final int DRIFT = 3;
    /** Exit code when Bedrock (or the network, or the credentials) refused the call. */
    public static final int AWS_FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "logging needs a subcommand: enable, status or disable");
    }

    static final class Connection {
        @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION or the SDK's region chain).")
        String region;

        @Option(names = "--endpoint-url", paramLabel = "URL", description = "Bedrock endpoint (tests, proxies); default: AWS_ENDPOINT_URL_BEDROCK, AWS_ENDPOINT_URL, then AWS.")
        URI endpointUrl;

        BedrockClient client() {
            BedrockClientBuilder builder = BedrockClient.builder().region(region());
            if (endpointUrl != null) {
                builder.endpointOverride(endpointUrl);
            }
            return builder.build();
        }

        Region region() {
            if (region != null) {
                return Region.of(region);
            }
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkException e) {
                throw new UserError("no AWS region is configured: pass --region or set AWS_REGION");
            }
        }
    }

    static final class ExpectedSettings {
        @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "S3 bucket for invocation logs (the stack's LogBucketName).")
        String bucket;

        @Option(names = "--key-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Key prefix in the bucket; keep it empty so logs land under AWSLogs/ where the queue is notified.")
        String keyPrefix;

        @Option(names = "--log-group", paramLabel = "NAME", description = "CloudWatch log group for invocation logs (the stack's InvocationLogGroupName).")
        String logGroup;

        @Option(names = "--role-arn", paramLabel = "ARN", description = "Role Bedrock assumes to write the log group (the stack's BedrockLoggingRoleArn).")
        String roleArn;

        @Option(names = "--text", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Deliver text invocations (default on; needed for token and cost metrics).")
        boolean text;

        @Option(names = "--image", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Deliver image invocations (default off).")
        boolean image;

        @Option(names = "--embedding", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Deliver embedding invocations (default off).")
        boolean embedding;

        @Option(names = "--video", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Deliver video invocations (default off).")
        boolean video;

        InvocationLoggingSettings settings() {
            if ((logGroup == null) != (roleArn == null)) {
                throw new UserError("--log-group and --role-arn go together: Bedrock needs the role to write to the log group");
            }
            if (roleArn != null && !roleArn.startsWith("arn:")) {
                throw new UserError("--role-arn " + roleArn + " is not an ARN (arn:aws:iam::ACCOUNT:role/NAME)");
            }
            return new InvocationLoggingSettings(bucket, keyPrefix, logGroup, roleArn, text, image, embedding, video);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Sets Bedrock's model invocation logging to the given destinations and delivery flags.")
    static final class Enable implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connection connection;
        @Mixin
        ExpectedSettings expected;

        @Override
        public Integer call() {
            InvocationLoggingSettings settings = expected.settings();
            try (BedrockClient bedrock = connection.client()) {
                bedrock.putModelInvocationLoggingConfiguration(request -> request.loggingConfig(settings.toLoggingConfig()));
            } catch (SdkException e) {
                return refused(spec, "enable", e);
            }
            spec.commandLine().getOut().println("Model invocation logging enabled: "
                    + InvocationLoggingSettings.describe(settings.toLoggingConfig()));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows Bedrock's model invocation logging and its drift from the expected settings (exit 3 on drift).")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connection connection;
        @Mixin
        ExpectedSettings expected;
        @Option(names = "--record", paramLabel = "DIR|s3://BUCKET",
                description = "Also keep what was found in the state store (a folder store, or the report bucket) as the security report's compliance evidence.")
        String record;
        private S3Client recordClient;

        @Override
        public Integer call() {
            try {
                return check();
            } finally {
                if (recordClient != null) {
                    recordClient.close();
                }
            }
        }

        private Integer check() {
            InvocationLoggingSettings settings = expected.settings();
            StateStore store = record == null ? null : recordStore();
            GetModelInvocationLoggingConfigurationResponse response;
            try (BedrockClient bedrock = connection.client()) {
                response = bedrock.getModelInvocationLoggingConfiguration(request -> { });
            } catch (SdkException e) {
                return refused(spec, "read", e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Model invocation logging: " + InvocationLoggingSettings.describe(response.loggingConfig()));
            List<String> drift = settings.driftFrom(response.loggingConfig());
            if (store != null) {
                LoggingCheck.of(Instant.now().truncatedTo(ChronoUnit.SECONDS), connection.region().id(), response.loggingConfig(), drift)
                        .save(store);
                out.println("Recorded in " + record + " as compliance evidence.");
            }
            if (drift.isEmpty()) {
                out.println("Matches the expected settings.");
                return 0;
            }
            out.println("Drift from the expected settings:");
            drift.forEach(line -> out.println("  " + line));
            return DRIFT;
        }

        private StateStore recordStore() {
            String target = record.trim();
            if (target.startsWith("s3://")) {
                String bucket = target.substring("s3://".length()).replaceAll("/+$", "");
                if (bucket.isEmpty() || bucket.contains("/")) {
                    throw new UserError("--record " + record + ": expected a folder or s3://BUCKET (the report bucket)");
                }
                recordClient = S3Client.builder().region(connection.region()).build();
                return new S3StateStore(() -> recordClient, bucket, "");
            }
            if (target.isEmpty() || Files.exists(Path.of(target)) && !Files.isDirectory(Path.of(target))) {
                throw new UserError("--record " + record + ": expected a folder or s3://BUCKET (the report bucket)");
            }
            return new FolderStateStore(Path.of(target));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Removes Bedrock's model invocation logging configuration (logs stop arriving).")
    static final class Disable implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connection connection;

        @Override
        public Integer call() {
            try (BedrockClient bedrock = connection.client()) {
                bedrock.deleteModelInvocationLoggingConfiguration(request -> { });
            } catch (SdkException e) {
                return refused(spec, "disable", e);
            }
            spec.commandLine().getOut().println("Model invocation logging disabled.");
            return 0;
        }
    }

    private static int refused(CommandSpec spec, String action, SdkException e) {
        spec.commandLine().getErr().println("bedrock-monitor: could not " + action
                + " model invocation logging: " + e.getMessage());
        return AWS_FAILURE;
    }
}
