package org.bedrockmonitor.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, cut to a length: the one way ids, keys and versions are derived from content. */
public final class Hashes {

    private Hashes() {
    }

    /** The first {@code hexChars} hex digits of the SHA-256 of {@code text} (UTF-8). */
    public static String sha256Hex(String text, int hexChars) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8), hexChars);
    }

    public static String sha256Hex(byte[] content, int hexChars) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest, 0, (hexChars + 1) / 2).substring(0, hexChars);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM provides SHA-256", impossible);
        }
    }
}
