package org.bedrockmonitor.ingest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The other spelling of an S3 key. S3 event notifications URL-encode keys (form style: {@code +} for a
 * space) and the parser decodes them; public sources disagree on whether EventBridge does, so its keys are
 * taken as given. When S3 answers NoSuchKey, the key is tried once more in its other form: decoded when it
 * looks encoded, else encoded as S3 events encode it.
 */
public final class S3KeyForms implements Processor {

    /** Header of the S3 key the aws2-s3 getObject reads. */
    public static final String KEY_HEADER = "CamelAwsS3Key";
    /** Header naming the object (s3://bucket/key) in logs, rollups and the rejected sink. */
    public static final String SOURCE_HEADER = "monitorSource";
    /** Header holding the key first tried, once the other form has replaced it. */
    public static final String FIRST_KEY_HEADER = "monitorFirstKey";
    /** Header listing the keys tried, for the warning about a missing object. */
    public static final String TRIED_KEYS_HEADER = "monitorTriedKeys";

    private static final Pattern ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}|\\+");

    /** The other form of a key, or empty when both forms are the same string. */
    public static Optional<String> otherForm(String key) {
        String other = ENCODED.matcher(key).find() ? decoded(key) : encoded(key);
        return other.equals(key) ? Optional.empty() : Optional.of(other);
    }

    private static String decoded(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return encoded(key);
        }
    }

    private static String encoded(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /**
     * Before getObject is retried: the key header (and the object's source) take the other form; the key
     * first tried and every key tried are kept in headers for the warning if the object is missing anyway.
     */
    @Override
    public void process(Exchange exchange) {
        String key = exchange.getMessage().getHeader(KEY_HEADER, String.class);
        if (key == null || exchange.getMessage().getHeader(FIRST_KEY_HEADER) != null) {
            return;
        }
        exchange.getMessage().setHeader(FIRST_KEY_HEADER, key);
        exchange.getMessage().setHeader(TRIED_KEYS_HEADER, key);
        otherForm(key).ifPresent(other -> {
            exchange.getMessage().setHeader(KEY_HEADER, other);
            exchange.getMessage().setHeader(TRIED_KEYS_HEADER, key + " and " + other);
            String source = exchange.getMessage().getHeader(SOURCE_HEADER, String.class);
            if (source != null && source.endsWith("/" + key)) {
                exchange.getMessage().setHeader(SOURCE_HEADER, source.substring(0, source.length() - key.length()) + other);
            }
        });
    }
}
