package org.bedrockmonitor.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ (SQS), S3Proxy (S3) and WireMock (CloudWatch) in this JVM, plus the test's own SDK clients
 * to set them up and inspect what the service left on them.
 */
public final class AwsTestServers implements AutoCloseable {

    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret";
    static final String PUT_METRIC_DATA = "/service/GraniteServiceVersion20100801/operation/PutMetricData";

    final SQSRestServer sqsServer;
    final S3Proxy s3Proxy;
    final WireMockServer cloudWatch;
    public final SqsClient sqs;
    public final S3Client s3;
    final int sqsPort;

    public AwsTestServers() throws Exception {
        sqsServer = SQSRestServerBuilder.withDynamicPort().withInterface("127.0.0.1").start();
        sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
        s3Proxy = S3Proxy.builder().blobStore(new ConditionalWritesBlobStore(new TransientNio2BlobStore()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        s3Proxy.start();
        while (!"STARTED".equals(s3Proxy.getState())) {
            Thread.onSpinWait();
        }
        cloudWatch = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        cloudWatch.start();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        sqs = SqsClient.builder().endpointOverride(URI.create(sqsUrl())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        s3 = S3Client.builder().endpointOverride(URI.create(s3Url())).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(credentials).build();
    }

    String sqsUrl() {
        return "http://127.0.0.1:" + sqsPort;
    }

    String s3Url() {
        return "http://127.0.0.1:" + s3Proxy.getPort();
    }

    String cloudWatchUrl() {
        return "http://127.0.0.1:" + cloudWatch.port();
    }

    /** Properties that point the service's aws2-* components at these servers. */
    public Map<String, String> serviceProperties(String queue, String reportBucket, Path stateDir) {
        Map<String, String> p = new LinkedHashMap<>();
        // SNS (the detection box's alert sink) has no emulator: it points at the WireMock server too
        for (String[] component : new String[][] {{"aws2-sqs", sqsUrl()}, {"aws2-s3", s3Url()}, {"aws2-cw", cloudWatchUrl()},
                {"aws2-sns", cloudWatchUrl()}}) {
            String prefix = "camel.component." + component[0] + ".";
            p.put(prefix + "override-endpoint", "true");
            p.put(prefix + "uri-endpoint-override", component[1]);
            p.put(prefix + "access-key", ACCESS_KEY);
            p.put(prefix + "secret-key", SECRET_KEY);
            p.put(prefix + "use-default-credentials-provider", "false");
            p.put(prefix + "region", "us-east-1");
        }
        p.put("monitor.aws.s3.force-path-style", "true");
        p.put("monitor.aws.queue-name", queue);
        p.put("monitor.aws.queue-url", "");
        p.put("monitor.aws.report-bucket", reportBucket);
        p.put("monitor.aws.sns-topic-arn", "arn:aws:sns:us-east-1:000000000000:bedrock-alerts");
        p.put("monitor.aws.sqs.wait-time-seconds", "1");
        p.put("monitor.aws.sqs.visibility-timeout", "4");
        p.put("monitor.aws.sqs.concurrent-consumers", "2");
        p.put("monitor.ledger.claim-seconds", "3");
        p.put("monitor.ledger.busy-retry-ms", "1000");
        p.put("monitor.jobs.claim-seconds", "3");
        p.put("monitor.environment", "test");
        p.put("monitor.health.enabled", "false");
        p.put("monitor.out.dir", stateDir.toString());
        p.put("monitor.metrics.retry-delay-ms", "50");
        p.put("monitor.metrics.retry-max-delay-ms", "400");
        p.put("camel.main.shutdown-timeout", "5");
        return p;
    }

    /** A work queue whose messages move to {@code <name>-dlq} after {@code maxReceiveCount} receives. */
    public String createQueueWithDeadLetterQueue(String name, int maxReceiveCount) {
        sqs.createQueue(b -> b.queueName(name + "-dlq"));
        String policy = "{\"maxReceiveCount\":\"" + maxReceiveCount
                + "\",\"deadLetterTargetArn\":\"arn:aws:sqs:elasticmq:000000000000:" + name + "-dlq\"}";
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "4",
                QueueAttributeName.REDRIVE_POLICY, policy))).queueUrl();
    }

    public String queueUrl(String name) {
        return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** Visible + in flight + delayed messages of a queue. */
    public int messagesIn(String name) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl(name))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    void send(String queue, String body) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl(queue)).messageBody(body));
    }

    public void createBucket(String bucket) {
        s3.createBucket(b -> b.bucket(bucket));
    }

    /** Uploads and returns the eTag S3 gives the object (as a notification would carry it). */
    public String upload(String bucket, String key, byte[] content) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)).eTag().replace("\"", "");
    }

    List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    String read(String bucket, String key) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PutMetricData request CloudWatch accepted (status 200), decoded from CBOR. */
    List<JsonNode> acceptedPutMetricData() {
        CBORMapper cbor = new CBORMapper();
        List<JsonNode> requests = new ArrayList<>();
        cloudWatch.getAllServeEvents().forEach(event -> {
            if (event.getRequest().getUrl().equals(PUT_METRIC_DATA) && event.getResponse().getStatus() == 200) {
                try {
                    requests.add(cbor.readTree(event.getRequest().getBody()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        return requests;
    }

    List<LoggedRequest> putMetricDataRequests() {
        return cloudWatch.findAll(postRequestedFor(urlEqualTo(PUT_METRIC_DATA))
                .withHeader("Content-Type", equalTo("application/cbor")));
    }

    @Override
    public void close() throws Exception {
        sqs.close();
        s3.close();
        cloudWatch.stop();
        s3Proxy.stop();
        sqsServer.stopAndWait();
    }
}
