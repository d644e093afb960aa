package org.bedrockmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy.sh drives the aws CLI in the right order with the right parameters. A fake {@code aws} on the
 * PATH records each call and answers the few queries the script makes; no AWS account is involved.
 */
class DeployScriptTest {

    private static final Path SCRIPT = Path.of("cloudformation", "deploy.sh").toAbsolutePath();

    @TempDir
    Path work;
    private Path calls;
    private Path parameters;

    record Result(int exitCode, String output, List<String> awsCalls) {
    }

    @BeforeEach
    void fakeAwsCli() throws IOException {
        calls = work.resolve("aws-calls.log");
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, """
                #!/usr/bin/env bash
                echo "$*" >> "$AWS_CALL_LOG"
                case "$*" in
                  *"StackStatus"*) echo CREATE_COMPLETE ;;
                  *"OutputKey=="*) echo "output-$(echo "$*" | sed -n "s/.*OutputKey=='\\([A-Za-z]*\\)'.*/\\1/p")" ;;
                  "sts get-caller-identity"*) echo 123456789012 ;;
                esac
                """);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        parameters = work.resolve("parameters.json");
        Files.writeString(parameters, """
                {"common": {"Environment": "test", "MetricNamespace": "Custom/Bedrock"},
                 "infrastructure": {"AlertEmail": "", "MonitoredModelId": "anthropic.claude-3-haiku-20240307-v1:0"},
                 "dashboards": {"SlaLatencyMs": "20000"},
                 "service": {"VpcId": "vpc-1", "SubnetIds": "subnet-a,subnet-b", "SenderEmail": "noreply@example.com"}}
                """);
    }

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", work.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("AWS_CALL_LOG", calls.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> awsCalls = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        return new Result(process.exitValue(), output, awsCalls);
    }

    private static List<String> deploys(Result result) {
        return result.awsCalls().stream().filter(call -> call.startsWith("cloudformation deploy")).toList();
    }

    @Test
    void deployCreatesInfrastructureThenDashboardsThenServiceWithTheParameterFile() throws Exception {
        Result result = run("deploy", "--parameters", parameters.toString(), "--image-tag", "abc123");

        assertThat(result.exitCode()).as(result.output()).isZero();
        List<String> deploys = deploys(result);
        assertThat(deploys).hasSize(3);
        assertThat(deploys.get(0)).contains("--stack-name bedrock-monitoring-test-infrastructure",
                "bedrock-monitoring-infrastructure.yaml", "--capabilities CAPABILITY_IAM",
                "Environment=test", "MetricNamespace=Custom/Bedrock",
                "MonitoredModelId=anthropic.claude-3-haiku-20240307-v1:0").doesNotContain("AlertEmail");
        assertThat(deploys.get(1)).contains("--stack-name bedrock-monitoring-test-dashboards",
                "bedrock-monitoring-dashboards.yaml", "SlaLatencyMs=20000",
                "InfrastructureStackName=bedrock-monitoring-test-infrastructure");
        assertThat(deploys.get(2)).contains("--stack-name bedrock-monitoring-test-service",
                "bedrock-monitoring-service.yaml", "VpcId=vpc-1", "SubnetIds=subnet-a,subnet-b", "ImageTag=abc123",
                "InfrastructureStackName=bedrock-monitoring-test-infrastructure");
        assertThat(result.output()).contains("logging enable --bucket output-LogBucketName"
                + " --log-group output-InvocationLogGroupName --role-arn output-BedrockLoggingRoleArn");
    }

    @Test
    void theServiceNeedsANetworkButSkipServiceDeploysTheRest() throws Exception {
        Files.writeString(parameters, Files.readString(parameters).replace("vpc-1", ""));

        Result refused = run("deploy", "--parameters", parameters.toString(), "--image-tag", "abc123");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("service.VpcId and service.SubnetIds must be set");

        Files.delete(calls);
        Result skipped = run("deploy", "--parameters", parameters.toString(), "--skip-service");
        assertThat(skipped.exitCode()).as(skipped.output()).isZero();
        assertThat(deploys(skipped)).hasSize(2);
    }

    @Test
    void deleteRemovesTheStacksInReverseOrder() throws Exception {
        Result result = run("delete", "--parameters", parameters.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.awsCalls().stream().filter(call -> call.startsWith("cloudformation delete-stack")))
                .containsExactly("cloudformation delete-stack --stack-name bedrock-monitoring-test-service",
                        "cloudformation delete-stack --stack-name bedrock-monitoring-test-dashboards",
                        "cloudformation delete-stack --stack-name bedrock-monitoring-test-infrastructure");
    }

    @Test
    void anUnknownActionOrOptionIsOneSentenceAndExitTwo() throws Exception {
        Result action = run("redeploy", "--parameters", parameters.toString());
        assertThat(action.exitCode()).isEqualTo(2);
        assertThat(action.output().strip()).isEqualTo("deploy.sh: unknown action redeploy (deploy, delete or status)");

        Result option = run("status", "--regoin", "eu-west-1");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.output().strip()).isEqualTo("deploy.sh: unknown option --regoin (see the header of this script)");
    }
}
