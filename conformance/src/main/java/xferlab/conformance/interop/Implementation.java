package xferlab.conformance.interop;

/**
 * One server or client of the matrix: a roster line, or the bundled reference.
 *
 * @param name    its row or column name (a roster name: letters, digits, '.', '_', '-')
 * @param command its roster command with placeholders, or null for the bundled reference
 */
public record Implementation(String name, String command) {
    /** The name the bundled reference takes in the matrix; a roster may not use it. */
    public static final String REFERENCE = "reference";

    public static Implementation reference() {
        return new Implementation(REFERENCE, null);
    }

    public boolean isReference() {
        return command == null;
    }
}
