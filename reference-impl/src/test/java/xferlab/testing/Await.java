package xferlab.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition with a deadline: the one way tests synchronise with a server's threads. */
public final class Await {
    private Await() {
    }

    /**
     * Polls {@code condition} until it holds.
     *
     * @throws AssertionError naming {@code what} if the deadline passes first
     */
    public static void until(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still not true after " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }
}
