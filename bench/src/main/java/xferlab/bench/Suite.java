package xferlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import xferlab.conformance.report.Json;
import xferlab.conformance.target.ProcessGroup;

/** Runs a full conformance suite against the bundled reference, as a user would, and times it. */
final class Suite {
    private Suite() {
    }

    /** @param counts verdict counts from the suite's summary.json (passed, failed, ...) */
    record Run(String suite, int exitStatus, double seconds, Map<String, Integer> counts) {
    }

    static Run run(Path conformanceJar, String suite, List<String> extraArgs, Path work, Duration bound)
            throws IOException, InterruptedException {
        Path reportDir = work.resolve(suite + "-report");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", conformanceJar.toString(), suite, "--report", reportDir.toString()));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Files.createDirectories(work.resolve(suite + "-cwd")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(suite + "-suite.out").toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        long started = System.nanoTime();
        Process process = builder.start();
        int status;
        if (process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
            status = process.exitValue();
        } else {
            // The suite stops what it started; its children go with it if it is killed.
            ProcessGroup.of(process).stop(Duration.ZERO);
            status = -1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Run(suite, status, seconds, counts(reportDir.resolve("summary.json")));
    }

    /** The "counts" object of summary.json (verdict to number of cases), read with the suite's JSON reader. */
    record Summary(Map<String, Integer> counts) {
    }

    static Map<String, Integer> counts(Path summary) throws IOException {
        if (!Files.isRegularFile(summary)) {
            return new TreeMap<>();
        }
        Map<String, Integer> counts = Json.read(Files.readString(summary), Summary.class).counts();
        return counts == null ? new TreeMap<>() : new TreeMap<>(counts);
    }
}
