package xferlab.conformance.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import xferlab.conformance.target.ClientRun;
import xferlab.conformance.target.ClientTarget;
import xferlab.conformance.target.LaunchException;
import xferlab.conformance.target.Target;

/**
 * One client against one server: the server in a fresh storage directory, a
 * recording relay in between, and the client run once per file of the set. The
 * whole pair has one deadline; what it has not reached by then is reported as such.
 */
final class PairRun {
    /** How long the relay waits for the server's last octets after the client exits. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final Launchers launchers;
    private final UploadSet set;
    private final Path files;
    private final Duration clientTimeout;
    private final Duration pairTimeout;

    /**
     * @param files         the directory holding the set's files (shared, read only)
     * @param clientTimeout the timeout each client is told to use, as {@code {timeout}}
     * @param pairTimeout   how long the whole pair may take
     */
    PairRun(Launchers launchers, UploadSet set, Path files, Duration clientTimeout, Duration pairTimeout) {
        this.launchers = launchers;
        this.set = set;
        this.files = files;
        this.clientTimeout = clientTimeout;
        this.pairTimeout = pairTimeout;
    }

    PairResult run(Implementation server, Implementation client, Path work) throws IOException {
        long started = System.nanoTime();
        long deadline = started + pairTimeout.toNanos();
        Files.createDirectories(work);
        Path storage = work.resolve("storage");
        List<UploadOutcome> uploads = new ArrayList<>();
        try (Target target = launchers.server(server, storage, work.resolve("server-output.log"))) {
            try {
                target.start();
            } catch (LaunchException e) {
                return new PairResult(server, client, uploads, "the server did not start: " + e.getMessage(),
                        Side.SERVER, target.outputTail(), elapsed(started));
            }
            ClientTarget clientTarget = launchers.client(client, work.resolve("client"));
            Path stored = target.storageDir().orElse(storage);
            // The relay outwaits the server's own idle timeout, so that the server's timing is what shows.
            try (Relay relay = new Relay(target.address(), launchers.idle().plusSeconds(5))) {
                for (UploadSet.UploadFile file : set.files()) {
                    Duration left = Duration.ofNanos(deadline - System.nanoTime());
                    if (left.isNegative() || left.isZero()) {
                        return new PairResult(server, client, uploads, "the pair's time ran out after "
                                + uploads.size() + " of " + set.files().size() + " files (--pair-timeout "
                                + pairTimeout.toSeconds() + " s)", null, target.outputTail(), elapsed(started));
                    }
                    int before = relay.connections().size();
                    ClientRun run = clientTarget.run(InetAddress.getLoopbackAddress().getHostAddress(), relay.port(),
                            files.resolve(file.name()), clientTimeout, left);
                    relay.awaitQuiet(SETTLE);
                    List<Relay.Recorded> connections = relay.connections();
                    byte[] content = read(stored.resolve(file.name()));
                    uploads.add(ExchangeJudge.judge(file, run, connections.subList(before, connections.size()),
                            content));
                }
            }
            return new PairResult(server, client, uploads, "", null, target.outputTail(), elapsed(started));
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
