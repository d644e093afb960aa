package org.bedrockmonitor.ingest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.bedrockmonitor.config.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the object references out of a queue message of any shape S3 delivers: a direct S3 event
 * (several Records), an SNS envelope (Message = the S3 event as a JSON string; raw delivery is the S3
 * event itself), an EventBridge "Object Created" event, an {@code s3:TestEvent}, and the Lambda-style
 * wrappers of those (Records of SQS messages or SNS notifications). Only created objects under the
 * configured prefixes are returned; the rest is listed as ignored with the reason.
 */
public final class S3NotificationParser {

    private static final Logger LOG = LoggerFactory.getLogger(S3NotificationParser.class);
    /** SNS and Lambda wrappers nest at most a few levels; deeper is not a notification. */
    private static final int MAX_DEPTH = 4;

    private final List<String> keyPrefixes;

    /** {@code keyPrefixes} empty means every key. */
    public S3NotificationParser(List<String> keyPrefixes) {
        this.keyPrefixes = List.copyOf(keyPrefixes);
    }

    /** The objects to read for one message; logs (debug) what it acknowledges without reading. */
    public List<S3NotificationObject> objectsToRead(String body) {
        S3Notification notification = parse(body);
        notification.ignored().forEach(reason -> LOG.debug("notification entry ignored: {}", reason));
        return notification.objects();
    }

    public S3Notification parse(String body) {
        List<S3NotificationObject> objects = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        JsonNode root;
        try {
            root = body == null ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            ignored.add("not a JSON object: not an S3 notification");
        } else {
            read(root, 0, objects, ignored);
        }
        return new S3Notification(objects, ignored);
    }

    private void read(JsonNode node, int depth, List<S3NotificationObject> objects, List<String> ignored) {
        if (depth > MAX_DEPTH) {
            ignored.add("notification nested too deeply");
        } else if ("s3:TestEvent".equals(node.path("Event").asText())) {
            ignored.add("s3:TestEvent for bucket " + node.path("Bucket").asText());
        } else if ("aws.s3".equals(node.path("source").asText()) && node.has("detail-type")) {
            eventBridge(node, objects, ignored);
        } else if (node.path("Type").asText().equals("Notification") && node.has("Message")) {
            nested(node.path("Message").asText(), depth, objects, ignored, "SNS message");
        } else if (node.path("Records").isArray()) {
            for (JsonNode record : node.path("Records")) {
                record(record, depth, objects, ignored);
            }
        } else {
            ignored.add("not an S3, SNS or EventBridge notification");
        }
    }

    private void record(JsonNode record, int depth, List<S3NotificationObject> objects, List<String> ignored) {
        if (record.has("s3")) {
            s3Record(record, objects, ignored);
        } else if (record.path("Sns").isObject()) {
            nested(record.path("Sns").path("Message").asText(), depth, objects, ignored, "SNS record message");
        } else if (record.has("body") && record.has("messageId")) {
            nested(record.path("body").asText(), depth, objects, ignored, "SQS record body");
        } else {
            ignored.add("record is not an S3 event record");
        }
    }

    private void nested(String text, int depth, List<S3NotificationObject> objects, List<String> ignored,
                        String what) {
        JsonNode inner;
        try {
            inner = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            inner = null;
        }
        if (inner == null || !inner.isObject()) {
            ignored.add(what + " is not JSON: not an S3 notification");
            return;
        }
        read(inner, depth + 1, objects, ignored);
    }

    private void s3Record(JsonNode record, List<S3NotificationObject> objects, List<String> ignored) {
        String eventName = record.path("eventName").asText();
        JsonNode s3 = record.path("s3");
        String bucket = s3.path("bucket").path("name").asText();
        // S3 event keys are URL-encoded form style ('+' is a space)
        String key = URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8);
        if (!eventName.startsWith("ObjectCreated:")) {
            ignored.add(eventName + " s3://" + bucket + "/" + key);
            return;
        }
        JsonNode object = s3.path("object");
        accept(new S3NotificationObject(bucket, key, text(object, "eTag"), size(object), text(object, "versionId")),
                objects, ignored);
    }

    private void eventBridge(JsonNode event, List<S3NotificationObject> objects, List<String> ignored) {
        String type = event.path("detail-type").asText();
        JsonNode detail = event.path("detail");
        String bucket = detail.path("bucket").path("name").asText();
        // EventBridge keys are not URL-encoded
        String key = detail.path("object").path("key").asText();
        if (!"Object Created".equals(type)) {
            ignored.add(type + " s3://" + bucket + "/" + key);
            return;
        }
        JsonNode object = detail.path("object");
        accept(new S3NotificationObject(bucket, key, text(object, "etag"), size(object), text(object, "version-id")),
                objects, ignored);
    }

    private void accept(S3NotificationObject object, List<S3NotificationObject> objects, List<String> ignored) {
        if (object.bucket().isEmpty() || object.key().isEmpty()) {
            ignored.add("created-object event without bucket or key");
        } else if (!keyPrefixes.isEmpty() && keyPrefixes.stream().noneMatch(object.key()::startsWith)) {
            ignored.add("outside the configured prefixes: " + object.source());
        } else if (LogObjectKeys.isOffloadedBody(object.key())) {
            ignored.add("offloaded request/response body: " + object.source());
        } else {
            objects.add(object);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static Long size(JsonNode node) {
        JsonNode value = node.get("size");
        return value == null || !value.canConvertToLong() ? null : value.asLong();
    }
}
