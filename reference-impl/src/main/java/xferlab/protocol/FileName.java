package xferlab.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
        if (octets.length == 0) {
            return "name is empty";
        }
        if (octets.length > Limits.MAX_NAME_OCTETS) {
            return "name is longer than " + Limits.MAX_NAME_OCTETS + " octets";
        }
        for (byte b : octets) {
            if ((b >= 0x00 && b <= 0x1f) || b == 0x7f) {
                return "name contains a control octet";
            }
        }
        for (byte b : octets) {
            if (b == '/') {
                return "name contains '/'";
            }
        }
        for (byte b : octets) {
            if (b == '\\') {
                return "name contains '\\'";
            }
        }
        if (octets.length == 1 && octets[0] == '.') {
            return "name is '.'";
        }
        if (octets.length == 2 && octets[0] == '.' && octets[1] == '.') {
            return "name is '..'";
        }
        if (!isUtf8(octets)) {
            return "name is not valid UTF-8";
        }
        return null;
    }

    /** Checks a name the user gave as a string, before it goes on the wire. */
    public static String problem(String name) {
        // getBytes would quietly turn a lone surrogate into '?': a different name.
        try {
            ByteBuffer octets = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(name));
            byte[] array = new byte[octets.remaining()];
            octets.get(array);
            return problem(array);
        } catch (CharacterCodingException e) {
            return "name is not valid UTF-8";
        }
    }

    private static boolean isUtf8(byte[] octets) {
        // Java's strict decoder refuses overlong forms, encoded surrogates and code
        // points above U+10FFFF, exactly the cases RFC 3629 rules out.
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
