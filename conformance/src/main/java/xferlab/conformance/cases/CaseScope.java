package xferlab.conformance.cases;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import xferlab.conformance.wire.Transcript;

/**
 * What one case did: its connections' transcripts, what it noticed on the way, and
 * the checks it has not run yet. The result collector reads it when the case ends
 * (from the {@link RunningCases} of its pass).
 */
public final class CaseScope {
    private final String caseId;
    private final List<String> covers;
    private final long seed;
    private final Random random;
    private final List<Transcript> transcripts = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final List<Check> unchecked = new ArrayList<>();
    private List<Transcript> failingTry = List.of();
    private List<Transcript> shown;
    private String sample = "";
    private String output = "";
    private int connections;
    private int open;
    private Violation steadyFailure;

    private final boolean judgingClient;

    private CaseScope(String caseId, List<String> covers, long seed, boolean judgingClient) {
        this.judgingClient = judgingClient;
        this.caseId = caseId;
        this.covers = covers;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** A new scope for the case that {@code method} implements (see {@link RunningCases#open}). */
    static CaseScope open(Method method, SuiteContext context) {
        String caseId = caseId(method);
        return new CaseScope(caseId, covers(method), context.seedFor(caseId), context.client() != null);
    }

    /** A case's public name, from its {@link Case} annotation. */
    public static String caseId(Method method) {
        Case name = method.getAnnotation(Case.class);
        if (name == null) {
            throw new IllegalStateException(method + " is a case without @Case: give it its public name");
        }
        return name.value();
    }

    /** The requirements a case owns, from its {@link Covers} annotation. */
    public static List<String> covers(Method method) {
        Covers covers = method.getAnnotation(Covers.class);
        return covers == null ? List.of() : Arrays.asList(covers.value());
    }

    public String caseId() {
        return caseId;
    }

    /** The requirements this case owns: only these can fail it. */
    public List<String> covers() {
        return covers;
    }

    /** The requirement a check cites when the case names none: the first it covers. */
    String primary() {
        return covers.isEmpty() ? "" : covers.get(0);
    }

    /** Checks that a case cites only what it covers: citing another requirement is the suite's own bug. */
    String own(String requirement) {
        if (!covers.contains(requirement)) {
            throw new IllegalStateException("case " + caseId + " cites " + requirement + ", which its @Covers "
                    + covers + " does not list");
        }
        return requirement;
    }

    public long seed() {
        return seed;
    }

    public Random random() {
        return random;
    }

    public synchronized Transcript newTranscript(String what) {
        connections++;
        Transcript transcript = new Transcript("connection " + (transcripts.size() + 1) + " (" + what + ")",
                judgingClient);
        transcripts.add(transcript);
        return transcript;
    }

    synchronized void opened() {
        open++;
    }

    synchronized void closed() {
        open--;
    }

    /** How many of the case's connections are open now: more than none means they are meant to overlap. */
    synchronized int open() {
        return open;
    }

    /** Forgets a connection that was never made. */
    synchronized void forget(Transcript transcript) {
        if (transcripts.remove(transcript)) {
            connections--;
        }
    }

    /** How many connections the case has opened so far. */
    public synchronized int connections() {
        return connections;
    }

    /**
     * Notes a deviation met on the way to what the case checks: shown under the case,
     * never its verdict. The case that owns that requirement judges it.
     */
    public synchronized void alsoSeen(String what, String requirement) {
        notes.add(what + " (" + requirement + ")");
    }

    /** Notes something about the run that is no deviation (the server was restarted, say). */
    public synchronized void note(String what) {
        notes.add(what);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** What the implementation printed while this case ran. */
    public synchronized void output(String output) {
        this.output = output;
    }

    public synchronized String output() {
        return output;
    }

    synchronized void pending(Check check) {
        unchecked.add(check);
    }

    synchronized void ran(Check check) {
        unchecked.remove(check);
    }

    /** Runs the checks the case set up but did not finish with {@code because}: they count too. */
    void runUnchecked() {
        List<Check> left;
        synchronized (this) {
            left = List.copyOf(unchecked);
        }
        left.forEach(Check::run);
    }

    /** A property's failure that no generated data could change, once seen. */
    public synchronized Violation steadyFailure() {
        return steadyFailure;
    }

    synchronized void steadyFailure(Violation violation) {
        steadyFailure = violation;
    }

    /** Starts a new try of a property: its connections replace those of the try before. */
    public synchronized void startTry() {
        transcripts.clear();
        unchecked.clear();
    }

    /** Keeps the transcripts of the try that just failed: the last failing try is the shrunk sample. */
    public synchronized void tryFailed() {
        failingTry = List.copyOf(transcripts);
    }

    /** Records a property's shrunk counterexample, for the report. */
    public synchronized void sample(String sample) {
        this.sample = sample;
    }

    public synchronized String sample() {
        return sample;
    }

    /** Leaves the latest connection out of what the report shows. */
    public synchronized void hideLast() {
        if (!transcripts.isEmpty()) {
            transcripts.remove(transcripts.size() - 1);
        }
    }

    /** Shows only these connections in the report: one of 64 alike says as much as all of them. */
    public synchronized void showOnly(List<Transcript> these) {
        shown = List.copyOf(these);
    }

    /** The transcripts to show: those chosen, or those of the last failing try, or all of the case's. */
    public synchronized List<Transcript> transcripts() {
        if (shown != null) {
            return shown;
        }
        return failingTry.isEmpty() ? List.copyOf(transcripts) : failingTry;
    }
}
