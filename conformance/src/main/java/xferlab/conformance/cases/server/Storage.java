package xferlab.conformance.cases.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.Violation;

/** Checks of the storage directory after an upload that should have left no trace. */
final class Storage {
    /** How long a name is watched for a trace of an aborted upload. */
    private static final Duration WATCH = Duration.ofMillis(300);

    private Storage() {
    }

    /**
     * Expects {@code name} to hold {@code previous} (or to be absent, if null), once
     * the server has moved on from the aborted connection, citing the case's requirement.
     */
    static void expectUnchanged(ServerUnderTest server, String name, byte[] previous, String when) throws IOException {
        expectUnchanged(server, name, previous, when, server.requirement());
    }

    /**
     * Expects {@code name} to hold {@code previous} (or to be absent, if null), once
     * the server has moved on from the aborted connection, citing {@code requirement}.
     */
    static void expectUnchanged(ServerUnderTest server, String name, byte[] previous, String when, String requirement)
            throws IOException {
        if (!server.hasStorage()) {
            return;
        }
        String cited = server.own(requirement);
        settle(server);
        // The server may still be busy with the aborted connection on another thread:
        // watch the name for a short while, and fail at the first sign of a trace.
        Path file = server.storage().resolve(name);
        long deadline = System.nanoTime() + WATCH.toNanos();
        do {
            check(file, name, previous, when, cited);
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // polling pace
        } while (System.nanoTime() < deadline);
    }

    private static void check(Path file, String name, byte[] previous, String when, String requirement)
            throws IOException {
        byte[] now;
        try {
            now = Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (java.nio.file.NoSuchFileException e) {
            now = null;
        }
        if (previous == null && now != null) {
            throw Violation.of(requirement)
                    .expected("no file \"" + name + "\": the upload ended " + when)
                    .actual("a file of " + now.length + " octets: a partial upload was kept")
                    .hint(AbortCases.NO_TRACE_HINT)
                    .build();
        }
        if (previous != null && (now == null || !Arrays.equals(now, previous))) {
            throw Violation.of(requirement)
                    .expected("\"" + name + "\" keeps its previous " + previous.length + " octets: the new upload ended " + when)
                    .actual(now == null ? "the file is gone" : "it now holds " + now.length + " other octets")
                    .hint(AbortCases.NO_TRACE_HINT)
                    .build();
        }
    }

    /**
     * Waits until the server has moved on from the aborted connection: it served a
     * fresh upload (a one-client-at-a-time server has then finished the one before),
     * or its process exited (a server that serves one connection is done with it).
     * Neither outcome is judged here: the storage check that follows is the case's.
     */
    static void settle(ServerUnderTest server) {
        try {
            Wire.upload(server, Wire.uniqueName(server, "settle"), new byte[] {'.'});
            server.hideLastConnection();
        } catch (Violation | IOException e) {
            server.alsoSeen("the upload that checks the server has moved on did not succeed", "XFER-LIVE-01");
        }
    }
}
