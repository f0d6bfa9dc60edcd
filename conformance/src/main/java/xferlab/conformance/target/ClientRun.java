package xferlab.conformance.target;

/**
 * How one run of a client ended.
 *
 * @param exitStatus its exit status (meaningless when {@code hung})
 * @param stdout     what it printed on standard output
 * @param stderr     what it printed on standard error
 * @param millis     how long it ran
 * @param hung       whether it outlived its bound and was killed
 */
public record ClientRun(int exitStatus, String stdout, String stderr, long millis, boolean hung) {

    /** Both outputs, for a report. */
    public String output() {
        return (stdout + stderr).strip();
    }

    /**
     * Whether the client reported failure as the spec lets it (§11.3): any non-zero status
     * will do, whatever the number.
     */
    public boolean reportedFailure() {
        return !hung && exitStatus != 0;
    }

    /** Whether it printed the text, on either output: the spec leaves the choice to the client. */
    public boolean printed(String text) {
        return output().contains(text);
    }

    public String describe() {
        if (hung) {
            return "the client was still running after " + millis + " ms and was killed (hung)";
        }
        String printed = output().isEmpty() ? "printed nothing" : "printed \"" + shorten(output()) + "\"";
        return "the client exited with status " + exitStatus + " after " + millis + " ms and " + printed;
    }

    private static String shorten(String text) {
        String oneLine = text.replace("\n", " | ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
