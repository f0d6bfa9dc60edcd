package xferlab.conformance.cases;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import xferlab.conformance.target.ClientRun;
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.ScriptedServer;

/**
 * One run of the client under test against the suite's scripted server. The case
 * plays the server on the connection {@link #accept()} returns, then asks how the
 * client ended with {@link #finish()}.
 */
public final class ClientSession implements AutoCloseable {
    private final SuiteContext context;
    private final CaseScope scope;
    private final Path dir;
    private final Path file;
    private final ScriptedServer server;
    private final ExecutorService runner;
    private final Future<ClientRun> run;
    private Connection connection;
    private ClientRun result;

    ClientSession(SuiteContext context, CaseScope scope, Path dir, Path file) throws IOException {
        this.context = context;
        this.scope = scope;
        this.dir = dir;
        this.file = file;
        this.server = new ScriptedServer();
        this.runner = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "xfer-suite-client-run");
            thread.setDaemon(true);
            return thread;
        });
        Duration timeout = context.timing().idle();
        this.run = runner.submit(() -> context.client().run("127.0.0.1", server.port(), file, timeout,
                timeout.plus(ClientUnderTest.MARGIN)));
    }

    /** The file the client uploads. */
    public Path file() {
        return file;
    }

    /**
     * Waits for the client's connection.
     *
     * @throws Violation of {@code requirement} if the client ends, or takes too long, without connecting
     */
    public Connection accept(String requirement) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        xferlab.conformance.wire.Transcript transcript = scope.newTranscript("the client's connection");
        while (System.nanoTime() < deadline) {
            // Short waits, so that a client that exits without connecting is noticed at once.
            connection = server.accept(Duration.ofMillis(100), context.timing().write(), transcript);
            if (connection != null) {
                return connection;
            }
            if (run.isDone()) {
                throw Violation.of(requirement)
                        .expected("the client connects to the suite's server")
                        .actual(finish().describe() + " without connecting")
                        .hint("the client is run as given with --launch; check that it takes {host} {port} {file}")
                        .build();
            }
        }
        throw Violation.of(requirement)
                .expected("the client connects within 15 s")
                .actual("no connection")
                .timedOut(true)
                .build();
    }

    /** A connection the client made, if it made one within {@code within}; null otherwise. */
    public Connection acceptIfAny(Duration within) throws IOException {
        Connection late = server.accept(within, context.timing().write(),
                scope.newTranscript("the client's connection"));
        if (late != null) {
            connection = late;
        }
        return late;
    }

    /** Waits for the client to end (it is killed, and called hung, past its timeout plus a margin). */
    public ClientRun finish() {
        if (result != null) {
            return result;
        }
        Duration bound = context.timing().idle().plus(ClientUnderTest.MARGIN).plusSeconds(5);
        try {
            result = run.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result = new ClientRun(-1, "", "", bound.toMillis(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new ClientRun(-1, "", "", 0, true);
        } catch (ExecutionException e) {
            throw new IllegalStateException("running the client failed", e.getCause());
        }
        if (connection != null) {
            connection.transcript().note(result.describe());
        }
        return result;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        server.close();
        finish();
        runner.shutdownNow();
        xferlab.conformance.run.WorkDirs.delete(dir);
    }
}
