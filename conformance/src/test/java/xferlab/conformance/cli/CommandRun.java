package xferlab.conformance.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One in-process run of {@code xfer-conformance server ...}, the way a grader
 * scripts it, with everything it printed; and the look-ups the command-line tests
 * make around a run (ports, processes, temporary directories).
 *
 * @param exit   the exit status {@code execute} returned
 * @param out    what it printed on standard output
 * @param err    what it printed on standard error
 * @param millis how long it took
 */
record CommandRun(int exit, String out, String err, long millis) {
    private static final Pattern CASE_LINE = Pattern.compile("^  (ok|FAIL|WARN|----|TIME|ERR|skip)\\s+(\\S+) \\[[^\\]]*\\]");
    private static final String DETAIL_INDENT = "        ";

    /**
     * Runs the command line in this process. Standard output and error are captured
     * (and restored afterwards, whatever happens); a run that outlives
     * {@code bound} fails the test with what it printed so far instead of hanging it.
     */
    static CommandRun of(Duration bound, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FutureTask<Integer> task = new FutureTask<>(() -> ConformanceMain.commandLine().execute(args));
        Thread thread = new Thread(task, "xfer-conformance-command");
        thread.setDaemon(true);
        long started = System.nanoTime();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            thread.start();
            int exit = task.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("the command did not end within " + bound.toSeconds() + " s: "
                    + String.join(" ", args) + "\n--- it printed so far:\n" + out.toString(StandardCharsets.UTF_8)
                    + "\n--- on stderr:\n" + err.toString(StandardCharsets.UTF_8));
        } catch (ExecutionException e) {
            throw new AssertionError("the command threw instead of returning an exit status: "
                    + String.join(" ", args), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Everything printed, for failure messages (long transcripts are cut in the middle). */
    String printed() {
        String all = "exit " + exit + " after " + millis + " ms\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        return all.length() <= 30_000 ? all : all.substring(0, 15_000) + "\n[...]\n" + all.substring(all.length() - 15_000);
    }

    List<String> lines() {
        return out.lines().toList();
    }

    /** The console line of each case that ran, by case name, in order. */
    List<String> caseLines() {
        return lines().stream().filter(line -> CASE_LINE.matcher(line).find()).toList();
    }

    /** The console line of one case, e.g. {@code "  FAIL  name-with-slash-is-refused [XFER-NAME-02] (13 ms)"}. */
    Optional<String> caseLine(String caseId) {
        return caseLines().stream().filter(line -> caseId.equals(caseIdOf(line))).findFirst();
    }

    /** The verdict label ({@code ok}, {@code FAIL}, {@code TIME}, {@code ERR}, {@code skip}) of one case. */
    Optional<String> verdict(String caseId) {
        return caseLine(caseId).map(line -> {
            Matcher matcher = CASE_LINE.matcher(line);
            return matcher.find() ? matcher.group(1) : "";
        });
    }

    static String caseIdOf(String caseLine) {
        Matcher matcher = CASE_LINE.matcher(caseLine);
        return matcher.find() ? matcher.group(2) : "";
    }

    /** The indented lines under a case's line: a failure's details, or a skip's reason. */
    String details(String caseId) {
        List<String> lines = lines();
        List<String> block = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (inside) {
                if (line.startsWith(DETAIL_INDENT) || line.isBlank()) {
                    block.add(line);
                    continue;
                }
                break;
            }
            inside = CASE_LINE.matcher(line).find() && caseId.equals(caseIdOf(line));
        }
        return String.join("\n", block);
    }

    /** N from the summary line "N cases in ..." (or "1 case in"). */
    int summaryCount() {
        Matcher matcher = Pattern.compile("(?m)^(\\d+) cases? in ").matcher(out);
        if (!matcher.find()) {
            throw new AssertionError("no summary line in:\n" + printed());
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The port the launched command was given, read from the header's target line. */
    int launchedPort() {
        return Integer.parseInt(targetWord("--port (\\d+)"));
    }

    /** The storage directory the launched command was given ({@code {dir}}), read from the target line. */
    Path launchedStorage() {
        return Path.of(targetWord("--dir (\\S+)"));
    }

    private String targetWord(String regex) {
        Optional<String> target = lines().stream().filter(line -> line.startsWith("  target: ")).findFirst();
        Matcher matcher = Pattern.compile(regex).matcher(target.orElse(""));
        if (!matcher.find()) {
            throw new AssertionError("no " + regex + " in the target line of:\n" + printed());
        }
        return matcher.group(1);
    }

    /**
     * The factor the suite scaled its timeouts by after its calibration (1 when it
     * says "timeouts as specified").
     */
    double timeoutFactor() {
        Matcher matcher = Pattern.compile("timeouts are scaled by (\\d+(?:[.,]\\d+)?)").matcher(out);
        return matcher.find() ? Double.parseDouble(matcher.group(1).replace(',', '.')) : 1.0;
    }

    // ---- around a run ----------------------------------------------------------------------

    /** A test resource as an absolute file path. */
    static Path resource(String name) {
        try {
            return Path.of(CommandRun.class.getResource(name).toURI()).toAbsolutePath();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + name, e);
        }
    }

    /** A word for {@code sh -c}: quoted unless it is plainly safe. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=,+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** Whether {@code python3} runs here. */
    static boolean pythonWorks() {
        return xferlab.conformance.target.Python.available();
    }

    /** Whether something accepts connections on this loopback port. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Live processes started at or after {@code since} whose command line contains every one of the words. */
    static List<String> processesWith(Instant since, String... words) {
        return handlesWith(since, words).stream()
                .map(process -> process.pid() + ": " + process.info().commandLine().orElse(""))
                .toList();
    }

    /** The same processes, as handles (for a test that must clean up what the suite left). */
    static List<ProcessHandle> handlesWith(Instant since, String... words) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.pid() != self)
                .filter(process -> process.info().startInstant().map(start -> !start.isBefore(since)).orElse(true))
                .filter(process -> {
                    String line = process.info().commandLine().orElse("");
                    return !line.isEmpty() && Arrays.stream(words).allMatch(line::contains);
                })
                .toList();
    }

    /** The entries of the temporary directory whose names start with {@code prefix}. */
    static Set<Path> tempEntries(String prefix) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code xfer-suite-*} temporary directories of this run that appeared since
     * {@code before} and are still there. The run deletes its directories before it
     * returns, so one look suffices: nothing removes them later.
     *
     * <p>Other suite runs on the same machine (the build's other test JVM, a developer's
     * parallel build) create and remove directories of that name too, so only the
     * ones that are provably this run's count: those whose launched server's output
     * mentions {@code marker}, a line only this run's server printed (its port in it).
     */
    static Set<Path> leftoverSuiteDirs(Set<Path> before, String marker) {
        Set<Path> left = new java.util.HashSet<>(tempEntries("xfer-suite-"));
        left.removeAll(before);
        left.removeIf(dir -> !mentions(dir.resolve("server-output.log"), marker));
        return left;
    }

    private static boolean mentions(Path file, String marker) {
        try {
            return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.ISO_8859_1).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }
}
