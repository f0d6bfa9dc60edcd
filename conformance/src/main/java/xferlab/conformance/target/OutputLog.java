package xferlab.conformance.target;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file a launched implementation's standard output and error go to, read
 * back for failure messages: a student whose server dies sees its last words,
 * and each case sees only what was printed while it ran.
 *
 * @param file the log file
 */
record OutputLog(Path file) {
    /** How much of the end of the log a message quotes. */
    private static final int TAIL = 2000;

    /** Where the log ends now: what {@link #since} counts from. */
    long mark() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** What was printed after {@code mark}: at most its last {@value #TAIL} octets. */
    String since(long mark) {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(mark, log.length() - TAIL);
            byte[] octets = new byte[(int) Math.max(0, log.length() - from)];
            log.seek(from);
            log.readFully(octets);
            String text = new String(octets, StandardCharsets.UTF_8);
            if (from > mark) {
                // Cut to its end: start at a line, and say that lines came before.
                int line = text.indexOf('\n');
                text = "[...]\n" + (line >= 0 ? text.substring(line + 1) : text);
            }
            return text;
        } catch (IOException e) {
            return "";
        }
    }

    /** The last octets of the log, or nothing if it cannot be read. */
    String tail() {
        return since(0);
    }

    /** The tail as the end of a launch error's sentence. */
    String lastWords() {
        String tail = tail();
        return tail.isBlank() ? "; it printed nothing" : "; it printed:\n" + tail.indent(4).stripTrailing();
    }
}
