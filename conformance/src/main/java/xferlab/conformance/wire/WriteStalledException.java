package xferlab.conformance.wire;

import java.io.IOException;
import java.time.Duration;

/** A write blocked past its deadline: the peer stopped reading. */
public final class WriteStalledException extends IOException {
    private static final long serialVersionUID = 1L;

    public WriteStalledException(Duration timeout) {
        super("a write blocked for " + timeout.toMillis() + " ms: the peer stopped reading");
    }
}
