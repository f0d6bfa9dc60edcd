package xferlab.conformance.cases;

/**
 * The implementation broke a requirement. Carries what a student needs to fix it:
 * the requirement, what was expected and what happened, where the two diverge, and
 * a hint in plain words.
 */
public class Violation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final String requirement;
    private final String expected;
    private final String actual;
    private final String hint;
    private final long divergence;
    private final boolean timedOut;
    private final boolean dataIndependent;

    private Violation(Builder builder) {
        super(builder.requirement + ": expected " + builder.expected + ", got " + builder.actual);
        this.requirement = builder.requirement;
        this.expected = builder.expected;
        this.actual = builder.actual;
        this.hint = builder.hint;
        this.divergence = builder.divergence;
        this.timedOut = builder.timedOut;
        this.dataIndependent = builder.dataIndependent;
    }

    /** Starts a violation of {@code requirement}. */
    public static Builder of(String requirement) {
        return new Builder(requirement);
    }

    public String requirement() {
        return requirement;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }

    public String hint() {
        return hint;
    }

    /** The offset of the first octet where expected and actual differ, or -1. */
    public long divergence() {
        return divergence;
    }

    /** Whether the implementation gave no answer within the bound, rather than a wrong one. */
    public boolean timedOut() {
        return timedOut;
    }

    /** Whether the failure cannot depend on generated data (nothing accepts connections): no use shrinking it. */
    public boolean dataIndependent() {
        return dataIndependent;
    }

    /** Builds a {@link Violation}. */
    public static final class Builder {
        private final String requirement;
        private String expected = "";
        private String actual = "";
        private String hint = "";
        private long divergence = -1;
        private boolean timedOut;
        private boolean dataIndependent;

        private Builder(String requirement) {
            this.requirement = requirement;
        }

        public Builder expected(String expected) {
            this.expected = expected;
            return this;
        }

        public Builder actual(String actual) {
            this.actual = actual;
            return this;
        }

        public Builder hint(String hint) {
            this.hint = hint;
            return this;
        }

        public Builder divergence(long divergence) {
            this.divergence = divergence;
            return this;
        }

        public Builder timedOut(boolean timedOut) {
            this.timedOut = timedOut;
            return this;
        }

        public Builder dataIndependent(boolean dataIndependent) {
            this.dataIndependent = dataIndependent;
            return this;
        }

        public Violation build() {
            return new Violation(this);
        }
    }
}
