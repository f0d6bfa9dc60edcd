package xferlab.conformance.target;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/** An implementation under test, however the suite reaches it. */
public interface Target extends AutoCloseable {

    /**
     * Brings the implementation up and waits, bounded, until it accepts connections.
     *
     * @throws LaunchException if it cannot be started, or never accepts
     */
    void start() throws LaunchException;

    /** Where to connect. */
    InetSocketAddress address();

    /** The storage directory, when the suite knows it; checks of stored files need it. */
    Optional<Path> storageDir();

    /** Whether the suite can kill and restart the implementation (not for {@code --connect}). */
    boolean controllable();

    /** Whether the implementation is still running, as far as the suite can tell. */
    boolean isRunning();

    /** Kills it at once, the way a crash would (SIGKILL for a process tree). */
    void kill();

    /**
     * Starts it again after a kill or an exit, on the same directory, waiting until it
     * listens again. A launched target moves to a fresh port unless the user chose
     * one: a server that closed connections first leaves its old port in TIME_WAIT,
     * and a student's server rarely sets SO_REUSEADDR.
     */
    void restart() throws LaunchException;

    /** One line for the report: what is under test. */
    String description();

    /** What the implementation printed, if the suite captured it (launched targets). */
    default String outputTail() {
        return "";
    }

    /** Where its output ends now, for {@link #outputSince}. */
    default long outputMark() {
        return 0;
    }

    /** What it printed after {@code mark} (the end of it, if it printed much). */
    default String outputSince(long mark) {
        return "";
    }

    /** Stops it and everything it started. */
    @Override
    void close();
}
