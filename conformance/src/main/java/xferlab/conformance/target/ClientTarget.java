package xferlab.conformance.target;

import java.nio.file.Path;
import java.time.Duration;

/** A client under test, however the suite runs it. */
public interface ClientTarget {

    /**
     * Runs the client once to upload {@code file} to the suite's scripted server.
     *
     * @param timeout the timeout the client is told to use ({@code {timeout}})
     * @param bound   how long it may run before it is killed and called hung
     */
    ClientRun run(String host, int port, Path file, Duration timeout, Duration bound);

    /** One line for the report: what is under test. */
    String description();
}
