package xferlab.conformance.text;

/** Fields of a CSV file (RFC 4180), as spreadsheets read them. */
public final class Csv {
    private Csv() {
    }

    /**
     * Quotes a field when it holds a comma, a quote, a line break or spaces at its
     * ends, doubling its quotes. A field a spreadsheet would run as a formula (it
     * starts with {@code = + - @} or a tab) gets a leading apostrophe: a note quoting a
     * student's output must not become a formula in the instructor's spreadsheet.
     */
    public static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0
                && !value.matches("[-+]?[0-9.]+") ? "'" + value : value;
        boolean quote = safe.matches("(?s).*[,\"\r\n].*") || !safe.equals(safe.strip());
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
