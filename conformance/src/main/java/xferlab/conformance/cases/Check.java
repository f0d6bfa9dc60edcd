package xferlab.conformance.cases;

import java.time.Duration;

/**
 * One expectation of a case, in the script-exercise-verify manner of MockWebServer:
 * {@code upload.expectOk(payload).because(HINT)}. It cites the case's own first
 * requirement unless told {@link #citing} another it covers, and waits as long as the
 * case's timing allows unless told {@link #within}.
 *
 * <p>It runs when {@link #because} gives it its hint, or, without one, at the next
 * step of its exchange or at the end of the case: a check is never lost.
 */
public final class Check {
    /** What a check verifies: given the check's settings, null if all is well, else the violation. */
    interface Verifier {
        Violation verify(Check check);
    }

    private final CaseScope scope;
    private final Verifier verifier;
    private String requirement;
    private Duration within;
    private String hint = "";
    private boolean ran;
    private String value = "";

    Check(CaseScope scope, String requirement, Duration within, Verifier verifier) {
        this.scope = scope;
        this.requirement = requirement;
        this.within = within;
        this.verifier = verifier;
        scope.pending(this);
    }

    /** Cites this requirement instead of the case's first; the case must cover it. */
    public Check citing(String requirement) {
        this.requirement = scope.own(requirement);
        return this;
    }

    /**
     * Cites the requirement of a step that prepares the case (READY to a valid
     * header, say). Where the case does not cover it, a failure leaves the case
     * "not reached", blocked by that requirement.
     */
    public Check citingStep(String requirement) {
        this.requirement = requirement;
        return this;
    }

    /** Waits at most this long instead of the case's reply bound. */
    public Check within(Duration within) {
        this.within = within;
        return this;
    }

    /** Gives the hint a failure shows, and runs the check. */
    public Check because(String hint) {
        this.hint = hint;
        run();
        return this;
    }

    /** What the check read: the digest of an OK, the text of an ERROR. Runs the check first. */
    public String value() {
        run();
        return value;
    }

    /** Runs the check, once; throws its violation if it failed. */
    void run() {
        if (ran) {
            return;
        }
        ran = true;
        scope.ran(this);
        Violation violation = verifier.verify(this);
        if (violation != null) {
            throw violation;
        }
    }

    String requirement() {
        return requirement;
    }

    Duration within() {
        return within;
    }

    String hint() {
        return hint;
    }

    CaseScope scope() {
        return scope;
    }

    void value(String value) {
        this.value = value;
    }

    /** A violation of this check's requirement, with its hint unless {@code symptom} explains more. */
    Violation.Builder violation(String symptom) {
        return Violation.of(requirement).hint(symptom != null ? symptom : hint);
    }
}
