package xferlab.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The size rule (spec: "The size line"): {@code 0}, or a digit 1-9 followed by at
 * most 18 digits, at most 2^63-1. Exactly one spelling per number.
 *
 * <p>Why so strict? Lenient parsers disagree: {@code Long.parseLong} takes
 * {@code +5}, Python's {@code int()} takes {@code " 5 "} and {@code "1_0"}, C's
 * {@code atoi} reads {@code "5abc"} as 5 and {@code strtol} reads {@code "010"} as
 * 8. When two programs read one header differently, a proxy and a server (or a
 * check and a use) can be made to disagree about where the payload ends. A
 * canonical form leaves nothing to disagree about.
 */
public final class Size {
    private Size() {
    }

    /**
     * Parses a received size line.
     *
     * @param octets the size line without its line end (at most 19 octets: the line
     *               reader enforces that)
     * @throws XferException with {@link ErrorCode#MALFORMED_LINE} and the rule broken
     */
    public static long parse(byte[] octets) throws XferException {
        String digits = new String(octets, StandardCharsets.ISO_8859_1);
        if (digits.isEmpty()) {
            throw malformed("size is empty");
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed("size has a non-digit octet");
        }
        if (octets[0] == '0' && octets.length > 1) {
            throw malformed("size has a leading zero");
        }
        if (octets.length > Limits.MAX_SIZE_OCTETS) {
            throw malformed("size line is longer than " + Limits.MAX_SIZE_OCTETS + " octets");
        }
        // Only canonical digits are left, none of the spellings (+5, 0x5, 1_0) that make
        // Long.parseLong lenient: it can now only fail on a number above 2^63-1.
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw malformed("size is above " + Long.MAX_VALUE);
        }
    }

    private static XferException malformed(String text) {
        return new XferException(ErrorCode.MALFORMED_LINE, text);
    }
}
