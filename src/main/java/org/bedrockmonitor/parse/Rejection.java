package org.bedrockmonitor.parse;

/** A record (or a whole object, line 0) that could not be used, with why and a bounded sample. */
public record Rejection(String source, long line, String reason, String sample) {
}
