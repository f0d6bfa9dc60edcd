package xferlab.conformance.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import xferlab.conformance.report.Json;

/**
 * Each implementation's verdict from its own suite, run once and kept: the same
 * checks the {@code server} and {@code client} commands make, so that "which side
 * broke which rule" is judged by the suites and not by the matrix alone. Each suite
 * runs in a JVM of its own, as in class mode, so that an implementation that wedges
 * its suite harms only its own verdict.
 */
final class SuiteVerdicts {
    private final Path reports;
    private final int level;
    private final long seed;
    private final Duration timeout;
    private final Map<String, SuiteVerdict> verdicts = new ConcurrentHashMap<>();

    /**
     * @param reports         where each suite's report directory goes ({@code suites/server-NAME})
     * @param level           the highest level the suites run
     * @param timeout         how long one suite may run before it is stopped
     */
    SuiteVerdicts(Path reports, int level, long seed, Duration timeout) {
        this.reports = reports;
        this.level = level;
        this.seed = seed;
        this.timeout = timeout;
    }

    int level() {
        return level;
    }

    /**
     * The verdict, running the suite the first time it is asked for.
     *
     * @param targetArguments the child suite's options that point it at the implementation (none for the reference)
     */
    SuiteVerdict of(Side side, Implementation implementation, List<String> targetArguments) {
        return verdicts.computeIfAbsent(side.word() + "/" + implementation.name(),
                key -> run(side, implementation, targetArguments));
    }

    private SuiteVerdict run(Side side, Implementation implementation, List<String> targetArguments) {
        Path dir = reports.resolve(side.word() + "-" + implementation.name());
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("summary.json"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    xferlab.conformance.cli.ConformanceMain.class.getName(), side.word()));
            command.addAll(targetArguments);
            command.addAll(List.of("--level", String.valueOf(level), "--seed", String.valueOf(seed),
                    "--report", dir.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.txt").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                // Children first: the suite's own launched server would outlive a killed suite.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new SuiteVerdict(side, implementation.name(), false, "", "", "its suite was stopped after "
                        + timeout.toSeconds() + " s", null);
            }
            return read(side, implementation, dir, process.exitValue());
        } catch (IOException e) {
            return new SuiteVerdict(side, implementation.name(), false, "", "", "its suite could not run: "
                    + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SuiteVerdict(side, implementation.name(), false, "", "", "interrupted", null);
        }
    }

    /** Reads the suite's summary.json: the failing case of the lowest level, in the suite's order. */
    @SuppressWarnings("unchecked")
    private static SuiteVerdict read(Side side, Implementation implementation, Path dir, int exit)
            throws IOException {
        Path summary = dir.resolve("summary.json");
        Path report = dir.resolve("report.html");
        if (!Files.exists(summary)) {
            return new SuiteVerdict(side, implementation.name(), false, "", "", "its suite wrote no report (exit "
                    + exit + "): see " + dir.resolve("console.txt"), null);
        }
        Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(summary));
        Map<String, Object> first = null;
        for (Object item : (List<Object>) root.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) item;
            String verdict = String.valueOf(c.get("verdict"));
            boolean failure = !verdict.equals("passed") && !verdict.equals("warned") && !verdict.equals("skipped");
            if (failure && (first == null || level(c) < level(first))) {
                first = c;
            }
        }
        if (first == null) {
            return new SuiteVerdict(side, implementation.name(), exit == 0, "", "",
                    exit == 0 ? "" : "its suite ended with exit status " + exit, Files.exists(report) ? report : null);
        }
        String cited = String.valueOf(first.getOrDefault("cited", ""));
        String sentence = String.valueOf(first.getOrDefault("requirement", ""));
        String actual = String.valueOf(first.getOrDefault("actual", first.getOrDefault("message", "")));
        String what = (sentence.isEmpty() ? "" : sentence + " ") + (actual.isBlank() ? "" : "It saw: " + actual);
        return new SuiteVerdict(side, implementation.name(), false, cited, String.valueOf(first.get("case")),
                what.strip(), Files.exists(report) ? report : null);
    }

    private static int level(Map<String, Object> c) {
        return c.get("level") instanceof Number n ? n.intValue() : 3;
    }
}
