package xferlab.conformance.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import xferlab.conformance.target.ShellWords;

/**
 * The command that reruns one case the way this run ran it, to copy and paste: the
 * jar named as it was invoked (relative to the current directory when it lies under
 * it, so {@code conformance/target/xfer-conformance.jar} from the kit's root), the
 * suite, the options that shape the run, the case and the seed.
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

    String forCase(String caseId, long seed) {
        List<String> all = new ArrayList<>(words);
        all.addAll(List.of("--only", caseId, "--seed", String.valueOf(seed)));
        return String.join(" ", all);
    }

    /**
     * The suite's jar as a path to type: relative when it lies under the current
     * directory. Run from classes (the suite's own tests), the usual name.
     */
    static String jar() {
        try {
            Path location = Path.of(RerunLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!location.toString().endsWith(".jar")) {
                return "xfer-conformance.jar";
            }
            Path here = Path.of("").toAbsolutePath();
            return location.startsWith(here) ? here.relativize(location).toString() : location.toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "xfer-conformance.jar";
        }
    }
}
