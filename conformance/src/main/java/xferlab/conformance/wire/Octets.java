package xferlab.conformance.wire;

import java.nio.charset.StandardCharsets;

/** Shows octets to a student: escaped text when they look like text, hex when they do not. */
public final class Octets {
    private Octets() {
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Escaped text: printable ASCII as is, {@code \n}, {@code \r}, {@code \\}, and {@code \xHH}. */
    public static String escape(byte[] octets, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            int v = octets[i] & 0xff;
            switch (v) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (v >= 0x20 && v < 0x7f) {
                        out.append((char) v);
                    } else {
                        out.append(String.format("\\x%02x", v));
                    }
                }
            }
        }
        return out.toString();
    }

    public static String escape(byte[] octets) {
        return escape(octets, 0, octets.length);
    }

    /** Whether most octets are printable: then escaped text reads better than hex. */
    public static boolean looksLikeText(byte[] octets, int from, int to) {
        int printable = 0;
        for (int i = from; i < to; i++) {
            int v = octets[i] & 0xff;
            if ((v >= 0x20 && v < 0x7f) || v == '\n' || v == '\r') {
                printable++;
            }
        }
        return to - from == 0 || printable * 10 >= (to - from) * 9;
    }

    /** A hex dump, 16 octets a line, with offsets counted from {@code base}. */
    public static String hexDump(byte[] octets, int from, int to, long base) {
        StringBuilder out = new StringBuilder();
        for (int line = from; line < to; line += 16) {
            out.append(String.format("%08x  ", base + line - from));
            StringBuilder ascii = new StringBuilder();
            for (int i = line; i < line + 16; i++) {
                if (i < to) {
                    int v = octets[i] & 0xff;
                    out.append(String.format("%02x ", v));
                    ascii.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append(' ').append(ascii).append('\n');
        }
        return out.toString();
    }

    /** Escaped text or a hex dump, whichever suits the octets. */
    public static String show(byte[] octets, int from, int to, long base) {
        return looksLikeText(octets, from, to)
                ? "\"" + escape(octets, from, to) + "\""
                : "\n" + hexDump(octets, from, to, base);
    }

    /** The index of the first octet where the two differ, or -1 if one is a prefix of the other and equal in length. */
    public static int firstDifference(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                return i;
            }
        }
        return expected.length == actual.length ? -1 : n;
    }
}
