package xferlab.conformance.cases;

import java.time.Duration;

/**
 * The suite's bounds on waiting.
 *
 * @param connect how long a connect may take
 * @param reply   how long a reply that is due may take to arrive
 * @param idle    the idle timeout the implementation was told to use
 * @param write   how long one write may block before the suite calls the peer stalled
 */
public record Timing(Duration connect, Duration reply, Duration idle, Duration write) {

    /** The bounds for an implementation told to time out idle connections after {@code idle}. */
    public static Timing forIdle(Duration idle) {
        return new Timing(Duration.ofSeconds(5), Duration.ofSeconds(5), idle, Duration.ofSeconds(10));
    }

    /**
     * How long the suite waits for an idle connection to be closed: the idle timeout
     * plus a grace of its own length (at least 2 s), since a server's timer may
     * start late or tick coarsely.
     */
    public Duration idleClose() {
        Duration grace = idle.compareTo(Duration.ofSeconds(2)) > 0 ? idle : Duration.ofSeconds(2);
        return idle.plus(grace);
    }

    /** The same bounds scaled for a slow machine. */
    public Timing scaled(double factor) {
        return new Timing(scale(connect, factor), scale(reply, factor), idle, scale(write, factor));
    }

    private static Duration scale(Duration duration, double factor) {
        return Duration.ofMillis((long) (duration.toMillis() * factor));
    }
}
