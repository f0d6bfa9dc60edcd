package xferlab.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The name rules (spec: "The name line"). A name is a single path component, so a
 * server can store it inside its storage directory without ever leaving it.
 *
 * <p>The classic bug is {@code open(dir + "/" + name)} with whatever the client
 * sent: {@code ../../home/you/.bashrc} then overwrites a file outside the storage
 * directory. Refusing {@code /}, {@code \}, {@code .} and {@code ..} (instead of
 * trying to "clean" the name) closes that hole; refusing control octets keeps NUL
 * (which truncates names in C APIs), CR, LF and terminal escapes out of file
 * names and logs.
 */
public final class FileName {
    private FileName() {
    }

    /**
     * Checks a received name line and decodes it.
     *
     * @param octets the name line without its line end (at most 255 octets: the line
     *               reader enforces that)
     * @return the name as a string
     * @throws XferException with {@link ErrorCode#NAME_REFUSED} and the rule broken
     */
    public static String parse(byte[] octets) throws XferException {
        String problem = problem(octets);
        if (problem != null) {
            throw new XferException(ErrorCode.NAME_REFUSED, problem);
        }
        return new String(octets, StandardCharsets.UTF_8);
    }

    /**
     * Returns which rule a name breaks, or {@code null} if it is a valid name. The
     * rules are checked in a fixed order, so a name that breaks several always gets
     * the same answer.
     */
    public static String problem(byte[] octets) {
        // Latin-1 maps each octet to one char, so the checks below see octets.
        String raw = new String(octets, StandardCharsets.ISO_8859_1);
        if (raw.isEmpty()) {
            return "name is empty";
        }
        if (raw.length() > Limits.MAX_NAME_OCTETS) {
            return "name is longer than " + Limits.MAX_NAME_OCTETS + " octets";
        }
        if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "name contains a control octet";
        }
        if (raw.indexOf('/') >= 0) {
            return "name contains '/'";
        }
        if (raw.indexOf('\\') >= 0) {
            return "name contains '\\'";
        }
        if (raw.equals(".") || raw.equals("..")) {
            return "name is '" + raw + "'";
        }
        // Decoding turns every malformed sequence (overlong forms, encoded surrogates,
        // code points above U+10FFFF: what RFC 3629 rules out) into U+FFFD, so only
        // valid UTF-8 comes back unchanged.
        if (!Arrays.equals(new String(octets, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), octets)) {
            return "name is not valid UTF-8";
        }
        return null;
    }

    /** Checks a name the user gave as a string, before it goes on the wire. */
    public static String problem(String name) {
        byte[] octets = name.getBytes(StandardCharsets.UTF_8);
        // getBytes quietly turns a lone surrogate into '?': a different name.
        return new String(octets, StandardCharsets.UTF_8).equals(name) ? problem(octets) : "name is not valid UTF-8";
    }
}
