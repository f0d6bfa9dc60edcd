package xferlab.conformance.report;

import java.util.List;

/**
 * The outcome of one case, with everything a report shows about it.
 *
 * @param caseId       the case's name, as {@code --only} takes it
 * @param title        a sentence saying what the case checks
 * @param section      the spec section it belongs to
 * @param level        its conformance level (the highest of its requirements)
 * @param requirements the requirement IDs it covers
 * @param verdict      how it ended
 * @param cited        the requirement a failure cites (empty when it passed)
 * @param sentence     that requirement's sentence
 * @param expected     what was due
 * @param actual       what happened
 * @param divergence   the first octet where expected and actual differ, or -1
 * @param hint         a hint in plain words
 * @param message      the failure message, for failures without details, or the skip reason
 * @param transcripts  a short account of each connection
 * @param fullTranscripts every event of each connection, for {@code --verbose}
 * @param faults       the faults injected, in order
 * @param seed         the case's seed
 * @param sample       a property's shrunk counterexample, if any
 * @param rerun        a command that reruns only this case, with the same seed
 * @param millis       how long it took
 * @param stability    after {@code --rerun}: "steady" or "flaky" with counts, else empty
 * @param notes        deviations met on the way, and what the suite did about them (restarts): never the verdict
 * @param output       what the implementation printed while the case ran (launched targets)
 */
public record CaseResult(
        String caseId,
        String title,
        String section,
        int level,
        List<String> requirements,
        Verdict verdict,
        String cited,
        String sentence,
        String expected,
        String actual,
        long divergence,
        String hint,
        String message,
        List<String> transcripts,
        List<String> fullTranscripts,
        List<String> faults,
        long seed,
        String sample,
        String rerun,
        long millis,
        String stability,
        List<String> notes,
        String output) {

    public CaseResult withStability(String stability) {
        return new CaseResult(caseId, title, section, level, requirements, verdict, cited, sentence, expected,
                actual, divergence, hint, message, transcripts, fullTranscripts, faults, seed, sample, rerun,
                millis, stability, notes, output);
    }

    /** The same result with another verdict (a warning made a failure by --strict). */
    public CaseResult withVerdict(Verdict verdict) {
        return new CaseResult(caseId, title, section, level, requirements, verdict, cited, sentence, expected,
                actual, divergence, hint, message, transcripts, fullTranscripts, faults, seed, sample, rerun,
                millis, stability, notes, output);
    }

    /** A result with no details: a pass, or a case that did not run for the reason given. */
    public static CaseResult plain(String caseId, String title, String section, int level, List<String> requirements,
                                   Verdict verdict, String message, long seed, String rerun, long millis) {
        return new CaseResult(caseId, title, section, level, requirements, verdict, "", "", "", "", -1, "", message,
                List.of(), List.of(), List.of(), seed, "", rerun, millis, "", List.of(), "");
    }
}
