package org.bedrockmonitor.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's security rules for templates: Allow statements name exact actions (no {@code *},
 * no {@code service:*}, no partial wildcards, no NotAction) and never allow an unconditioned public
 * principal; buckets are encrypted, block public access and deny non-TLS requests in their bucket
 * policy; queues, topics and log groups are encrypted; log groups have a retention; every queue has a
 * dead-letter queue or is one. Deny statements may use wildcards: a TLS-only deny must cover every action.
 */
final class PolicyRules {

    private static final Set<String> POLICY_PROPERTIES = Set.of("PolicyDocument", "AssumeRolePolicyDocument", "KeyPolicy");

    private PolicyRules() {
    }

    static List<String> check(Template template) {
        List<String> problems = new ArrayList<>();
        template.resources().forEach((logicalId, resource) ->
                policyDocuments("Resources." + logicalId, resource, template, problems));
        template.resources().keySet().forEach(logicalId -> {
            String type = template.resourceType(logicalId);
            Map<String, Object> properties = template.properties(logicalId);
            String path = template.name + ": Resources." + logicalId;
            switch (type == null ? "" : type) {
                case "AWS::S3::Bucket" -> bucket(template, logicalId, properties, path, problems);
                case "AWS::SQS::Queue" -> queue(template, logicalId, properties, path, problems);
                case "AWS::SNS::Topic" -> {
                    if (!properties.containsKey("KmsMasterKeyId")) {
                        problems.add(path + ": topic is not encrypted (KmsMasterKeyId)");
                    }
                }
                case "AWS::Logs::LogGroup" -> {
                    if (!properties.containsKey("KmsKeyId")) {
                        problems.add(path + ": log group is not encrypted with the stack's key (KmsKeyId)");
                    }
                    if (!properties.containsKey("RetentionInDays")) {
                        problems.add(path + ": log group keeps logs forever (RetentionInDays)");
                    }
                }
                default -> {
                }
            }
        });
        return problems;
    }

    private static void policyDocuments(String path, Object node, Template template, List<String> problems) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                policyDocuments(path + "[" + i + "]", list.get(i), template, problems);
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (POLICY_PROPERTIES.contains(String.valueOf(key))) {
                    statements(template.name + ": " + path + "." + key, value, problems);
                } else {
                    policyDocuments(path + "." + key, value, template, problems);
                }
            });
        }
    }

    private static void statements(String path, Object document, List<String> problems) {
        List<Object> statements = Template.list(Template.map(document).get("Statement"));
        for (int i = 0; i < statements.size(); i++) {
            Map<String, Object> statement = Template.map(statements.get(i));
            String where = path + ".Statement[" + i + "]";
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            if (statement.containsKey("NotAction")) {
                problems.add(where + ": Allow with NotAction grants every other action");
            }
            for (Object action : Template.list(statement.get("Action"))) {
                if (action instanceof String name && name.contains("*")) {
                    problems.add(where + ": wildcard action " + name + " (name the exact actions)");
                }
            }
            Object principal = statement.get("Principal");
            boolean publicPrincipal = "*".equals(principal)
                    || Template.list(Template.map(principal).get("AWS")).contains("*");
            if (publicPrincipal && !statement.containsKey("Condition")) {
                problems.add(where + ": allows anyone (Principal *) without a condition");
            }
        }
    }

    private static void bucket(Template template, String logicalId, Map<String, Object> properties, String path,
            List<String> problems) {
        List<Object> encryption = Template.list(Template.map(properties.get("BucketEncryption"))
                .get("ServerSideEncryptionConfiguration"));
        boolean encrypted = encryption.stream().anyMatch(rule -> Template.map(
                Template.map(rule).get("ServerSideEncryptionByDefault")).containsKey("SSEAlgorithm"));
        if (!encrypted) {
            problems.add(path + ": bucket has no default encryption (BucketEncryption)");
        }
        Map<String, Object> block = Template.map(properties.get("PublicAccessBlockConfiguration"));
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            if (!isTrue(block.get(setting))) {
                problems.add(path + ": public access not blocked (PublicAccessBlockConfiguration." + setting + ")");
            }
        }
        boolean tlsOnly = template.resources().keySet().stream()
                .filter(id -> "AWS::S3::BucketPolicy".equals(template.resourceType(id)))
                .map(template::properties)
                .filter(policy -> logicalId.equals(Template.map(policy.get("Bucket")).get("Ref")))
                .anyMatch(policy -> deniesInsecureTransport(policy.get("PolicyDocument")));
        if (!tlsOnly) {
            problems.add(path + ": no bucket policy denies requests without TLS (aws:SecureTransport false)");
        }
    }

    private static boolean deniesInsecureTransport(Object document) {
        return Template.list(Template.map(document).get("Statement")).stream()
                .map(Template::map)
                .filter(statement -> "Deny".equals(statement.get("Effect")))
                .map(statement -> Template.map(Template.map(statement.get("Condition")).get("Bool")))
                .anyMatch(bool -> "false".equals(String.valueOf(bool.get("aws:SecureTransport"))));
    }

    private static void queue(Template template, String logicalId, Map<String, Object> properties, String path,
            List<String> problems) {
        if (!isTrue(properties.get("SqsManagedSseEnabled")) && !properties.containsKey("KmsMasterKeyId")) {
            problems.add(path + ": queue is not encrypted (SqsManagedSseEnabled or KmsMasterKeyId)");
        }
        Map<String, Object> redrive = Template.map(properties.get("RedrivePolicy"));
        if (!redrive.isEmpty()) {
            String target = getAttResource(redrive.get("deadLetterTargetArn"));
            if (target == null || !"AWS::SQS::Queue".equals(template.resourceType(target))) {
                problems.add(path + ": RedrivePolicy.deadLetterTargetArn is not a queue of this template");
            }
            if (!redrive.containsKey("maxReceiveCount")) {
                problems.add(path + ": RedrivePolicy has no maxReceiveCount");
            }
            return;
        }
        boolean isDeadLetterQueue = template.resources().keySet().stream()
                .filter(id -> "AWS::SQS::Queue".equals(template.resourceType(id)))
                .map(id -> Template.map(template.properties(id).get("RedrivePolicy")).get("deadLetterTargetArn"))
                .anyMatch(target -> logicalId.equals(getAttResource(target)));
        if (!isDeadLetterQueue) {
            problems.add(path + ": queue has no dead-letter queue (RedrivePolicy) and is no other queue's DLQ");
        }
    }

    private static String getAttResource(Object value) {
        List<Object> getAtt = Template.list(Template.map(value).get("Fn::GetAtt"));
        return getAtt.size() == 2 ? String.valueOf(getAtt.get(0)) : null;
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
