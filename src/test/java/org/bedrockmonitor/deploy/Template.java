package org.bedrockmonitor.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One parsed template, with the lookups the validators share (sections, intrinsic detection, Fn::Sub). */
final class Template {

    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    /** Values a pseudo parameter takes when a string is resolved for inspection (dashboard bodies). */
    private static final Map<String, String> PSEUDO_SAMPLES = Map.of("AWS::AccountId", "123456789012",
            "AWS::Partition", "aws", "AWS::Region", "us-east-1", "AWS::StackName", "sample-stack",
            "AWS::URLSuffix", "amazonaws.com", "AWS::StackId",
            "arn:aws:cloudformation:us-east-1:123456789012:stack/sample-stack/0");

    /** ${Name} or ${Resource.Attribute}; ${!Literal} is an escaped literal and not a reference. */
    static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(?!!)([^}]+)}");

    final String name;
    final Map<String, Object> root;

    Template(String name, Map<String, Object> root) {
        this.name = name;
        this.root = root;
    }

    static Template load(Path file) throws IOException {
        return new Template(file.getFileName().toString(), CfnYaml.load(file));
    }

    static Template parse(String name, String yaml) {
        return new Template(name, CfnYaml.parse(yaml));
    }

    Map<String, Object> section(String section) {
        return map(root.get(section));
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> parameters() {
        return section("Parameters");
    }

    String resourceType(String logicalId) {
        Object type = map(resources().get(logicalId)).get("Type");
        return type instanceof String s ? s : null;
    }

    Map<String, Object> properties(String logicalId) {
        return map(map(resources().get(logicalId)).get("Properties"));
    }

    /** {"Ref": x} or {"Fn::...": x}: a single-key map naming an intrinsic function. */
    static Optional<String> intrinsicName(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Object key = m.keySet().iterator().next();
            if (key instanceof String k && (k.equals("Ref") || k.startsWith("Fn::"))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static boolean isNoValue(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"));
    }

    /**
     * The string a value evaluates to, when it can be known from the template alone: literals,
     * Refs to parameters (their Default) or pseudo parameters, and Fn::Sub over those. Fn::Sub
     * variables given in its map resolve to their own literal value or, for imports, to
     * {@code imported:<name>}. Empty when the value depends on a deployed resource.
     */
    Optional<String> resolveString(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        Optional<String> function = intrinsicName(value);
        if (function.isEmpty()) {
            return Optional.empty();
        }
        Object argument = map(value).get(function.get());
        switch (function.get()) {
            case "Ref":
                return resolveName(String.valueOf(argument), Map.of());
            case "Fn::Sub":
                String text;
                Map<String, Object> variables;
                if (argument instanceof List<?> list && list.size() == 2) {
                    text = String.valueOf(list.get(0));
                    variables = map(list.get(1));
                } else {
                    text = String.valueOf(argument);
                    variables = Map.of();
                }
                return substitute(text, variables);
            default:
                return Optional.empty();
        }
    }

    private Optional<String> substitute(String text, Map<String, Object> variables) {
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Optional<String> replacement = resolveName(matcher.group(1), variables);
            if (replacement.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.get()));
        }
        matcher.appendTail(out);
        return Optional.of(out.toString().replace("${!", "${"));
    }

    private Optional<String> resolveName(String variable, Map<String, Object> variables) {
        if (variables.containsKey(variable)) {
            Object bound = variables.get(variable);
            if (intrinsicName(bound).filter("Fn::ImportValue"::equals).isPresent()) {
                return Optional.of("imported:" + variable);
            }
            return resolveString(bound);
        }
        if (PSEUDO_SAMPLES.containsKey(variable)) {
            return Optional.of(PSEUDO_SAMPLES.get(variable));
        }
        Object parameter = parameters().get(variable);
        if (parameter != null) {
            Object defaultValue = map(parameter).get("Default");
            return Optional.of(defaultValue == null ? "parameter:" + variable : String.valueOf(defaultValue));
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        return value == null ? List.of() : List.of(value);
    }
}
