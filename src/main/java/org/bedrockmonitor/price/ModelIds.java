package org.bedrockmonitor.price;

import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.arns.Arn;

/**
 * The one owner of Bedrock's model-id rules: what kind of thing a logged {@code modelId} names (a model
 * id, a system inference profile, an ARN of a foundation model, an application inference profile, a
 * provisioned or custom model), the geo and global prefixes of cross-region inference profiles, and the
 * base id a prefix wraps. Pricing, detection and reports all ask here.
 */
public final class ModelIds {

    /** Geography prefixes of cross-region inference profiles: the request may run anywhere in that geography. */
    public static final List<String> GEO_PREFIXES = List.of("us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov.");
    /** The global inference profile prefix: the request may run in any commercial region. */
    public static final String GLOBAL_PREFIX = "global.";

    /** Where a request may run, as its id says; the wire names are the {@code scope} column's values. */
    public enum Scope {
        GLOBAL("global"), GEO("geo"), IN_REGION("in-region");

        private final String wire;

        Scope(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** What a logged model id names. */
    public enum Kind {
        /** A model id or a system inference profile id, written plainly. */
        MODEL,
        /** {@code arn:…:inference-profile/<id>}: a system (cross-region) inference profile. */
        SYSTEM_PROFILE,
        /** {@code arn:…:foundation-model/<id>}. */
        FOUNDATION_MODEL,
        /** {@code arn:…:application-inference-profile/…}: wraps a model the ARN does not name. */
        APPLICATION_PROFILE,
        /** {@code arn:…:provisioned-model/…}: provisioned throughput, billed per model unit and hour. */
        PROVISIONED,
        /** A custom, imported or deployed model. */
        CUSTOM_MODEL,
        /** Any other ARN (a marketplace endpoint, another service). */
        OTHER_ARN;

        /** The id alone does not say which model is billed: the pricing table has to map it. */
        public boolean opaque() {
            return this != MODEL && this != SYSTEM_PROFILE && this != FOUNDATION_MODEL;
        }
    }

    /**
     * A logged model id taken apart. {@code id} is the model or profile id inside a system profile or
     * foundation-model ARN, the id itself when it is not an ARN, and the whole ARN otherwise.
     */
    public record Resolved(String logged, Kind kind, String id) {

        /** The id without its geo or global prefix. */
        public String baseId() {
            return withoutScopePrefix(id);
        }

        public Scope scope() {
            return scopeOf(id);
        }
    }

    private ModelIds() {
    }

    public static Resolved resolve(String logged) {
        if (logged == null || !logged.startsWith("arn:")) {
            return new Resolved(logged, Kind.MODEL, logged);
        }
        Optional<Arn> parsed = Arn.tryFromString(logged);
        if (parsed.isEmpty() || !"bedrock".equals(parsed.get().service())) {
            return new Resolved(logged, Kind.OTHER_ARN, logged);
        }
        String resource = parsed.get().resourceAsString();
        int slash = resource.indexOf('/');
        String type = slash < 0 ? resource : resource.substring(0, slash);
        String inside = slash < 0 ? "" : resource.substring(slash + 1);
        return switch (type) {
            case "inference-profile" -> new Resolved(logged, Kind.SYSTEM_PROFILE, inside);
            case "foundation-model" -> new Resolved(logged, Kind.FOUNDATION_MODEL, inside);
            case "application-inference-profile" -> new Resolved(logged, Kind.APPLICATION_PROFILE, logged);
            case "provisioned-model" -> new Resolved(logged, Kind.PROVISIONED, logged);
            case "custom-model", "custom-model-deployment", "imported-model" -> new Resolved(logged, Kind.CUSTOM_MODEL, logged);
            default -> new Resolved(logged, Kind.OTHER_ARN, logged);
        };
    }

    /** {@code id} without one geo or global prefix ({@code us.anthropic.x} → {@code anthropic.x}). */
    public static String withoutScopePrefix(String id) {
        String prefix = scopePrefix(id);
        return prefix == null ? id : id.substring(prefix.length());
    }

    /** Global, geo (one of {@link #GEO_PREFIXES}) or in-region when the id carries no prefix. */
    public static Scope scopeOf(String id) {
        String prefix = scopePrefix(id);
        if (prefix == null) {
            return Scope.IN_REGION;
        }
        return prefix.equals(GLOBAL_PREFIX) ? Scope.GLOBAL : Scope.GEO;
    }

    private static String scopePrefix(String id) {
        if (id == null) {
            return null;
        }
        if (id.startsWith(GLOBAL_PREFIX)) {
            return GLOBAL_PREFIX;
        }
        for (String prefix : GEO_PREFIXES) {
            if (id.startsWith(prefix)) {
                return prefix;
            }
        }
        return null;
    }
}
