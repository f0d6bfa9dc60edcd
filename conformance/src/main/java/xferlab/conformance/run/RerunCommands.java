package xferlab.conformance.run;

/**
 * The command lines that run a case, or the whole run, again the way this run ran:
 * the same jar, suite, target options and seed.
 *
 * @param prefix    the words before the selection: {@code java -jar ... server --launch ...}
 * @param selection the options that chose this run's cases ({@code --level}, {@code --only}, {@code --skip}), or empty
 * @param seed      the run's seed
 */
public record RerunCommands(String prefix, String selection, long seed) {

    /** The command that reruns one case alone. */
    public String forCase(String caseId) {
        return prefix + " --only " + caseId + " --seed " + seed;
    }

    /** The command that reruns the whole selection: for what no single case shows. */
    public String forRun() {
        return prefix + (selection.isEmpty() ? "" : " " + selection) + " --seed " + seed;
    }
}
