package org.bedrockmonitor.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded generator of Bedrock model invocation log objects: {@code records} lines with distinct request
 * ids, a few models and principals, tokens and latencies. Ground truth is the record count itself.
 */
final class InvocationLogs {

    private static final String[] MODELS = {"anthropic.claude-3-haiku-20240307-v1:0",
            "anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.titan-text-express-v1"};

    private InvocationLogs() {
    }

    static String lines(String idPrefix, int records, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.parse("2025-03-10T10:00:00Z");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < records; i++) {
            String principal = "arn:aws:iam::123456789012:user/user" + random.nextInt(4);
            out.append("{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"")
                    .append(start.plusSeconds(i * 7L)).append("\",\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"")
                    .append(principal).append("\"},\"region\":\"us-east-1\",\"requestId\":\"").append(idPrefix).append('-')
                    .append(i).append("\",\"operation\":\"Converse\",\"modelId\":\"").append(MODELS[random.nextInt(MODELS.length)])
                    .append("\",\"input\":{\"inputContentType\":\"application/json\",\"inputTokenCount\":")
                    .append(10 + random.nextInt(500)).append("},\"output\":{\"outputContentType\":\"application/json\",")
                    .append("\"outputBodyJson\":{\"metrics\":{\"latencyMs\":").append(100 + random.nextInt(3000))
                    .append("}},\"outputTokenCount\":").append(5 + random.nextInt(300)).append("}}\n");
        }
        return out.toString();
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Two gzip members back to back, as concatenating gzip files produces. */
    static byte[] multiMemberGzip(String first, String second) {
        byte[] a = gzip(first);
        byte[] b = gzip(second);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static String s3Event(String bucket, String... keysAndETags) {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < keysAndETags.length; i += 2) {
            if (i > 0) {
                records.append(',');
            }
            records.append("{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",")
                    .append("\"s3\":{\"bucket\":{\"name\":\"").append(bucket).append("\"},\"object\":{\"key\":\"")
                    .append(java.net.URLEncoder.encode(keysAndETags[i], StandardCharsets.UTF_8).replace("%2F", "/"))
                    .append("\",\"eTag\":\"").append(keysAndETags[i + 1]).append("\"}}}");
        }
        return "{\"Records\":[" + records + "]}";
    }

    static String snsEnvelope(String message) {
        return "{\"Type\":\"Notification\",\"MessageId\":\"m-1\",\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:t\","
                + "\"Subject\":\"Amazon S3 Notification\",\"Message\":" + quote(message) + "}";
    }

    static String eventBridge(String bucket, String key, String eTag) {
        return "{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"detail\":{\"bucket\":{\"name\":\""
                + bucket + "\"},\"object\":{\"key\":" + quote(key) + ",\"etag\":\"" + eTag + "\"},\"reason\":\"PutObject\"}}";
    }

    private static String quote(String text) {
        return org.bedrockmonitor.config.Json.MAPPER.getNodeFactory().textNode(text).toString();
    }
}
