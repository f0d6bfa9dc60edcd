package xferlab.conformance.grade;

/**
 * How one submission stands on one requirement, as the class grid shows it. Each
 * standing has a symbol as well as a colour, so the grid reads in grey print and
 * for colour-blind readers alike.
 */
public enum Standing {
    /** A case broke the requirement (or timed out checking it). */
    FAIL("\u2717", "fail"),
    /** A case found a SHOULD missed. */
    WARN("!", "warn"),
    /** The cases that check it stopped at another requirement first. */
    NOT_REACHED("?", "not reached"),
    /** Every case that checked it passed. */
    PASS("\u2713", "pass"),
    /** No case checked it: the submission never started, was stopped, or the case was skipped. */
    NOT_RUN("\u00b7", "not run");

    private final String symbol;
    private final String word;

    Standing(String symbol, String word) {
        this.symbol = symbol;
        this.word = word;
    }

    public String symbol() {
        return symbol;
    }

    /** The word pages use: "not reached". */
    public String word() {
        return word;
    }

    /** The value grades.csv uses: "not-reached", one token a spreadsheet filter can match. */
    public String csv() {
        return word.replace(' ', '-');
    }

    /** The CSS class of a grid cell. */
    String css() {
        return word.replace(' ', '-');
    }

    /** Whether this standing is worse than another: a requirement shows its worst. */
    boolean worseThan(Standing other) {
        return ordinal() < other.ordinal();
    }
}
