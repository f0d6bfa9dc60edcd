package xferlab.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Keeps the libraries' logging (java.util.logging, which jqwik uses for its shrinking
 * warnings) off the students' console: the console carries only the suite's own
 * words. What they log is kept and written into the report directory as
 * {@code library.log}, for whoever debugs the suite itself.
 */
public final class LibraryLog {
    private static final int KEPT = 2000;
    private static final Deque<String> LINES = new ArrayDeque<>();
    private static boolean installed;

    private LibraryLog() {
    }

    /** Replaces every console handler with the in-memory one; idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        SimpleFormatter format = new SimpleFormatter();
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                keep(format.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private static synchronized void keep(String text) {
        LINES.addLast(text);
        while (LINES.size() > KEPT) {
            LINES.removeFirst();
        }
    }

    /** Writes what the libraries logged into {@code dir/library.log}, if they logged anything. */
    public static synchronized void writeTo(Path dir) throws IOException {
        if (!LINES.isEmpty()) {
            Files.writeString(dir.resolve("library.log"), String.join("", LINES), StandardCharsets.UTF_8);
        }
    }
}
