package xferlab.conformance.interop;

/** The two ends of a pair: whom a broken rule is charged to. */
public enum Side {
    SERVER, CLIENT;

    /** "server" or "client", as the matrix says it. */
    public String word() {
        return name().toLowerCase();
    }
}
