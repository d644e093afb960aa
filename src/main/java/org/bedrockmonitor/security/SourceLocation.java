package org.bedrockmonitor.security;

/**
 * Where a CloudTrail source address lies: the kind of network, and for a public address its country
 * (ISO 3166 alpha-2) when a geography database is configured and knows it. Private, loopback,
 * link-local and AWS-internal sources are never looked up.
 */
public record SourceLocation(Kind kind, String country) {

    public enum Kind {
        /** An Internet address. */
        PUBLIC,
        PRIVATE,
        LOOPBACK,
        LINK_LOCAL,
        /** {@code AWS Internal} or a service calling on the principal's behalf ({@code bedrock.amazonaws.com}). */
        AWS_INTERNAL,
        /** No source, or text that is neither an address nor an AWS service. */
        UNKNOWN
    }

    public static final SourceLocation NONE = new SourceLocation(Kind.UNKNOWN, null);

    /** A call from outside the organisation's networks (before any allowed-network list is applied). */
    public boolean external() {
        return kind == Kind.PUBLIC;
    }

    /**
     * What the report's country column shows: the country code, {@code unknown} for a public address the
     * database does not place, {@code public} when geography is off, else the kind of network.
     */
    public String label(boolean geographyOn) {
        return switch (kind) {
            case PUBLIC -> country != null ? country : geographyOn ? "unknown" : "public";
            case PRIVATE -> "private";
            case LOOPBACK -> "loopback";
            case LINK_LOCAL -> "link-local";
            case AWS_INTERNAL -> "AWS internal";
            case UNKNOWN -> "n/a";
        };
    }
}
