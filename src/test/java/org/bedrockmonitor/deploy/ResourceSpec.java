package org.bedrockmonitor.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CloudFormation resource schemas of the npm package {@code @aws-cdk/aws-service-spec} (its
 * {@code db.json.gz}): resources by CloudFormation type, each with {@code properties} (name ->
 * {type, required}) and {@code attributes} (what {@code Fn::GetAtt} may name); property types are
 * {@code {"type": "string" | "integer" | "number" | "boolean" | "json" | "tag" | "array" | "map" |
 * "ref" | "union"}}, where {@code ref} points by {@code $id} at a type definition with its own properties.
 */
final class ResourceSpec {

    static final Path DEFAULT_DB = Path.of("node_modules", "@aws-cdk", "aws-service-spec", "db.json.gz");

    private static ResourceSpec shared;

    private final Map<String, JsonNode> resourcesByType = new HashMap<>();
    private final Map<String, JsonNode> typeDefinitionsById = new HashMap<>();

    private ResourceSpec(JsonNode db) {
        for (JsonNode resource : db.path("schema").path("resource").path("entities")) {
            resourcesByType.put(resource.path("cloudFormationType").asText(), resource);
        }
        for (JsonNode definition : db.path("schema").path("typeDefinition").path("entities")) {
            typeDefinitionsById.put(definition.path("$id").asText(), definition);
        }
        if (resourcesByType.size() < 1000) {
            throw new IllegalStateException("the schema file holds only " + resourcesByType.size()
                    + " resource types; its format changed or it is truncated");
        }
    }

    /** The schemas under ./node_modules, read once per test JVM (parsing takes about a second). */
    static synchronized ResourceSpec shared() {
        if (shared == null) {
            shared = load(DEFAULT_DB);
        }
        return shared;
    }

    static ResourceSpec load(Path db) {
        if (!Files.isRegularFile(db)) {
            throw new IllegalStateException("CloudFormation resource schemas not found at " + db.toAbsolutePath()
                    + ": run `npm ci` (or `npm install`) in the project folder to install @aws-cdk/aws-service-spec");
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(db), 1 << 16)) {
            return new ResourceSpec(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CloudFormation resource schemas at " + db + ": " + e.getMessage(), e);
        }
    }

    Optional<JsonNode> resource(String cloudFormationType) {
        return Optional.ofNullable(resourcesByType.get(cloudFormationType));
    }

    JsonNode typeDefinition(JsonNode refType) {
        String id = refType.path("reference").path("$ref").asText();
        JsonNode definition = typeDefinitionsById.get(id);
        if (definition == null) {
            throw new IllegalStateException("schema type definition " + id + " is missing from the schema file");
        }
        return definition;
    }

    int resourceTypeCount() {
        return resourcesByType.size();
    }
}
