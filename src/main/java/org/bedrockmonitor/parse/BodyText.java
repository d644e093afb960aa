package org.bedrockmonitor.parse;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps prompt and response text inside the process: a sample of a rejected record is cut where the
 * first body-carrying field starts, unless the operator allows bodies out.
 */
public final class BodyText {

    private static final List<String> BODY_FIELDS = List.of(
            "\"input\"", "\"output\"", "\"inputBodyJson\"", "\"outputBodyJson\"", "\"messages\"", "\"system\"",
            "\"prompt\"", "\"content\"", "\"text\"");
    public static final String WITHHELD = "[body withheld]";

    private BodyText() {
    }

    public static String sample(byte[] raw, int offset, int length, int maxBytes, boolean bodiesAllowed) {
        String text = new String(raw, offset, Math.min(length, maxBytes), StandardCharsets.UTF_8);
        if (bodiesAllowed) {
            return text;
        }
        int cut = text.length();
        for (String field : BODY_FIELDS) {
            int at = text.indexOf(field);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        if (cut == text.length() && !text.startsWith("{")) {
            // not an invocation record at all: nothing says where a body would start, so keep none of it
            return WITHHELD;
        }
        return cut == text.length() ? text : text.substring(0, cut) + WITHHELD;
    }
}
