package xferlab.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lab sheets as the tests read them: their shell blocks, the suite commands in
 * those blocks, the claims files they include, and the excerpts of suite output they
 * quote. One reading of the AsciiDoc source, shared by every test, so that what the
 * tests run is exactly what a student copies.
 */
final class Sheets {
    /** How every suite command in a sheet starts, as a student types it. */
    static final String SUITE = "java -jar xfer-conformance.jar ";

    private static final Pattern STAGE_SHEET = Pattern.compile("stage-(\\d)-[a-z-]+\\.adoc");

    private Sheets() {
    }

    /** {@code labs/}: the module directory, set by the build. */
    static Path labs() {
        String dir = System.getProperty("xfer.labs.dir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
    }

    static Path docs() {
        return labs().resolve("src/docs/asciidoc");
    }

    static Path skeletons() {
        return labs().resolve("skeletons");
    }

    /** The stage sheets, in stage order. */
    static List<Path> stageSheets() {
        try (Stream<Path> files = Files.list(docs())) {
            return files.filter(p -> STAGE_SHEET.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int stageOf(Path sheet) {
        Matcher matcher = STAGE_SHEET.matcher(sheet.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a stage sheet: " + sheet);
        }
        return Integer.parseInt(matcher.group(1));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code [source,shell]} blocks of a sheet, each as its list of commands: a
     * line ending in a backslash continues on the next one, as in a shell; comment
     * lines are dropped.
     */
    static List<List<String>> shellBlocks(Path sheet) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> lines = read(sheet).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("[source,shell]") || i + 1 >= lines.size()
                    || !lines.get(i + 1).startsWith("----")) {
                continue;
            }
            List<String> commands = new ArrayList<>();
            StringBuilder command = new StringBuilder();
            int j = i + 2;
            for (; j < lines.size() && !lines.get(j).startsWith("----"); j++) {
                String line = lines.get(j);
                if (command.length() == 0 && (line.isBlank() || line.trim().startsWith("#"))) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    command.append(line, 0, line.length() - 1).append(' ');
                } else {
                    command.append(line);
                    commands.add(command.toString().replaceAll("\\s+", " ").trim());
                    command.setLength(0);
                }
            }
            blocks.add(commands);
            i = j;
        }
        return blocks;
    }

    /** Every suite command of a sheet, whitespace normalised. */
    static List<String> suiteCommands(Path sheet) {
        return shellBlocks(sheet).stream().flatMap(List::stream).filter(c -> c.startsWith(SUITE)).toList();
    }

