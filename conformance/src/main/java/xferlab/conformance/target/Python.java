package xferlab.conformance.target;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether Python 3 is here, asked once: the one check the kit's tests and the bench
 * make before they run the Python implementations, and say so when it is missing.
 */
public final class Python {
    private static final Path SYSTEM = Path.of("/usr/bin/python3");
    private static Optional<Path> found;

    private Python() {
    }

    /**
     * The interpreter that answers {@code --version}: the system's first (a version
     * manager's shim costs a start-up of its own), else the first {@code python3} on
     * the PATH.
     */
    public static synchronized Optional<Path> python3() {
        if (found == null) {
            found = candidates().stream().filter(Python::runs).findFirst();
        }
        return found;
    }

    /** Whether there is a Python 3 that runs. */
    public static boolean available() {
        return python3().isPresent();
    }

    private static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>(List.of(SYSTEM));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(dir.isEmpty() ? "." : dir, "python3"));
        }
        return candidates.stream().filter(Files::isExecutable).distinct().toList();
    }

    private static boolean runs(Path python) {
        try {
            Process process = new ProcessBuilder(python.toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return process.exitValue() == 0;
            }
            ProcessGroup.of(process).stop(Duration.ZERO);
        } catch (IOException e) {
            // not a program this system can run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
