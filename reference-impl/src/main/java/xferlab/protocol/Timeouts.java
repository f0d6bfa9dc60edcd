package xferlab.protocol;

import java.time.Duration;

/** Turns a timeout into what {@link java.net.Socket#setSoTimeout} takes. */
public final class Timeouts {
    private Timeouts() {
    }

    /**
     * Milliseconds as an {@code int}, at least 1 (0 would mean "wait for ever") and at
     * most {@link Integer#MAX_VALUE} (about 24 days): a longer timeout is as good as
     * that one, and must not overflow into a negative or tiny value.
     */
    public static int millis(Duration timeout) {
        if (timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) >= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(1, timeout.toMillis());
    }
}
