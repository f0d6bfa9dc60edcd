package xferlab.spec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A worked wire example of the spec (a {@code .xfer} file): what the client sends,
 * what the server answers, and what the storage directory holds afterwards. The
 * build replays every example against the reference server.
 *
 * <p>One event per line: {@code C: octets} (the client writes), {@code S: octets}
 * (the server sends), {@code C: <close>}, {@code S: <close>}, {@code F: NAME -> octets},
 * {@code F: NAME -> <empty>} or {@code F: NAME -> <absent>}, and {@code # comments}; {@code # server: OPTIONS}
 * gives the reference server's options. Octets use the escapes {@code \n},
 * {@code \r}, {@code \\} and {@code \xHH}.
 *
 * @param name          the example's file name without {@code .xfer}
 * @param serverOptions the reference server options, for example {@code --max-size 1000}
 * @param steps         the events, in order
 */
public record WireExample(String name, List<String> serverOptions, List<WireExample.Step> steps) {

    /** One event of an example. */
    public sealed interface Step {
    }

    /** The client writes these octets, in one write. */
    public record Send(byte[] octets) implements Step {
    }

    /** The server sends these octets (in whatever segments). */
    public record Expect(byte[] octets) implements Step {
    }

    /** The client closes the connection. */
    public record ClientClose() implements Step {
    }

    /** The server closes the connection: the client reads end of stream. */
    public record ServerClose() implements Step {
    }

    /** Afterwards the storage directory holds {@code name} with exactly these octets, or no such file. */
    public record StoredFile(String name, byte[] content, boolean absent) implements Step {
    }

    private static final String CLOSE = "<close>";
    private static final String ABSENT = "<absent>";
    private static final String EMPTY = "<empty>";

    /**
     * Parses an example.
     *
     * @throws IllegalArgumentException naming the line that is not an event
     */
    public static WireExample parse(String name, String text) {
        List<String> options = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = name + ".xfer line " + (i + 1) + ": ";
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# server:")) {
                options.addAll(List.of(line.substring("# server:".length()).trim().split("\\s+")));
            } else if (line.startsWith("#")) {
                continue;
            } else if (line.startsWith("C: ")) {
                String rest = line.substring(3);
                steps.add(rest.equals(CLOSE) ? new ClientClose() : new Send(unescape(rest, where)));
            } else if (line.startsWith("S: ")) {
                String rest = line.substring(3);
                steps.add(rest.equals(CLOSE) ? new ServerClose() : new Expect(unescape(rest, where)));
            } else if (line.startsWith("F: ") && line.contains(" -> ")) {
                String rest = line.substring(3);
                int arrow = rest.indexOf(" -> ");
                String file = rest.substring(0, arrow);
                String content = rest.substring(arrow + 4);
                if (content.equals(ABSENT)) {
                    steps.add(new StoredFile(file, new byte[0], true));
                } else if (content.equals(EMPTY)) {
                    steps.add(new StoredFile(file, new byte[0], false));
                } else {
                    steps.add(new StoredFile(file, unescape(content, where), false));
                }
            } else {
                throw new IllegalArgumentException(where + "not an event: " + line);
            }
        }
        return new WireExample(name, List.copyOf(options), List.copyOf(steps));
    }

    /** Turns the escaped text of an event into octets. */
    static byte[] unescape(String text, String where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                int end = Character.isHighSurrogate(c) ? i + 2 : i + 1;
                out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException(where + "a lone backslash at the end");
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    try {
                        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                        throw new IllegalArgumentException(where + "\\x needs two hex digits");
                    }
                    i += 2;
                }
                default -> throw new IllegalArgumentException(where + "unknown escape \\" + next);
            }
        }
        return out.toByteArray();
    }
}
