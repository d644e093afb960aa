package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The AWS shape of the store and the archive: rollups read from S3 (S3Proxy), report written back to S3. */
class ReportS3RouteTest extends ReportRouteTestSupport {

    private static S3Proxy s3proxy;
    private static S3Client s3;
    private static Path work;

    @BeforeAll
    static void startS3() throws Exception {
        s3proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test", "test").build();
        s3proxy.start();
        s3 = S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        s3.createBucket(b -> b.bucket("rollup-store"));
        s3.createBucket(b -> b.bucket("report-archive"));
        work = Files.createTempDirectory("report-s3");
        Path rollups = work.resolve("rollups");
        ReportFixtures.writeRollups(rollups);
        try (Stream<Path> files = Files.walk(rollups)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "rollups/" + rollups.relativize(file).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket("rollup-store").key(key), RequestBody.fromFile(file));
            }
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3proxy.stop();
    }

    private static String endpoint() {
        return "http://127.0.0.1:" + s3proxy.getPort();
    }



    @Override
    protected Path work() {
        return work;
    }

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("monitor.store", "s3");
        properties.put("monitor.store.bucket", "rollup-store");
        properties.put("monitor.sink.reports", "aws2-s3://report-archive?region=us-east-1");
        properties.put("camel.component.aws2-s3.override-endpoint", "true");
        properties.put("camel.component.aws2-s3.uri-endpoint-override", endpoint());
        properties.put("camel.component.aws2-s3.force-path-style", "true");
        properties.put("camel.component.aws2-s3.access-key", "test");
        properties.put("camel.component.aws2-s3.secret-key", "test");
        properties.put("camel.component.aws2-s3.use-default-credentials-provider", "false");
        return properties;
    }

    @Test
    void readsRollupsFromS3AndArchivesTheReportToS3() {
        template.sendBodyAndHeaders("direct:report-produce", null, Map.of(
                "reportType", "technical",
                "reportFrom", "2026-11-18T00:00:00Z",
                "reportTo", "2026-11-19T00:00:00Z",
                "reportMail", false));

        String html = s3.getObjectAsBytes(b -> b.bucket("report-archive").key("reports/technical/2026-11-18.html")).asUtf8String();
        assertThat(html).contains("93.3%", "6,000 ms", "&lt;script&gt;alert(1)&lt;/script&gt;");
        String json = s3.getObjectAsBytes(b -> b.bucket("report-archive").key("reports/technical/2026-11-18.json")).asUtf8String();
        assertThat(json).contains("\"invocations\" : 210");
    }
}
