package xferlab.conformance.grade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The submissions of a class: one {@code name: command} line each, the command
 * taking the placeholders of {@code --launch}. Blank lines and lines starting
 * with {@code #} are skipped.
 *
 * <pre>
 * # name: launch command
 * alice: python3 subs/alice/server.py --port {port} --dir {dir} --idle-timeout {idle}
 * bob:   java -jar subs/bob/server.jar {port} {dir}
 * </pre>
 */
public record Roster(List<Submission> submissions) {

    /** One student's (or team's) implementation. The name becomes a directory name. */
    /** A command of this form names an image whose entrypoint is the implementation. */
    public static final String OWN_IMAGE = "docker:";

    public record Submission(String name, String command) {
    }

    public static Roster load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** @throws IllegalArgumentException naming the file, the line and what is wrong with it */
    public static Roster parse(String text, String source) {
        List<Submission> submissions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ", line " + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + "want 'name: command', got '" + line + "'");
            }
            String name = line.substring(0, colon).strip();
            String command = line.substring(colon + 1).strip();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException(where + "the name '" + name
                        + "' must be letters, digits, '.', '_' or '-' (it names a directory)");
            }
            if (command.isEmpty()) {
                throw new IllegalArgumentException(where + name + " has no command");
            }
            if (!names.add(name.toLowerCase())) {
                throw new IllegalArgumentException(where + "the name " + name + " appears twice");
            }
            submissions.add(new Submission(name, command));
        }
        if (submissions.isEmpty()) {
            throw new IllegalArgumentException(source + ": no submissions (want one 'name: command' per line)");
        }
        return new Roster(List.copyOf(submissions));
    }
}
