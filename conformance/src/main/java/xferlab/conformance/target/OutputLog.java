package xferlab.conformance.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file a launched implementation's standard output and error go to, read
 * back for failure messages: a student whose server dies sees its last words.
 *
 * @param file the log file
 */
record OutputLog(Path file) {
    /** How much of the end of the log a message quotes. */
    private static final int TAIL = 2000;

    /** The last octets of the log, or nothing if it cannot be read. */
    String tail() {
        try {
            byte[] all = Files.readAllBytes(file);
            int from = Math.max(0, all.length - TAIL);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The tail as the end of a launch error's sentence. */
    String lastWords() {
        String tail = tail();
        return tail.isBlank() ? "; it printed nothing" : "; it printed:\n" + tail.indent(4).stripTrailing();
    }
}
