package org.bedrockmonitor.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The store in an S3 bucket (AWS mode). The client is the aws2-s3 component's own (its region,
 * credentials and endpoint settings); it is used directly because the component's producer has no
 * {@code If-Match} write, which is what lets exactly one replica win a takeover.
 *
 * <p>S3 answers a failed condition with 412 (Precondition Failed), 409 (a concurrent conditional write
 * to the same key) or, for {@code If-Match} on a key that is gone, 404: all mean "not written".
 */
public final class S3StateStore implements StateStore {

    private final Supplier<S3Client> client;
    private final String bucket;
    private final String prefix;

    /** @param prefix key prefix inside the bucket ("" for the bucket's root) */
    public S3StateStore(Supplier<S3Client> client, String bucket, String prefix) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public Optional<Versioned> get(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = client.get().getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key));
            return Optional.of(new Versioned(bytes.asByteArray(), bytes.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, byte[] content) {
        client.get().putObject(b -> b.bucket(bucket).key(prefix + key), RequestBody.fromBytes(content));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        try {
            client.get().putObject(b -> b.bucket(bucket).key(prefix + key).ifNoneMatch("*"), RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (conditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean putIfMatch(String key, byte[] content, String etag) {
        try {
            client.get().putObject(b -> b.bucket(bucket).key(prefix + key).ifMatch(etag), RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (conditionFailed(e) || e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Listed> list(String keyPrefix) {
        List<Listed> listed = new ArrayList<>();
        for (S3Object object : client.get().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents()) {
            listed.add(new Listed(object.key().substring(prefix.length()), object.eTag()));
        }
        return listed;
    }

    @Override
    public List<String> folders(String keyPrefix) {
        List<String> folders = new ArrayList<>();
        String listed = prefix + keyPrefix;
        for (CommonPrefix common : client.get().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(listed).delimiter("/"))
                .commonPrefixes()) {
            String name = common.prefix().substring(listed.length());
            folders.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
        }
        return folders;
    }

    @Override
    public Optional<String> firstKey(String keyPrefix) {
        return client.get().listObjectsV2(b -> b.bucket(bucket).prefix(prefix + keyPrefix).maxKeys(1)).contents().stream()
                .findFirst().map(object -> object.key().substring(prefix.length()));
    }

    @Override
    public void delete(String key) {
        client.get().deleteObject(b -> b.bucket(bucket).key(prefix + key));
    }

    @Override
    public boolean deleteIfMatch(String key, String etag) {
        try {
            client.get().deleteObject(b -> b.bucket(bucket).key(prefix + key).ifMatch(etag));
            return true;
        } catch (S3Exception e) {
            if (conditionFailed(e) || e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    private static boolean conditionFailed(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409;
    }
}
