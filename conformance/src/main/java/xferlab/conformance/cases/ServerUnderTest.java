package xferlab.conformance.cases;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.opentest4j.TestAbortedException;

import xferlab.conformance.target.LaunchException;
import xferlab.conformance.target.Target;
import xferlab.conformance.wire.Connection;

/** The server a case talks to, as the case sees it: connections, storage, and control. */
public final class ServerUnderTest {
    private final SuiteContext context;
    private final CaseScope scope;

    public ServerUnderTest(SuiteContext context, CaseScope scope) {
        this.context = context;
        this.scope = scope;
    }

    /**
     * Opens a connection whose every octet is recorded for the report.
     *
     * @param what what the connection is for, shown in the report
     * @throws Violation of XFER-LIVE-01 if the server no longer accepts connections
     */
    public Connection connect(String what) {
        try {
            return Connection.open(context.target().address(), timing().connect(), timing().write(),
                    scope.newTranscript(what));
        } catch (IOException e) {
            throw Violation.of("XFER-LIVE-01")
                    .expected("the server accepts a new connection")
                    .actual("connecting failed: " + e.getMessage())
                    .hint("the server stopped listening: did an earlier connection end it, or does it serve "
                            + "only one client?")
                    .build();
        }
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

    /** Kills the implementation at once, like a crash. */
    public void kill() {
        requireControl();
        context.target().kill();
    }

    /** Starts the implementation again after a kill. */
    public void restart() {
        requireControl();
        try {
            context.target().restart();
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
