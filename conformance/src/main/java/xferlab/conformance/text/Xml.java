package xferlab.conformance.text;

/** Text for XML 1.0 (JUnit's report format), in element content or a quoted attribute value. */
public final class Xml {
    private Xml() {
    }

    /**
     * Escapes {@code & < > " '}; characters XML 1.0 cannot carry at all, even escaped
     * (most control characters, lone surrogates, U+FFFE and U+FFFF), become {@code ?}.
     */
    public static String text(String value) {
        return escape(value, "&apos;", '?');
    }

    /**
     * The one escaping loop of HTML and XML text: markup characters as references,
     * CR as a reference (a parser would turn it into LF), and what the format cannot
     * carry as {@code bad}.
     */
    static String escape(String value, String apostrophe, char bad) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append(apostrophe);
                case '\n', '\t' -> out.append(c);
                case '\r' -> out.append("&#13;");
                default -> {
                    if (allowed(value, i)) {
                        out.append(c);
                        if (Character.isHighSurrogate(c)) {
                            out.append(value.charAt(++i));
                        }
                    } else {
                        out.append(bad);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Text for an attribute value: as {@link #text}, and LF and tab as references,
     * since a parser turns them into spaces in an attribute.
     */
    public static String attribute(String value) {
        return text(value).replace("\n", "&#10;").replace("\t", "&#9;");
    }

    /** Whether the character at {@code i} (with its low surrogate) is one XML 1.0 allows, other than tab and LF. */
    static boolean allowed(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return false;
        }
        return c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !(c >= 0x7F && c <= 0x9F);
    }
}
