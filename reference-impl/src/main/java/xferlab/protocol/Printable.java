package xferlab.protocol;

/** Shows octets from the wire in a log or a message without letting them forge lines. */
public final class Printable {
    private Printable() {
    }

    /**
     * Escapes octets for display: printable ASCII as is, {@code \n}, {@code \r},
     * {@code \\} and {@code \xHH} for everything else (UTF-8 multi-octet sequences
     * included, so a log line stays one line of ASCII).
     */
    public static String escape(byte[] octets) {
        StringBuilder out = new StringBuilder(octets.length);
        for (byte b : octets) {
            int v = b & 0xff;
            out.append(switch (v) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\\' -> "\\\\";
                default -> v >= 0x20 && v < 0x7f ? String.valueOf((char) v) : String.format("\\x%02x", v);
            });
        }
        return out.toString();
    }
}
