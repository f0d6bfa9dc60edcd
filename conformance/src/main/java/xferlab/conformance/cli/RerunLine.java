package xferlab.conformance.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import xferlab.conformance.run.RerunCommands;
import xferlab.conformance.target.ShellWords;

/**
 * The command that reruns one case the way this run ran it, to copy and paste: the
 * jar named as it was invoked, the suite, the options that shape the run, the case and
 * the seed.
 */
final class RerunLine {
    private final List<String> words = new ArrayList<>();

    private RerunLine(String suite) {
        words.addAll(List.of("java", "-jar", ShellWords.quote(jar()), suite));
    }

    static RerunLine of(String suite) {
        return new RerunLine(suite);
    }

    /** Adds an option with its value, shell-quoted, when the value was given. */
    RerunLine option(String name, Object value) {
        if (value != null) {
            words.addAll(List.of(name, ShellWords.quote(String.valueOf(value))));
        }
        return this;
    }

    /** Adds words as they are (already formed options). */
    RerunLine words(List<String> more) {
        words.addAll(more);
        return this;
    }

    /** The commands that rerun a case, or the whole selection, with this run's seed. */
    RerunCommands commands(String selection, long seed) {
        return new RerunCommands(String.join(" ", words), selection, seed);
    }

    /**
     * The suite's jar as the user typed it ({@code java -jar conformance/target/xfer-conformance.jar}
     * from the kit's root), when they typed a relative path. An absolute path belongs to
     * the machine that ran the suite (a grader's), so only the file's name is shown;
     * run from classes (the suite's own tests), the usual name.
     */
    static String jar() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "" : command.strip().split("\\s+")[0];
        try {
            Path running = Path.of(RerunLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path typed = Path.of(first);
            // Only when the jar typed is the one this code runs from (not a test runner's own jar).
            if (first.endsWith(".jar") && java.nio.file.Files.isSameFile(typed.toAbsolutePath(), running)) {
                return typed.isAbsolute() ? typed.getFileName().toString() : first;
            }
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            // not run from a jar, or it cannot be found again: the usual name
        }
        return "xfer-conformance.jar";
    }
}
