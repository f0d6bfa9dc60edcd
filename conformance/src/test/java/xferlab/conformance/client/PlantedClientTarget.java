package xferlab.conformance.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import xferlab.conformance.target.ClientRun;
import xferlab.conformance.target.ClientTarget;

/**
 * A planted-fault client as the suite's client under test, in the test's own
 * process. Each run is a fresh {@link PlantedClient} on a thread of its own; a run
 * that outlives its bound is called hung, and its socket is closed so that no
 * thread is left blocked behind it.
 */
public final class PlantedClientTarget implements ClientTarget {
    /** How long to wait for an aborted client's thread to notice its closed socket. */
    private static final Duration AFTER_ABORT = Duration.ofSeconds(5);

    private final ClientFault fault;
    private final boolean waitsForEndOfStream;

    public PlantedClientTarget(ClientFault fault) {
        this(fault, false);
    }

    private PlantedClientTarget(ClientFault fault, boolean waitsForEndOfStream) {
        this.fault = fault;
        this.waitsForEndOfStream = waitsForEndOfStream;
    }

    /** A correct client that reads until the server's end of stream before it closes (a MAY, §11.1 step 8). */
    public static PlantedClientTarget waitingForEndOfStream() {
        return new PlantedClientTarget(ClientFault.NONE, true);
    }

    @Override
    public ClientRun run(String host, int port, Path file, Duration timeout, Duration bound) {
        PlantedClient client = new PlantedClient(fault, waitsForEndOfStream);
        FutureTask<PlantedClient.Outcome> task = new FutureTask<>(
                () -> client.run(host, port, file, timeout.toSeconds()));
        Thread thread = new Thread(task, "planted-client-" + fault);
        thread.setDaemon(true);
        long started = System.nanoTime();
        thread.start();
        try {
            PlantedClient.Outcome outcome = task.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return new ClientRun(outcome.exitStatus(), outcome.stdout(), outcome.stderr(), elapsed(started), false);
        } catch (TimeoutException e) {
            long millis = elapsed(started);
            stop(client, thread);
            return new ClientRun(-1, client.stdoutSoFar(), client.stderrSoFar(), millis, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            long millis = elapsed(started);
            stop(client, thread);
            return new ClientRun(-1, client.stdoutSoFar(), client.stderrSoFar(), millis, true);
        } catch (ExecutionException e) {
            return new ClientRun(1, client.stdoutSoFar(), client.stderrSoFar() + e.getCause(), elapsed(started),
                    false);
        }
    }

    /** Kills the run: closes its socket (a blocked read or write fails at once) and waits for its thread to end. */
    private static void stop(PlantedClient client, Thread thread) {
        client.abort();
        thread.interrupt();
        try {
            thread.join(AFTER_ABORT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the planted client's thread is still blocked after its socket was "
                    + "closed: " + java.util.Arrays.toString(thread.getStackTrace()));
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public String description() {
        return waitsForEndOfStream ? "planted client waiting for end of stream" : "planted-fault client " + fault;
    }
}
