package xferlab.conformance.fault;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;

import xferlab.conformance.wire.Connection;

/**
 * Sends octets in chosen segments. Each write leaves as its own TCP segment (the
 * suite's sockets have Nagle's algorithm off), and a short pause between writes
 * gives the receiver time to read each one apart: what a slow network does to a
 * header.
 */
public final class Segmenter {
    private Segmenter() {
    }

    /** One octet per segment. */
    public static void oneOctetEach(Connection connection, byte[] octets, Duration pause) throws IOException {
        connection.inject(Fault.RESEGMENT, octets.length + " octets sent one per segment, "
                + pause.toMillis() + " ms apart");
        for (int i = 0; i < octets.length; i++) {
            connection.send(octets, i, 1);
            pauseFor(pause);
        }
    }

    /** Segments ending at the given offsets (the last must be {@code octets.length}). */
    public static void atCuts(Connection connection, byte[] octets, int[] cuts, Duration pause) throws IOException {
        connection.inject(Fault.RESEGMENT, "segments end at octets " + java.util.Arrays.toString(cuts)
                + ", " + pause.toMillis() + " ms apart");
        int from = 0;
        for (int cut : cuts) {
            connection.send(octets, from, cut - from);
            from = cut;
            pauseFor(pause);
        }
    }

    /** Random segments of 1 to {@code max} octets, chosen by the seeded random source. */
    public static void random(Connection connection, byte[] octets, int max, Random random, Duration pause)
            throws IOException {
        connection.inject(Fault.RESEGMENT, "random segments of 1 to " + max + " octets");
        int from = 0;
        while (from < octets.length) {
            int length = Math.min(octets.length - from, 1 + random.nextInt(max));
            connection.send(octets, from, length);
            from += length;
            if (!pause.isZero()) {
                pauseFor(pause);
            }
        }
    }

    /**
     * Waits between segments. This is pacing, not synchronisation: nothing waits
     * for the pause to "be enough"; a correct server passes however the octets
     * arrive.
     */
    private static void pauseFor(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted between segments");
        }
    }
}
