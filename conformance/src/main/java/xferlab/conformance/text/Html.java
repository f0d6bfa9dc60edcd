package xferlab.conformance.text;

/** Text for HTML, in element content or a quoted attribute value. */
public final class Html {
    private Html() {
    }

    /**
     * Escapes the five characters HTML gives meaning ({@code & < > " '}) and replaces
     * control characters and lone surrogates, which HTML has no place for, with U+FFFD.
     */
    public static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append(c);
                default -> {
                    if (Xml.allowed(value, i)) {
                        out.append(c);
                        if (Character.isHighSurrogate(c)) {
                            out.append(value.charAt(++i));
                        }
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }
}