    /** The delimited blocks marked {@code [listing.suite-output]}: excerpts of what the suite prints. */
    static List<List<String>> outputExcerpts(Path sheet) {
        List<List<String>> excerpts = new ArrayList<>();
        List<String> lines = read(sheet).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("[listing.suite-output]")) {
                continue;
            }
            List<String> excerpt = new ArrayList<>();
            int j = i + 2; // past the opening ----
            for (; j < lines.size() && !lines.get(j).startsWith("----"); j++) {
                if (!lines.get(j).isBlank()) {
                    excerpt.add(lines.get(j).trim());
                }
            }
            excerpts.add(excerpt);
            i = j;
        }
        return excerpts;
    }

    /** What stands, in a quoted line of output, for a part that differs from run to run (a port, a time). */
    static final String ELIDED = "\u2026";

    /**
     * The pattern an excerpt's line must match in the output: the line itself, where each
     * {@link #ELIDED} stands for any text within that same line.
     */
    static Pattern excerptLine(String line) {
        String[] parts = line.split(ELIDED, -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : "[^\n]*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    /** The claims files a sheet includes, e.g. {@code expected/stage-2-python-server.txt}. */
    static List<String> includedClaims(Path sheet) {
        Matcher matcher = Pattern.compile("(?m)^include::(expected/[^\\[]+)\\[\\]").matcher(read(sheet));
        List<String> included = new ArrayList<>();
        while (matcher.find()) {
            included.add(matcher.group(1));
        }
        return included;
    }

    /**
     * What a claims file says of a run: the cases that fail (the console's {@code FAIL}
     * or {@code TIME}), the cases not reached ({@code ----}: a step before the case's own
     * check broke another requirement) and the cases that warn ({@code WARN}: a SHOULD
     * missed). Every other case passes. The first two make the run fail; a warning does not.
     * A case whose verdict on the skeleton depends on how the suite's writes happen to
     * arrive is listed as {@code sometimes}: it passes or fails, and nothing else.
     */
    record Claims(Set<String> failing, Set<String> notReached, Set<String> warned, Set<String> sometimes) {
        static final String NOT_REACHED = "not reached: ";
        static final String WARN = "warn: ";
        static final String SOMETIMES = "sometimes: ";

        /** Every case the file names. */
        Set<String> all() {
            Set<String> all = new LinkedHashSet<>(failing);
            all.addAll(notReached);
            all.addAll(warned);
            all.addAll(sometimes);
            return all;
        }

        /** Whether the suite's run must end with {@code RESULT: FAIL} (exit status 1), whatever the sometimes-cases did. */
        boolean runFails() {
            return !failing.isEmpty() || !notReached.isEmpty();
        }
    }

    private static final Pattern CLAIM = Pattern.compile("(" + Claims.NOT_REACHED + "|" + Claims.WARN + "|"
            + Claims.SOMETIMES + ")?([a-z0-9-]+)");

    /**
     * Reads a claims file: one case a line; a bare name fails, {@code not reached: NAME}
     * is not reached, {@code warn: NAME} warns, {@code sometimes: NAME} fails in some runs
     * and passes in others. Anything else is refused, so that a typo cannot turn a claim
     * into a case that is silently expected to pass.
     */
    static Claims claims(String relative) {
        Path file = docs().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no claims file " + file);
        }
        Set<String> failing = new LinkedHashSet<>();
        Set<String> notReached = new LinkedHashSet<>();
        Set<String> warned = new LinkedHashSet<>();
        Set<String> sometimes = new LinkedHashSet<>();
        Set<String> named = new LinkedHashSet<>();
        for (String line : read(file).lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            Matcher matcher = CLAIM.matcher(line.trim());
            if (!matcher.matches()) {
                throw new AssertionError(relative + ": not a claim (NAME, 'not reached: NAME', 'warn: NAME' or "
                        + "'sometimes: NAME'): " + line);
            }
            String kind = matcher.group(1) == null ? "" : matcher.group(1);
            Set<String> into = kind.equals(Claims.NOT_REACHED) ? notReached : kind.equals(Claims.WARN) ? warned
                    : kind.equals(Claims.SOMETIMES) ? sometimes : failing;
            if (!named.add(matcher.group(2)) || !into.add(matcher.group(2))) {
                throw new AssertionError(relative + " names a case twice: " + matcher.group(2));
            }
        }
        return new Claims(failing, notReached, warned, sometimes);
    }

    /** The skeleton a suite command launches, as used in claims file names. */
    enum Skeleton {
        PYTHON_SERVER("python-server", "server.py", "python/server.py"),
        JAVA_SERVER("java-server", "XferServer.java", "java/XferServer.java"),
        PYTHON_CLIENT("python-client", "client.py", "python/client.py"),
        JAVA_CLIENT("java-client", "XferClient", "java/XferClient.java");

        final String key;
        final String mentioned;
        final String source;

        Skeleton(String key, String mentioned, String source) {
            this.key = key;
            this.mentioned = mentioned;
            this.source = source;
        }

        /** The skeleton that a command names: exactly one, or the command is ambiguous. */
        static Skeleton of(String command) {
            List<Skeleton> named = Stream.of(values()).filter(s -> command.contains(s.mentioned)).toList();
            if (named.size() != 1) {
                throw new AssertionError("a sheet's suite command must launch exactly one skeleton, "
                        + "this one names " + named + ": " + command);
            }
            return named.get(0);
        }

        String claimFile(int stage) {
            return "expected/stage-" + stage + "-" + key + ".txt";
        }
    }
}
