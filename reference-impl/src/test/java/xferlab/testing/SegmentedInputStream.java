package xferlab.testing;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An input stream that serves given chunks, never more than the rest of the current
 * chunk per read: what a socket does when the peer's octets arrive in separate
 * segments. After the last chunk it either reports end of stream or, as a tripwire,
 * fails the test: a reader that should have stopped must not ask for more (a real
 * socket would block there for ever).
 */
public final class SegmentedInputStream extends InputStream {
    private final List<byte[]> chunks;
    private final boolean failAfterLast;
    private int chunk;
    private int offset;
    private long served;

    private SegmentedInputStream(List<byte[]> chunks, boolean failAfterLast) {
        this.chunks = new ArrayList<>(chunks);
        this.failAfterLast = failAfterLast;
    }

    /** Serves the chunks, then end of stream. */
    public static SegmentedInputStream of(byte[]... chunks) {
        return new SegmentedInputStream(Arrays.asList(chunks), false);
    }

    /** Serves the chunks, then fails any further read with an {@link AssertionError}. */
    public static SegmentedInputStream thenTripwire(byte[]... chunks) {
        return new SegmentedInputStream(Arrays.asList(chunks), true);
    }

    /** Splits {@code octets} at the given ascending offsets. */
    public static byte[][] split(byte[] octets, int... cuts) {
        byte[][] parts = new byte[cuts.length + 1][];
        int from = 0;
        for (int i = 0; i < cuts.length; i++) {
            parts[i] = Arrays.copyOfRange(octets, from, cuts[i]);
            from = cuts[i];
        }
        parts[cuts.length] = Arrays.copyOfRange(octets, from, octets.length);
        return parts;
    }

    /** Octets handed out so far. */
    public long served() {
        return served;
    }

    private boolean skipEmptyChunks() {
        while (chunk < chunks.size() && offset == chunks.get(chunk).length) {
            chunk++;
            offset = 0;
        }
        return chunk < chunks.size();
    }

    @Override
    public int read() {
        if (!skipEmptyChunks()) {
            return end();
        }
        served++;
        return chunks.get(chunk)[offset++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!skipEmptyChunks()) {
            return end();
        }
        byte[] current = chunks.get(chunk);
        int n = Math.min(len, current.length - offset);
        System.arraycopy(current, offset, buffer, off, n);
        offset += n;
        served += n;
        return n;
    }

    @Override
    public int available() {
        return skipEmptyChunks() ? chunks.get(chunk).length - offset : 0;
    }

    private int end() {
        if (failAfterLast) {
            throw new AssertionError("read past the last octet (" + served
                    + " served): a real peer would have left this read blocked");
        }
        return -1;
    }
}
