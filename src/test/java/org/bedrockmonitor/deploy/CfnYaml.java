package org.bedrockmonitor.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation YAML template into plain maps and lists, turning the short-form tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) into their long JSON form ({@code {"Ref": ...}},
 * {@code {"Fn::GetAtt": [...]}}), which is what CloudFormation itself does before validating.
 */
final class CfnYaml {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "If", "Equals", "Not", "And", "Or", "ToJsonString", "Length");

    private CfnYaml() {
    }

    static Map<String, Object> load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text) {
        Object document = new Yaml(new IntrinsicConstructor(new LoaderOptions())).load(text);
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException("a template is a YAML mapping, got " + document);
        }
        return (Map<String, Object>) document;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            FUNCTIONS.forEach(fn -> yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn)));
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            // AWSTemplateFormatVersion: 2010-09-09 unquoted is a YAML timestamp; CloudFormation reads a string
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        private Object constructAny(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String function;

            Intrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(function, constructAny(node));
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object value = constructAny(node);
                if (value instanceof String dotted && dotted.contains(".")) {
                    int dot = dotted.indexOf('.');
                    value = Arrays.asList(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                return Map.of("Fn::GetAtt", value);
            }
        }
    }
}
