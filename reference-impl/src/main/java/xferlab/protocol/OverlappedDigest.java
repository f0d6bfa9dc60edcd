package xferlab.protocol;

import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * A SHA-256 computed on another core while the caller moves the same octets.
 *
 * <p>Why: hashing costs about 1 s of CPU per GiB. Done inline, between reading a
 * buffer and writing it, it stops the copy for that long; and a client and a server
 * on one two-core machine both hash. Handed to another thread, it overlaps the
 * copy instead, and the transfer runs at the speed of the slower of the two.
 *
 * <p>How: double buffering. The caller takes a buffer, fills it, hands it to
 * {@link #update}, and goes on writing it out while a hasher thread digests it.
 * The next {@link #buffer()} is the other one; the one after that is the first
 * again, and {@code buffer()} waits until the hasher is done with it. The hasher
 * digests the buffers in the order they were handed over, so the digest is the
 * same as inline.
 *
 * <pre>{@code
 * OverlappedDigest sha256 = new OverlappedDigest(64 * 1024);
 * for (int n; ; ) {
 *     byte[] buffer = sha256.buffer();
 *     if ((n = in.read(buffer)) == -1) break;
 *     sha256.update(buffer, n);   // hashed on another core...
 *     out.write(buffer, 0, n);    // ...while this thread writes it
 * }
 * String hex = sha256.hex();
 * }</pre>
 */
public final class OverlappedDigest {
    /**
     * One hasher per core, shared by every transfer in the process: a thousand
     * uploads at once still hash on as many threads as there are cores. Daemon
     * threads, so that they never keep a program alive.
     */
    private static final Executor HASHERS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), task -> {
                Thread thread = new Thread(task, "xfer-sha256");
                thread.setDaemon(true);
                return thread;
            });

    private final MessageDigest sha256 = Digests.sha256();
    private final int bufferSize;
    private final byte[][] buffers = new byte[2][];
    private final CompletableFuture<?>[] hashed = {CompletableFuture.completedFuture(null),
        CompletableFuture.completedFuture(null)};
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
    private int next;

    /** @param bufferSize the size of each of the two buffers (allocated when first needed) */
    public OverlappedDigest(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    /** The next buffer to fill; waits until the hasher no longer reads it. */
    public byte[] buffer() {
        hashed[next].join();
        if (buffers[next] == null) {
            buffers[next] = new byte[bufferSize];
        }
        return buffers[next];
    }

    /**
     * Hands the first {@code length} octets of the buffer just filled to the hasher.
     * The caller may still read the buffer (to write it out), but must not change it.
     */
    public void update(byte[] buffer, int length) {
        if (buffer != buffers[next]) {
            throw new IllegalArgumentException("not the buffer that buffer() returned last");
        }
        // Chained after the previous update: the octets are hashed in order.
        last = last.thenRunAsync(() -> sha256.update(buffer, 0, length), HASHERS);
        hashed[next] = last;
        next = 1 - next;
    }

    /** Waits for the hasher, and returns the digest as 64 lowercase hexadecimal digits. */
    public String hex() {
        last.join();
        return Digests.hex(sha256.digest());
    }
}
