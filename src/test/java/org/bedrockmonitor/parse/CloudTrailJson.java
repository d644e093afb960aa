package org.bedrockmonitor.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;

/** Builds CloudTrail event JSON in the AWS layout for generated test files. */
public final class CloudTrailJson {

    public static final String PRINCIPAL = "arn:aws:iam::111122223333:user/alice";
    public static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    private final ObjectNode node;

    private CloudTrailJson(ObjectNode node) {
        this.node = node;
    }

    public static CloudTrailJson event(String eventTime, String eventName) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("eventVersion", "1.10");
        ObjectNode identity = node.putObject("userIdentity");
        identity.put("type", "IAMUser");
        identity.put("principalId", "AIDAEXAMPLE");
        identity.put("arn", PRINCIPAL);
        identity.put("accountId", "111122223333");
        node.put("eventTime", eventTime);
        node.put("eventSource", "bedrock.amazonaws.com");
        node.put("eventName", eventName);
        node.put("awsRegion", "us-east-1");
        node.put("sourceIPAddress", "198.51.100.10");
        node.put("userAgent", "Boto3/1.35.50 md/Botocore#1.35.50 ua/2.0 os/linux#6.8.0 lang/python#3.12.3");
        node.putObject("requestParameters").put("modelId", MODEL);
        node.putNull("responseElements");
        node.put("eventID", "evt-" + eventName + "-" + eventTime);
        node.put("readOnly", true);
        node.put("eventType", "AwsApiCall");
        node.put("managementEvent", true);
        node.put("recipientAccountId", "111122223333");
        node.put("eventCategory", "Management");
        return new CloudTrailJson(node);
    }

    /** A PutModelInvocationLoggingConfiguration with the given requestParameters JSON. */
    public static String putLogging(String eventTime, String requestParameters) {
        CloudTrailJson event = event(eventTime, "PutModelInvocationLoggingConfiguration");
        event.node.set("requestParameters", Json.MAPPER.valueToTree(parse(requestParameters)));
        event.node.put("readOnly", false);
        return event.node.toString();
    }

    private static Object parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException invalid) {
            throw new IllegalArgumentException(json, invalid);
        }
    }

    public CloudTrailJson source(String eventSource) {
        node.put("eventSource", eventSource);
        return this;
    }

    public CloudTrailJson failing(String errorCode) {
        node.put("errorCode", errorCode);
        node.put("errorMessage", "User is not authorized to perform this action");
        return this;
    }

    public CloudTrailJson requestModel(String modelId) {
        return requestField("modelId", modelId);
    }

    public CloudTrailJson requestField(String field, String value) {
        ObjectNode parameters = Json.MAPPER.createObjectNode().put(field, value);
        node.set("requestParameters", parameters);
        return this;
    }

    public CloudTrailJson without(String field) {
        node.remove(field);
        return this;
    }

    public CloudTrailJson serviceIdentity(String service) {
        ObjectNode identity = node.putObject("userIdentity");
        identity.put("type", "AWSService");
        identity.put("invokedBy", service);
        node.put("sourceIPAddress", service);
        node.put("userAgent", service);
        return this;
    }

    public CloudTrailJson accountIdentity(String accountId) {
        ObjectNode identity = node.putObject("userIdentity");
        identity.put("type", "AWSAccount");
        identity.put("principalId", "AIDAOTHER:session");
        identity.put("accountId", accountId);
        return this;
    }

    public ObjectNode node() {
        return node;
    }
}
