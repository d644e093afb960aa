package org.bedrockmonitor.store;

import java.net.URI;

import org.bedrockmonitor.aws.ConditionalWritesBlobStore;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against S3Proxy (the wire protocol of S3, conditional writes included). */
class S3StateStoreTest extends StateStoreContract {

    static S3Proxy proxy;
    static S3Client s3;
    static int bucketNumber;
    String bucket;

    @BeforeAll
    static void start() throws Exception {
        proxy = S3Proxy.builder().blobStore(new ConditionalWritesBlobStore(new TransientNio2BlobStore()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "key", "secret").build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret"))).build();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        proxy.stop();
    }

    @BeforeEach
    void bucket() {
        bucket = "store-" + ++bucketNumber;
        s3.createBucket(b -> b.bucket(bucket));
    }

    @Override
    StateStore store() {
        return new S3StateStore(() -> s3, bucket, "");
    }
}
