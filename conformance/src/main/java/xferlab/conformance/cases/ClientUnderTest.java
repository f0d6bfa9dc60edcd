package xferlab.conformance.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/** The client a case judges, as the case sees it: it makes a file, then runs the client against a scripted server. */
public final class ClientUnderTest {
    /** Beyond its own timeout, how long a client may take to give up before it is called hung. */
    public static final Duration MARGIN = Duration.ofSeconds(5);

    private final SuiteContext context;
    private final CaseScope scope;

    public ClientUnderTest(SuiteContext context, CaseScope scope) {
        this.context = context;
        this.scope = scope;
    }

    /**
     * Starts a session: a scripted server on loopback, a file {@code name} with this
     * content in a directory of its own, and the client launched to upload it.
     */
    public ClientSession start(String name, byte[] content) throws IOException {
        Path dir = Files.createTempDirectory("xfer-suite-client-");
        Path file = dir.resolve(name);
        Files.write(file, content);
        return new ClientSession(context, scope, dir, file);
    }

    /** The timeout the client is told to use, {@code {timeout}}. */
    public Duration clientTimeout() {
        return context.timing().idle();
    }

    public Timing timing() {
        return context.timing();
    }

    public Random random() {
        return scope.random();
    }
}
