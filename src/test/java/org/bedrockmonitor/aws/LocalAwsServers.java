package org.bedrockmonitor.aws;

import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.bedrockmonitor.parse.Conformance;

/**
 * Starts ElasticMQ, S3Proxy and a WireMock CloudWatch for trying the jar by hand (README, AWS mode):
 * creates the queue (with a dead-letter queue), the log and report buckets, uploads the invocation log
 * of the test samples (conformance/written) and sends its notification, prints the environment for the jar, then runs until the stop file (first argument) appears.
 */
public final class LocalAwsServers {

    private LocalAwsServers() {
    }

    public static void main(String[] args) throws Exception {
        AwsTestServers servers = new AwsTestServers();
        servers.cloudWatch.stubFor(WireMock.post(AwsTestServers.PUT_METRIC_DATA).willReturn(WireMock.ok()));
        servers.createQueueWithDeadLetterQueue("bedrock-monitor-logs", 3);
        servers.createBucket("logs");
        servers.createBucket("reports");
        String key = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2024/05/14/09/invocation-log-variants.log";
        String eTag = servers.upload("logs", key,
                Files.readAllBytes(Conformance.file("written/invocation-log-variants.log")));
        servers.send("bedrock-monitor-logs", InvocationLogs.s3Event("logs", key, eTag));
        System.out.println("export AWS_ENDPOINT_URL_SQS=" + servers.sqsUrl());
        System.out.println("export AWS_ENDPOINT_URL_S3=" + servers.s3Url());
        System.out.println("export AWS_ENDPOINT_URL_CLOUDWATCH=" + servers.cloudWatchUrl());
        System.out.println("export AWS_ACCESS_KEY_ID=" + AwsTestServers.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY="
                + AwsTestServers.SECRET_KEY + " AWS_REGION=us-east-1");
        System.out.flush();
        Path stopFile = Path.of(args.length > 0 ? args[0] : "local-aws-servers.stop");
        System.out.println("# create " + stopFile + " to print what the service left and stop the servers");
        while (!Files.exists(stopFile)) {
            Thread.sleep(500);
        }
        System.out.println("rollups: " + servers.keys("reports", "rollups/"));
        System.out.println("cloudwatch requests accepted: " + servers.acceptedPutMetricData().size());
        System.out.println("messages left in queue: " + servers.messagesIn("bedrock-monitor-logs"));
        servers.close();
    }
}
