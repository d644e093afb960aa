package org.bedrockmonitor.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validates a template against the CloudFormation resource schemas: sections, resource types,
 * property names (nested property types too), required properties, value shapes (string, number,
 * boolean, list, map, tag, structure), {@code Fn::GetAtt} attributes, and that every Ref, GetAtt,
 * Fn::Sub variable, condition and mapping names something the template defines. Each problem is one
 * line naming the template and the path to the offending value.
 */
final class TemplateValidator {

    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs");
    private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
    private static final Set<String> OUTPUT_KEYS = Set.of("Description", "Value", "Export", "Condition");
    private static final Set<String> FUNCTIONS = Set.of("Ref", "Fn::Base64", "Fn::Cidr", "Fn::FindInMap",
            "Fn::GetAtt", "Fn::GetAZs", "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub",
            "Fn::Transform", "Fn::If", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Fn::ToJsonString", "Fn::Length");
    private static final Set<String> SIMPLE_PARAMETER_TYPES = Set.of("String", "Number", "List<Number>",
            "CommaDelimitedList");
    private static final Pattern AWS_PARAMETER_TYPE = Pattern.compile(
            "(List<)?AWS::(EC2|Route53|SSM)::[A-Za-z0-9:]+(>)?(<[A-Za-z0-9:<>]+>)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final ResourceSpec spec;

    TemplateValidator(ResourceSpec spec) {
        this.spec = spec;
    }

    List<String> validate(Template template) {
        Run run = new Run(template);
        run.sections();
        run.parameters();
        run.resources();
        run.outputs();
        run.references("Conditions", template.section("Conditions"));
        run.references("Resources", template.resources());
        run.references("Outputs", template.section("Outputs"));
        run.unusedParameters();
        return run.problems;
    }

    private final class Run {
        private final Template template;
        private final List<String> problems = new ArrayList<>();
        private final Set<String> referenced = new HashSet<>();

        Run(Template template) {
            this.template = template;
        }

        private void problem(String path, String message) {
            problems.add(template.name + ": " + path + ": " + message);
        }

        void sections() {
            template.root.keySet().stream().filter(key -> !SECTIONS.contains(key))
                    .forEach(key -> problem(key, "unknown template section"));
            if (template.resources().isEmpty()) {
                problem("Resources", "a template needs at least one resource");
            }
        }

        void parameters() {
            template.parameters().forEach((name, definition) -> {
                Object type = Template.map(definition).get("Type");
                if (!(type instanceof String t)
                        || !(SIMPLE_PARAMETER_TYPES.contains(t) || AWS_PARAMETER_TYPE.matcher(t).matches())) {
                    problem("Parameters." + name + ".Type", "not a parameter type: " + type);
                }
            });
        }

        void resources() {
            template.resources().forEach((logicalId, body) -> {
                String path = "Resources." + logicalId;
                Map<String, Object> resource = Template.map(body);
                resource.keySet().stream().filter(key -> !RESOURCE_KEYS.contains(key))
                        .forEach(key -> problem(path + "." + key, "unknown resource attribute"));
                Object condition = resource.get("Condition");
                if (condition != null && !template.section("Conditions").containsKey(String.valueOf(condition))) {
                    problem(path + ".Condition", "no condition named " + condition);
                }
                for (Object dependency : Template.list(resource.get("DependsOn"))) {
                    if (!template.resources().containsKey(String.valueOf(dependency))) {
                        problem(path + ".DependsOn", "no resource named " + dependency);
                    }
                }
                String type = template.resourceType(logicalId);
                if (type == null) {
                    problem(path + ".Type", "missing");
                    return;
                }
                if (type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")) {
                    return;
                }
                Optional<JsonNode> schema = spec.resource(type);
                if (schema.isEmpty()) {
                    problem(path + ".Type", "unknown resource type " + type);
                    return;
                }
                Object properties = resource.get("Properties");
                if (properties != null && !(properties instanceof Map)) {
                    problem(path + ".Properties", "must be a mapping");
                    return;
                }
                checkStructure(path + ".Properties", Template.map(properties), schema.get().path("properties"), type);
            });
        }

        void outputs() {
            template.section("Outputs").forEach((name, body) -> {
                Map<String, Object> output = Template.map(body);
                output.keySet().stream().filter(key -> !OUTPUT_KEYS.contains(key))
                        .forEach(key -> problem("Outputs." + name + "." + key, "unknown output attribute"));
                if (!output.containsKey("Value")) {
                    problem("Outputs." + name, "missing Value");
                }
                Object condition = output.get("Condition");
                if (condition != null && !template.section("Conditions").containsKey(String.valueOf(condition))) {
                    problem("Outputs." + name + ".Condition", "no condition named " + condition);
                }
            });
        }

        /** Properties of a resource or of a nested property type: names known, required present, values typed. */
        private void checkStructure(String path, Map<String, Object> values, JsonNode propertySpecs, String owner) {
            values.forEach((name, value) -> {
                JsonNode property = propertySpecs.get(name);
                if (property == null) {
                    problem(path + "." + name, "unknown property of " + owner);
                } else {
                    checkValue(path + "." + name, value, property.path("type"));
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> it = propertySpecs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                if (property.getValue().path("required").asBoolean(false)
                        && (!values.containsKey(property.getKey()) || Template.isNoValue(values.get(property.getKey())))) {
                    problem(path + "." + property.getKey(), "required property of " + owner + " is missing");
                }
            }
        }

        private void checkValue(String path, Object value, JsonNode type) {
            Optional<String> function = Template.intrinsicName(value);
            if (function.isPresent()) {
                if (function.get().equals("Fn::If")) {
                    List<Object> arguments = Template.list(Template.map(value).get("Fn::If"));
                    for (int branch = 1; branch < arguments.size(); branch++) {
                        if (!Template.isNoValue(arguments.get(branch))) {
                            checkValue(path, arguments.get(branch), type);
                        }
                    }
                }
                // any other function yields a value only known at deploy time
                return;
            }
            String kind = type.path("type").asText();
            switch (kind) {
                case "string" -> {
                    if (value instanceof Map || value instanceof List) {
                        problem(path, "expected a string, got " + shape(value));
                    }
                }
                case "integer" -> {
                    if (!(value instanceof Integer || value instanceof Long
                            || value instanceof String s && INTEGER.matcher(s).matches())) {
                        problem(path, "expected an integer, got " + shape(value));
                    }
                }
                case "number" -> {
                    if (!(value instanceof Number || value instanceof String s && NUMBER.matcher(s).matches())) {
                        problem(path, "expected a number, got " + shape(value));
                    }
                }
                case "boolean" -> {
                    if (!(value instanceof Boolean
                            || value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")))) {
                        problem(path, "expected a boolean, got " + shape(value));
                    }
                }
                case "array" -> {
                    if (!(value instanceof List<?> list)) {
                        problem(path, "expected a list, got " + shape(value));
                        return;
                    }
                    for (int i = 0; i < list.size(); i++) {
                        checkValue(path + "[" + i + "]", list.get(i), type.path("element"));
                    }
                }
                case "map" -> {
                    if (!(value instanceof Map<?, ?> entries)) {
                        problem(path, "expected a mapping, got " + shape(value));
                        return;
                    }
                    entries.forEach((key, entry) -> checkValue(path + "." + key, entry, type.path("element")));
                }
                case "tag" -> {
                    Map<String, Object> tag = Template.map(value);
                    if (!(value instanceof Map) || !tag.keySet().equals(Set.of("Key", "Value"))) {
                        problem(path, "expected a tag {Key, Value}, got " + shape(value));
                    }
                }
                case "ref" -> {
                    if (!(value instanceof Map)) {
                        problem(path, "expected a structure, got " + shape(value));
                        return;
                    }
                    JsonNode definition = spec.typeDefinition(type);
                    checkStructure(path, Template.map(value), definition.path("properties"),
                            "property type " + definition.path("name").asText());
                }
                case "union" -> checkUnion(path, value, type);
                default -> {
                    // "json" and any type the schema adds later accept whatever the template says
                }
            }
        }

        private void checkUnion(String path, Object value, JsonNode type) {
            List<String> closest = null;
            for (JsonNode alternative : type.path("types")) {
                Run trial = new Run(template);
                trial.checkValue(path, value, alternative);
                if (trial.problems.isEmpty()) {
                    return;
                }
                if (closest == null || trial.problems.size() < closest.size()) {
                    closest = trial.problems;
                }
            }
            if (closest != null) {
                problems.addAll(closest);
            }
        }

        /** Every Ref, GetAtt, Sub variable, If/Condition and FindInMap names something that exists. */
        void references(String path, Object node) {
            if (node instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    references(path + "[" + i + "]", list.get(i));
                }
                return;
            }
            if (!(node instanceof Map<?, ?> map)) {
                return;
            }
            if (map.size() == 1) {
                Object key = map.keySet().iterator().next();
                Object argument = map.get(key);
                if ("Condition".equals(key) && argument instanceof String condition) {
                    if (!template.section("Conditions").containsKey(condition)) {
                        problem(path, "no condition named " + condition);
                    }
                    return;
                }
                if (key instanceof String function && (function.equals("Ref") || function.startsWith("Fn::"))) {
                    function(path, function, argument);
                    return;
                }
            }
            map.forEach((key, value) -> references(path + "." + key, value));
        }

        private void function(String path, String function, Object argument) {
            if (!FUNCTIONS.contains(function)) {
                problem(path, "unknown intrinsic function " + function);
                return;
            }
            List<Object> arguments = Template.list(argument);
            switch (function) {
                case "Ref" -> ref(path, String.valueOf(argument));
                case "Fn::GetAtt" -> {
                    if (argument instanceof String dotted) {
                        int dot = dotted.indexOf('.');
                        arguments = dot < 0 ? List.of(dotted) : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                    }
                    if (arguments.size() != 2) {
                        problem(path, "Fn::GetAtt takes [resource, attribute]");
                    } else if (arguments.get(1) instanceof String attribute) {
                        getAtt(path, String.valueOf(arguments.get(0)), attribute);
                    } else {
                        references(path + ".Fn::GetAtt", arguments.get(1));
                    }
                }
                case "Fn::Sub" -> sub(path, argument);
                case "Fn::If" -> {
                    if (arguments.size() != 3) {
                        problem(path, "Fn::If takes [condition, value if true, value if false]");
                        return;
                    }
                    if (!template.section("Conditions").containsKey(String.valueOf(arguments.get(0)))) {
                        problem(path, "no condition named " + arguments.get(0));
                    }
                    references(path + ".Fn::If[1]", arguments.get(1));
                    references(path + ".Fn::If[2]", arguments.get(2));
                }
                case "Fn::FindInMap" -> findInMap(path, arguments);
                default -> references(path + "." + function, argument);
            }
        }

        void unusedParameters() {
            template.parameters().keySet().stream().filter(name -> !referenced.contains(name))
                    .forEach(name -> problem("Parameters." + name, "declared but never used"));
        }

        private void ref(String path, String name) {
            referenced.add(name);
            if (!Template.PSEUDO_PARAMETERS.contains(name) && !template.parameters().containsKey(name)
                    && !template.resources().containsKey(name)) {
                problem(path, "Ref to " + name + ", which is no parameter, resource or pseudo parameter");
            }
        }

        private void getAtt(String path, String logicalId, String attribute) {
            if (!template.resources().containsKey(logicalId)) {
                problem(path, "Fn::GetAtt on " + logicalId + ", which is no resource");
                return;
            }
            String type = template.resourceType(logicalId);
            if (type == null || type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")
                    || type.equals("AWS::CloudFormation::Stack")) {
                return;
            }
            spec.resource(type).ifPresent(schema -> {
                if (!schema.path("attributes").has(attribute)) {
                    problem(path, type + " has no attribute " + attribute + " (it has "
                            + fieldNames(schema.path("attributes")) + ")");
                }
            });
        }

        private void sub(String path, Object argument) {
            String text;
            Map<String, Object> variables = Map.of();
            if (argument instanceof String s) {
                text = s;
            } else if (argument instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String s) {
                text = s;
                variables = Template.map(list.get(1));
                references(path + ".Fn::Sub[1]", list.get(1));
            } else {
                problem(path, "Fn::Sub takes a string or [string, {variables}]");
                return;
            }
            Matcher matcher = Template.SUB_VARIABLE.matcher(text);
            while (matcher.find()) {
                String variable = matcher.group(1).trim();
                if (variables.containsKey(variable)) {
                    continue;
                }
                int dot = variable.indexOf('.');
                if (dot > 0 && !Template.PSEUDO_PARAMETERS.contains(variable)) {
                    getAtt(path + " ${" + variable + "}", variable.substring(0, dot), variable.substring(dot + 1));
                } else {
                    ref(path + " ${" + variable + "}", variable);
                }
            }
        }

        private void findInMap(String path, List<Object> arguments) {
            if (arguments.size() < 3) {
                problem(path, "Fn::FindInMap takes [map, top-level key, second-level key]");
                return;
            }
            String mapName = String.valueOf(arguments.get(0));
            Map<String, Object> mapping = Template.map(template.section("Mappings").get(mapName));
            if (mapping.isEmpty()) {
                problem(path, "no mapping named " + mapName);
                return;
            }
            for (int i = 1; i < 3; i++) {
                references(path + ".Fn::FindInMap[" + i + "]", arguments.get(i));
            }
            if (arguments.get(1) instanceof String topKey && !mapping.containsKey(topKey)) {
                problem(path, "mapping " + mapName + " has no key " + topKey);
            }
        }

        private String shape(Object value) {
            if (value instanceof Map) {
                return "a mapping";
            }
            if (value instanceof List) {
                return "a list";
            }
            return value == null ? "nothing" : "'" + value + "'";
        }

        private String fieldNames(JsonNode node) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return String.join(", ", names);
        }
    }
}
