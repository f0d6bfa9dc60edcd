package xferlab.conformance.text;

/** Text for AsciiDoc: inline text (also in a table cell) and literal blocks. */
public final class AsciiDoc {
    private AsciiDoc() {
    }

    /**
     * Inline text that AsciiDoc shows as it is: a passthrough with the HTML characters
     * escaped, so that {@code *}, {@code _}, braces and {@code {attributes}} are not
     * markup; {@code |} (which would end a table cell, split before any substitution)
     * and {@code ]} (which would end the passthrough) are escaped too.
     */
    public static String inline(String value) {
        return "pass:[" + Html.text(value.replace("\n", " ")).replace("|", "&#124;").replace("]", "&#93;") + "]";
    }

    /**
     * The body of a literal block ({@code ....} delimiters): everything as it is, but a
     * line of four or more dots, which would end the block, gets a trailing space.
     */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder();
        for (String line : value.split("\n", -1)) {
            out.append(line.matches("\\.{4,}") ? line + " " : line).append('\n');
        }
        String body = out.toString();
        return body.endsWith("\n\n") ? body.substring(0, body.length() - 1) : body;
    }
}
