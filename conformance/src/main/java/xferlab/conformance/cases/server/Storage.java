package xferlab.conformance.cases.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.Violation;

/** Checks of the storage directory after an upload that should have left no trace. */
final class Storage {
    private Storage() {
    }

    /**
     * Expects {@code name} to hold {@code previous} (or to be absent, if null), once
     * the server has answered a later connection: a server that is still busy with
     * the aborted one gets that long to clean up.
     */
    static void expectUnchanged(ServerUnderTest server, String name, byte[] previous, String when) throws IOException {
        if (!server.hasStorage()) {
            return;
        }
        settle(server);
        // The server may still be busy with the aborted connection on another thread:
        // watch the name for a short while, and fail at the first sign of a trace.
        Path file = server.storage().resolve(name);
        long deadline = System.nanoTime() + WATCH.toNanos();
        do {
            check(file, name, previous, when);
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // polling pace
        } while (System.nanoTime() < deadline);
    }

    /** How long a name is watched for a trace of an aborted upload. */
    private static final java.time.Duration WATCH = java.time.Duration.ofMillis(300);

    private static void check(Path file, String name, byte[] previous, String when) throws IOException {
        byte[] now;
        try {
            now = Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (java.nio.file.NoSuchFileException e) {
            now = null;
        }
        if (previous == null && now != null) {
            throw Violation.of("XFER-STORE-04")
                    .expected("no file \"" + name + "\": the upload ended " + when)
                    .actual("a file of " + now.length + " octets: a partial upload was kept")
                    .hint(AbortCases.NO_TRACE_HINT)
                    .build();
        }
        if (previous != null && (now == null || !Arrays.equals(now, previous))) {
            throw Violation.of("XFER-STORE-04")
                    .expected("\"" + name + "\" keeps its previous " + previous.length + " octets: the new upload ended " + when)
                    .actual(now == null ? "the file is gone" : "it now holds " + now.length + " other octets")
                    .hint(AbortCases.NO_TRACE_HINT)
                    .build();
        }
    }

    /**
     * Waits until the server has served a fresh, correct upload: proof that it has
     * moved on, and for a one-client-at-a-time server, that it has finished the
     * connection before.
     */
    static void settle(ServerUnderTest server) throws IOException {
        Wire.upload(server, Wire.uniqueName(server, "settle"), new byte[] {'.'}, "XFER-LIVE-01");
    }
}
