package xferlab.conformance.target;

/** Puts values into {@code sh -c} command lines safely. */
public final class ShellWords {
    private ShellWords() {
    }

    /** One word for the shell, whatever its characters: spaces, backslashes, quotes. */
    public static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:=,+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
