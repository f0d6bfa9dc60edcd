package xferlab.conformance.interop;

/**
 * One rule one side broke, as seen in the exchange.
 *
 * @param side        who broke it
 * @param requirement the requirement ID, or empty when the exchange shows the fault but no single rule names it
 * @param what        what happened, in plain words with the octets escaped
 */
record Breach(Side side, String requirement, String what) {

    /** "server broke XFER-UP-02: ...". */
    String describe() {
        return "the " + side.word() + (requirement.isEmpty() ? ": " : " broke " + requirement + ": ") + what;
    }
}
