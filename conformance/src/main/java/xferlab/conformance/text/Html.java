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
        return Xml.escape(value, "&#39;", '\uFFFD');
    }
}
