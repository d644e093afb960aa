package org.bedrockmonitor.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ledger entries as objects in the report bucket, written through the aws2-s3 component (its client,
 * credentials and endpoint settings). Creation uses the component's conditional write
 * ({@code If-None-Match: *}): S3 answers 412 (or 409 for a concurrent conditional write) when the
 * entry exists, so two replicas cannot both claim an object.
 */
public final class ObjectLedgerS3Store implements ObjectLedgerStore {

    private final Supplier<ProducerTemplate> producer;
    private final String bucketUri;
    private final String prefix;

    /** {@code bucketUri} e.g. {@code aws2-s3://reports}; {@code prefix} e.g. {@code ledger/}. */
    public ObjectLedgerS3Store(Supplier<ProducerTemplate> producer, String bucketUri, String prefix) {
        this.producer = producer;
        this.bucketUri = bucketUri;
        this.prefix = prefix;
    }

    @Override
    public boolean createIfAbsent(String name, String content) {
        try {
            producer.get().requestBodyAndHeaders(bucketUri + "?conditionalWritesEnabled=true", content,
                    Map.of("CamelAwsS3Key", prefix + name, "CamelAwsS3ContentType", "application/json"));
            return true;
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof S3Exception s3 && (s3.statusCode() == 412 || s3.statusCode() == 409)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<String> read(String name) {
        try {
            Object body = producer.get().requestBodyAndHeader(bucketUri + "?operation=getObject", null,
                    "CamelAwsS3Key", prefix + name);
            try (InputStream in = (InputStream) body) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String name, String content) {
        producer.get().requestBodyAndHeaders(bucketUri, content,
                Map.of("CamelAwsS3Key", prefix + name, "CamelAwsS3ContentType", "application/json"));
    }
}
