package xferlab.conformance.cases;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.opentest4j.TestAbortedException;

import xferlab.conformance.target.LaunchException;
import xferlab.conformance.target.Target;
import xferlab.conformance.wire.Connection;

/** The server a case talks to, as the case sees it: connections, storage, and control. */
public final class ServerUnderTest {
    static final String LIVE = "XFER-LIVE-01";
    /** How long a server that exits after each connection is given to do so before the next one. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(1);
    /**
     * How long a connection may take while the case holds others open. On loopback a
     * connect takes well under a millisecond unless the listen backlog is full, which
     * is what a case that opens many connections wants to find out.
     */
    private static final Duration OVERLAPPING_CONNECT = Duration.ofSeconds(2);

    private final SuiteContext context;
    private final CaseScope scope;

    public ServerUnderTest(SuiteContext context, CaseScope scope) {
        this.context = context;
        this.scope = scope;
    }

    /** The case's first requirement: what its own checks cite unless told otherwise. */
    public String requirement() {
        return scope.covers().get(0);
    }

    /**
     * Opens a connection whose every octet is recorded for the report.
     *
     * <p>A case that does not own XFER-LIVE-01 is not judged on it: if the launched
     * server exited after an earlier connection of this case, it is started again
     * first, and that is noted. Only a case that covers XFER-LIVE-01 meets the exit.
     *
     * @param what what the connection is for, shown in the report
     * @throws Violation of XFER-LIVE-01 if the server no longer accepts connections
     */
    public Exchange connect(String what) {
        Target target = context.target();
        boolean ownsLiveness = scope.covers().contains(LIVE);
        boolean first = scope.connections() == 0;
        boolean overlapping = scope.open() > 0;
        if (target.controllable() && (first || !ownsLiveness) && !overlapping) {
            if (context.life().exitsAfterEachConnection() && context.life().servedSinceStart()) {
                awaitExit(EXIT_WAIT);
            }
            if (!target.isRunning()) {
                restart(first ? "it had exited after the case before"
                        : "it had exited after connection " + scope.connections() + " of this case");
            }
        }
        try {
            return open(what, overlapping ? OVERLAPPING_CONNECT : timing().connect());
        } catch (IOException e) {
            // It may be on its way out: a server closes its connection a moment before its process exits.
            if (target.controllable() && (first || !ownsLiveness) && awaitExit(EXIT_WAIT)) {
                restart("it exited while the suite was connecting");
                try {
                    return open(what, timing().connect());
                } catch (IOException again) {
                    throw cannotConnect(again);
                }
            }
            throw cannotConnect(e);
        }
    }

    private Exchange open(String what, Duration within) throws IOException {
        Target target = context.target();
        xferlab.conformance.wire.Transcript transcript = scope.newTranscript(what);
        try {
            Exchange exchange = new Exchange(Connection.open(target.address(), within, timing().write(),
                    transcript), scope, timing(), this);
            context.life().connected();
            return exchange;
        } catch (IOException e) {
            scope.forget(transcript);
            throw e;
        }
    }

    private Violation cannotConnect(IOException e) {
        Target target = context.target();
        boolean exited = target.controllable() && !target.isRunning();
        if (e instanceof java.net.SocketTimeoutException && !exited && !scope.primary().isEmpty()) {
            // The process runs but does not accept: it is busy with another connection.
            return Violation.of(scope.primary())
                    .expected("the server accepts connection " + (scope.connections() + 1) + " of this case")
                    .actual("connecting timed out while the server "
                            + "process was running: its listen backlog was full")
                    .hint("the server does not accept new connections while it serves one: serve each connection "
                            + "on its own thread (or task), and keep accepting")
                    .build();
        }
        return Violation.of(LIVE)
                .expected("the server accepts a new connection")
                .actual("connecting failed: " + e.getMessage() + (exited ? " (the server process had exited)" : ""))
                .hint(exited ? "your server exited after an earlier connection: serve connections in a loop, "
                        + "and catch errors per connection so that one client cannot end the server"
                        : "the server stopped listening: did an earlier connection end it?")
                .dataIndependent(true)
                .build();
    }

    /** What the server printed since this case began (launched targets). */
    String outputSoFar() {
        return context.target() == null ? "" : context.target().outputSince(context.life().mark());
    }

    /** Whether the launched server's process has exited, or exits within a moment (its close may come first). */
    boolean exitedMeanwhile() {
        Target target = context.target();
        return target.controllable() && (!target.isRunning() || awaitExit(Duration.ofMillis(300)));
    }

    boolean awaitExit(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (context.target().isRunning()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // polling a process: no event to wait on
        }
        return true;
    }

    /** Starts the server again so the case can go on testing its own rule; notes it under the case. */
    void restart(String why) {
        Target target = context.target();
        context.life().noticeDown(new ServerLife.Exit(scope.caseId(), scope.connections(), true, ""));
        try {
            target.restart();
            context.life().restarted();
        } catch (LaunchException e) {
            throw Violation.of(LIVE)
                    .expected("the server starts again")
                    .actual("the suite restarted it (" + why + ") and it failed: " + e.getMessage())
                    .hint("the server must start on a storage directory it used before")
                    .build();
        }
        scope.note("the suite restarted the server: " + why);
    }

    public Timing timing() {
        return context.timing();
    }

    /** This case's random source, seeded from the run's seed and the case's name. */
    public Random random() {
        return scope.random();
    }

    public long seed() {
        return scope.seed();
    }

    /** Notes a deviation on the way to the case's own check (see {@link CaseScope#alsoSeen}). */
    public void alsoSeen(String what, String requirement) {
        scope.alsoSeen(what, requirement);
    }

    /** Leaves the last connection out of the report: the suite's own check that the server moved on. */
    public void hideLastConnection() {
        scope.hideLast();
    }

    /** Shows only these connections' transcripts in the report (a summary says what the others did). */
    public void showOnly(Exchange... exchanges) {
        scope.showOnly(java.util.Arrays.stream(exchanges).map(Exchange::transcript).toList());
    }

    /** Checks that the case covers the requirement it is about to cite, and returns it. */
    public String own(String requirement) {
        return scope.own(requirement);
    }

    /** Whether the suite can look into the storage directory. */
    public boolean hasStorage() {
        return context.target().storageDir().isPresent();
    }

    /** The storage directory; the case is skipped when the suite does not know it. */
    public Path storage() {
        return context.target().storageDir()
                .orElseThrow(() -> new TestAbortedException("skipped: needs --dir"));
    }

    /** Skips the case unless the suite started the implementation itself. */
    public void requireControl() {
        if (!context.target().controllable()) {
            throw new TestAbortedException("skipped: needs --launch (the suite must start and kill the server)");
        }
    }

    /** Kills the implementation at once, like a crash, and records it on this connection. */
    public void kill(Exchange during, String detail) throws IOException {
        requireControl();
        during.inject(xferlab.conformance.fault.Fault.KILL, detail);
        context.target().kill();
    }

    /** Starts the implementation again after a kill. */
    public void restartAfterKill() {
        requireControl();
        try {
            context.target().restart();
            context.life().restarted();
        } catch (LaunchException e) {
            throw Violation.of("XFER-STORE-06")
                    .expected("the server starts again after being killed")
                    .actual(e.getMessage())
                    .hint("a server must start on a storage directory that a crash left behind")
                    .build();
        }
    }

    public Target target() {
        return context.target();
    }
}
