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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a full conformance suite against the bundled reference, as a user would, and times it. */
final class Suite {
    private static final Pattern COUNT = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\\d+)");

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
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            status = -1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Run(suite, status, seconds, counts(reportDir.resolve("summary.json")));
    }

    /** The "counts" object of summary.json, read with a pattern: it is flat, and one JSON library less. */
    static Map<String, Integer> counts(Path summary) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        if (!Files.isRegularFile(summary)) {
            return counts;
        }
        String json = Files.readString(summary);
        int start = json.indexOf("\"counts\"");
        if (start < 0) {
            return counts;
        }
        Matcher m = COUNT.matcher(json.substring(start, json.indexOf('}', start)));
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return counts;
    }
}
