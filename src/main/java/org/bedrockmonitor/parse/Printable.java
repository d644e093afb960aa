package org.bedrockmonitor.parse;

/**
 * Makes text taken from logs safe to print on a terminal, in a log line or in a plain-text mail. Model
 * ids, ARNs, tags and user agents are written by callers and by whoever can write to the log bucket: an
 * ESC sequence in one would clear the operator's terminal or set its title, a newline would forge a line
 * of a table, an alert or a mail, and a bidi override would make the text read differently from what it is.
 * Each such character is replaced by a visible escape ({@code \n}, {@code \x1B}, {@code \u202E}); every
 * other character, accents and emoji included, is kept.
 */
public final class Printable {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Printable() {
    }

    /** {@code text} with every control, line-breaking and bidi-formatting character escaped; null stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (unsafe(c)) {
                escape(c, out);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (unsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    /** C0 and C1 controls (ESC, CR, LF, TAB, DEL, CSI...), line and paragraph separators, bidi controls, lone surrogates. */
    static boolean unsafe(char c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return true;
        }
        if (c < 0x061C) {
            return false;
        }
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x2028 && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069) || Character.isSurrogate(c);
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c <= 0xFF) {
                    out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                            .append(HEX[c & 0xF]);
                }
            }
        }
    }
}
