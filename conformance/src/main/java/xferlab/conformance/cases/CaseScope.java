package xferlab.conformance.cases;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import xferlab.conformance.wire.Transcript;

/**
 * What one case did: its connections' transcripts and its notes. The result
 * collector reads it when the case ends, to show a failure with the octets
 * exchanged.
 */
public final class CaseScope {
    private static final Map<String, CaseScope> BY_METHOD = new ConcurrentHashMap<>();

    private final String caseId;
    private final long seed;
    private final Random random;
    private final List<Transcript> transcripts = new ArrayList<>();
    private List<Transcript> failingTry = List.of();
    private String sample = "";

    private CaseScope(String caseId, long seed) {
        this.caseId = caseId;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Opens the scope of the case that {@code method} implements. */
    public static CaseScope open(Method method, SuiteContext context) {
        String caseId = caseId(method);
        CaseScope scope = new CaseScope(caseId, context.seedFor(caseId));
        BY_METHOD.put(key(method.getDeclaringClass().getName(), method.getName()), scope);
        return scope;
    }

    /** The scope a finished case left, found by its class and method name. */
    public static CaseScope find(String className, String methodName) {
        return BY_METHOD.get(key(className, methodName));
    }

    /** Forgets every scope: a new run starts. */
    public static void clearAll() {
        BY_METHOD.clear();
    }

    /** A case's name, as {@code --only} takes it: the method name in kebab case. */
    public static String caseId(Method method) {
        return method.getName()
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
                .replaceAll("([a-z])([0-9])", "$1-$2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static String key(String className, String methodName) {
        return className + "#" + methodName;
    }

    public String caseId() {
        return caseId;
    }

    public long seed() {
        return seed;
    }

    public Random random() {
        return random;
    }

    public synchronized Transcript newTranscript(String what) {
        Transcript transcript = new Transcript("connection " + (transcripts.size() + 1) + " (" + what + ")");
        transcripts.add(transcript);
        return transcript;
    }

    /** Starts a new try of a property: its connections replace those of the try before. */
    public synchronized void startTry() {
        transcripts.clear();
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

    /** The transcripts to show: those of the last failing try, or of the case. */
    public synchronized List<Transcript> transcripts() {
        return failingTry.isEmpty() ? List.copyOf(transcripts) : failingTry;
    }
}
