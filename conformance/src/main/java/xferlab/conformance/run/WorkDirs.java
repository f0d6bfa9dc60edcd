package xferlab.conformance.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The suite's temporary directories: a run leaves none behind. */
public final class WorkDirs {
    private WorkDirs() {
    }

    /** Deletes a directory and everything in it; what cannot be deleted is left to the system's cleaner. */
    public static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory: the system cleans what is left
        }
    }
}
