package org.bedrockmonitor.parse;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CloudTrail calls outside Bedrock that the security report's compliance status is made of (the
 * trail, the log buckets' encryption and lifecycle, the log groups' retention and key) and the settings
 * each one names, as {@link AuditEvent#details()}. Also the destinations and data types of Bedrock's own
 * {@code PutModelInvocationLoggingConfiguration}. Only names, flags and numbers are taken: a value longer
 * than an identifier may be is left out.
 */
public final class ComplianceFields {

    public static final String TRAIL = "trail";
    public static final String TRAIL_BUCKET = "trailBucket";
    public static final String TRAIL_LOG_GROUP = "trailLogGroup";
    public static final String LOG_FILE_VALIDATION = "logFileValidation";
    public static final String MULTI_REGION = "multiRegion";
    public static final String BUCKET = "bucket";
    public static final String SSE_ALGORITHM = "sseAlgorithm";
    public static final String KMS_KEY = "kmsKeyId";
    public static final String EXPIRATION_DAYS = "expirationDays";
    public static final String LIFECYCLE_RULES = "lifecycleRules";
    public static final String LOG_GROUP = "logGroup";
    public static final String RETENTION_DAYS = "retentionDays";
    public static final String DESTINATION_BUCKET = "destinationBucket";
    public static final String DESTINATION_PREFIX = "destinationPrefix";
    public static final String DESTINATION_LOG_GROUP = "destinationLogGroup";
    public static final String DATA_TYPES = "dataTypes";

    public static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
    public static final String S3 = "s3.amazonaws.com";
    public static final String LOGS = "logs.amazonaws.com";

    private static final Map<String, Set<String>> KEPT = Map.of(
            CLOUDTRAIL, Set.of("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors"),
            S3, Set.of("PutBucketEncryption", "DeleteBucketEncryption", "PutBucketLifecycle",
                    "PutBucketLifecycleConfiguration", "DeleteBucketLifecycle"),
            LOGS, Set.of("CreateLogGroup", "PutRetentionPolicy", "DeleteRetentionPolicy", "AssociateKmsKey",
                    "DisassociateKmsKey"));
    private static final String[] DATA_TYPE_FLAGS = {"text", "image", "embedding", "video"};

    private ComplianceFields() {
    }

    /** Whether an event of another service than Bedrock is kept as compliance evidence. */
    public static boolean isKept(String eventSource, String eventName) {
        Set<String> names = KEPT.get(eventSource.toLowerCase(Locale.ROOT));
        return names != null && eventName != null && names.contains(eventName);
    }

    /** The settings the call names; empty for a call that names none. */
    static Map<String, String> details(String eventSource, String eventName, JsonNode event) {
        Map<String, String> details = new LinkedHashMap<>();
        JsonNode request = event.path("requestParameters");
        JsonNode response = event.path("responseElements");
        switch (eventSource.toLowerCase(Locale.ROOT)) {
            case CLOUDTRAIL -> {
                put(details, TRAIL, trailName(first(text(request, "name"), text(request, "trailName"), text(response, "name"))));
                put(details, TRAIL_BUCKET, first(text(request, "s3BucketName"), text(response, "s3BucketName")));
                put(details, LOG_FILE_VALIDATION, first(text(request, "enableLogFileValidation"),
                        text(response, "logFileValidationEnabled")));
                put(details, MULTI_REGION, first(text(request, "isMultiRegionTrail"), text(response, "isMultiRegionTrail")));
                put(details, TRAIL_LOG_GROUP, logGroupOfArn(first(text(request, "cloudWatchLogsLogGroupArn"),
                        text(response, "cloudWatchLogsLogGroupArn"))));
                put(details, KMS_KEY, first(text(request, "kmsKeyId"), text(response, "kmsKeyId")));
            }
            case S3 -> {
                put(details, BUCKET, text(request, "bucketName"));
                if (eventName.equals("PutBucketEncryption")) {
                    put(details, SSE_ALGORITHM, firstField(request, "SSEAlgorithm"));
                    put(details, KMS_KEY, firstField(request, "KMSMasterKeyID"));
                } else if (eventName.startsWith("PutBucketLifecycle")) {
                    lifecycle(request, details);
                }
            }
            case LOGS -> {
                put(details, LOG_GROUP, text(request, "logGroupName"));
                put(details, RETENTION_DAYS, text(request, "retentionInDays"));
                put(details, KMS_KEY, text(request, "kmsKeyId"));
            }
            default -> {
                if (CloudTrailReader.PUT_LOGGING_CONFIGURATION.equals(eventName)) {
                    loggingDestinations(request.path("loggingConfig"), details);
                }
            }
        }
        return details;
    }

    private static void loggingDestinations(JsonNode config, Map<String, String> details) {
        put(details, DESTINATION_BUCKET, text(config.path("s3Config"), "bucketName"));
        put(details, DESTINATION_PREFIX, text(config.path("s3Config"), "keyPrefix"));
        put(details, DESTINATION_LOG_GROUP, text(config.path("cloudWatchConfig"), "logGroupName"));
        StringBuilder types = new StringBuilder();
        for (String type : DATA_TYPE_FLAGS) {
            JsonNode flag = config.get(type + "DataDeliveryEnabled");
            if (flag != null && (flag.isBoolean() ? flag.booleanValue() : Boolean.parseBoolean(flag.asText()))) {
                types.append(types.isEmpty() ? "" : ",").append(type);
            }
        }
        if (config.isObject()) {
            details.put(DATA_TYPES, types.toString());
        }
    }

    /** The shortest expiration of the enabled rules (CloudTrail records one rule as an object, several as an array). */
    private static void lifecycle(JsonNode request, Map<String, String> details) {
        JsonNode rules = request.path("LifecycleConfiguration").path("Rule");
        Iterator<JsonNode> each = rules.isArray() ? rules.elements() : List.of(rules).iterator();
        int count = 0;
        Long shortest = null;
        while (each.hasNext()) {
            JsonNode rule = each.next();
            if (!rule.isObject()) {
                continue;
            }
            count++;
            String status = text(rule, "Status");
            Long days = wholeNumber(rule.path("Expiration").path("Days"));
            if ((status == null || status.equalsIgnoreCase("Enabled")) && days != null) {
                shortest = shortest == null ? days : Math.min(shortest, days);
            }
        }
        details.put(LIFECYCLE_RULES, Integer.toString(count));
        put(details, EXPIRATION_DAYS, shortest == null ? null : shortest.toString());
    }

    /** S3 records numbers of XML requests as text: both are read, anything else is not a number of days. */
    private static Long wholeNumber(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        String text = value.isTextual() ? value.asText() : "";
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(Character::isDigit) ? Long.parseLong(text) : null;
    }

    /** {@code arn:aws:cloudtrail:us-east-1:123456789012:trail/main} names the trail {@code main}. */
    private static String trailName(String nameOrArn) {
        if (nameOrArn == null) {
            return null;
        }
        int slash = nameOrArn.indexOf(":trail/");
        return slash >= 0 ? nameOrArn.substring(slash + ":trail/".length()) : nameOrArn;
    }

    /** {@code arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/main:*} names {@code CloudTrail/main}. */
    private static String logGroupOfArn(String arn) {
        if (arn == null) {
            return null;
        }
        int start = arn.indexOf(":log-group:");
        if (start < 0) {
            return arn;
        }
        String name = arn.substring(start + ":log-group:".length());
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }

    /** The first value of a field of that name anywhere under {@code node}, depth first. */
    private static String firstField(JsonNode node, String field) {
        JsonNode found = node.findValue(field);
        return found == null || !found.isValueNode() ? null : found.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null && !value.isEmpty() && value.length() <= RecordLimits.MAX_FIELD_CHARS) {
            details.put(key, value);
        }
    }
}
