package xferlab.conformance.cases;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import xferlab.conformance.target.ClientRun;
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Octets;
import xferlab.conformance.wire.Received;
import xferlab.conformance.wire.ScriptedServer;

/**
 * One run of the client under test against the suite's scripted server, in the
 * script-exercise-verify manner of MockWebServer: the case plays the server on the
 * connection {@link #accept()} returns, then sets expectations of how the client
 * ended, {@code session.expectFailed().because(HINT)}. Each cites the case's own first
 * requirement unless told {@link Check#citing} another it covers; the client's run
 * is awaited as long as the case's timing allows.
 */
public final class ClientSession implements AutoCloseable {
    /** What the client must send first: the header, and the payload after READY. A step of most cases. */
    public static final String HEADER_STEP = "XFER-CLI-02";
    /** A correct upload ends with exit 0: the step that ends a case whose own check came before. */
    static final String CLEAN_EXIT = "XFER-CLI-04";
    /** Every wait is bounded: a client that hangs breaks this, whatever the case checks. */
    static final String NO_HANG = "XFER-CLI-07";

    /**
     * What a case checks in its own words: given a violation of the check's requirement
     * (its hint already set), fill in what was expected and what happened, or return
     * null when all is well.
     */
    @FunctionalInterface
    public interface Judgement {
        Violation.Builder judge(Violation.Builder violation);
    }

    private final SuiteContext context;
    private final CaseScope scope;
    private final Path dir;
    private final Path file;
    private final ScriptedServer server;
    private final ExecutorService runner;
    private final Future<ClientRun> run;
    private Connection connection;
    private ClientRun result;
    private Check last;

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
     * Waits for the client's connection, a step of every case that plays the server.
     *
     * @throws Violation of XFER-CLI-02 if the client ends, or takes too long, without connecting; a case
     *                   that does not own it is not reached
     */
    public Connection accept() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        xferlab.conformance.wire.Transcript transcript = scope.newTranscript("the client's connection");
        while (System.nanoTime() < deadline) {
            // Short waits, so that a client that exits without connecting is noticed at once.
            connection = server.accept(Duration.ofMillis(100), context.timing().write(), transcript);
            if (connection != null) {
                return connection;
            }
            if (run.isDone()) {
                throw Violation.of(HEADER_STEP)
                        .expected("the client connects to the suite's server")
                        .actual(finish().describe() + " without connecting")
                        .hint("the client is run as given with --launch; check that it takes {host} {port} {file}")
                        .build();
            }
        }
        throw Violation.of(HEADER_STEP)
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
        return finish(runBound());
    }

    /** The client must report success: exit status 0, in time. */
    public Check expectSucceeded() {
        return expect(check -> {
            ClientRun run = finish(check.within());
            if (run.hung() || run.exitStatus() != 0) {
                return check.violation(null)
                        .expected("exit status 0 after a correct OK")
                        .actual(run.describe())
                        .timedOut(run.hung())
                        .build();
            }
            return null;
        });
    }

    /**
     * The step that ends a case whose own check came before: a correct upload ends with
     * exit 0 (XFER-CLI-04). Where the case does not own that rule, a failure here leaves
     * it not reached.
     */
    public void expectFinishedWell() {
        expectSucceeded().citingStep(CLEAN_EXIT).because("exit 0 once OK arrives with the digest of what was sent");
    }

    /**
     * The client must report failure: a non-zero exit status, in time. A client that
     * hangs instead breaks XFER-CLI-07, whatever the case cites: a case that does not own
     * it is not reached.
     */
    public Check expectFailed() {
        return expect(check -> {
            ClientRun run = finish(check.within());
            if (run.hung()) {
                return Violation.of(NO_HANG)
                        .expected("the client gives up within its timeout and exits with a non-zero status")
                        .actual(run.describe())
                        .hint("bound every wait: the connect, each reply, and each write (a server that stops "
                                + "reading blocks a write for ever)")
                        .timedOut(true)
                        .build();
            }
            if (!run.reportedFailure()) {
                return check.violation(null)
                        .expected("a non-zero exit status: the upload did not end in a correct OK")
                        .actual(run.describe())
                        .build();
            }
            return null;
        });
    }

    /** The client must have printed this text (the server's reason, say). */
    public Check expectPrinted(String text) {
        return expect(check -> {
            ClientRun run = finish(check.within());
            if (!run.printed(text)) {
                return check.violation(null)
                        .expected("the client's output contains \"" + text + "\"")
                        .actual(run.describe())
                        .build();
            }
            return null;
        });
    }

    /** Nothing may arrive from the client for a while: it must be waiting (for READY, say). */
    public Check expectSilence(Duration during) {
        return expect(check -> {
            Received early = connection.readExactly(1, during);
            if (!early.any()) {
                return null;
            }
            Received rest = connection.readExactly(64 * 1024, Duration.ofMillis(200));
            return check.violation(null)
                    .expected("nothing from the client while the suite holds back its reply")
                    .actual((1 + rest.octets().length) + " octets arrived, starting \""
                            + Octets.escape(early.octets()) + Octets.escape(Arrays.copyOf(rest.octets(),
                                    Math.min(32, rest.octets().length))) + "\"")
                    .build();
        });
    }

    /** A check the case words itself (see {@link Judgement}); it runs when {@link Check#because} gives its hint. */
    public Check expectThat(Judgement judgement) {
        return expect(check -> {
            Violation.Builder violation = judgement.judge(check.violation(null));
            return violation == null ? null : violation.build();
        });
    }

    private Check expect(Check.Verifier verifier) {
        if (last != null) {
            Check before = last;
            last = null;
            before.run();
        }
        last = new Check(scope, scope.primary(), runBound(), verifier);
        return last;
    }

    /** How long the suite waits for the client to end before it calls the run hung. */
    private Duration runBound() {
        return context.timing().idle().plus(ClientUnderTest.MARGIN).plusSeconds(5);
    }

    private ClientRun finish(Duration bound) {
        if (result != null) {
            return result;
        }
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
