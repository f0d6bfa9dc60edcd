package xferlab.conformance.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import xferlab.conformance.fault.Fault;

/**
 * The suite's end of one TCP connection: every octet goes through the transcript,
 * and every wait has a deadline, writes included.
 */
public final class Connection implements AutoCloseable {
    /** The longest line the suite reads before it calls the line unbounded. */
    public static final int MAX_LINE = 4096;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "xfer-suite-write-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Transcript transcript;
    private final Duration writeTimeout;
    /** Octets read from the socket and not yet taken by a line read. */
    private byte[] pending = new byte[0];
    private boolean ended;

    private Connection(Socket socket, Transcript transcript, Duration writeTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.transcript = transcript;
        this.writeTimeout = writeTimeout;
    }

    /**
     * Connects, waiting at most {@code timeout}.
     *
     * @param writeTimeout how long one write may block before the suite gives up on it
     */
    public static Connection open(InetSocketAddress address, Duration timeout, Duration writeTimeout,
                                  Transcript transcript) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, Math.toIntExact(timeout.toMillis()));
            // Each write leaves as its own segment: the suite controls segmentation.
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        transcript.note("connected to " + address.getHostString() + ":" + address.getPort()
                + " from port " + socket.getLocalPort());
        return new Connection(socket, transcript, writeTimeout);
    }

    /** Wraps a socket the suite accepted (when it plays the server). */
    public static Connection over(Socket socket, Transcript transcript, Duration writeTimeout) throws IOException {
        socket.setTcpNoDelay(true);
        return new Connection(socket, transcript, writeTimeout);
    }

    public Transcript transcript() {
        return transcript;
    }

    /** Writes the octets in one write. */
    public void send(byte[] octets) throws IOException {
        send(octets, 0, octets.length);
    }

    public void send(String text) throws IOException {
        send(Octets.utf8(text));
    }

    /**
     * Writes part of an array in one write. A write that blocks longer than the
     * write timeout (the peer stopped reading) closes the connection and fails with
     * {@link WriteStalledException}.
     */
    public void send(byte[] octets, int offset, int length) throws IOException {
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(this::closeQuietly,
                writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            out.write(octets, offset, length);
            out.flush();
        } catch (IOException e) {
            if (watchdog.isDone()) {
                transcript.note("a write blocked for " + writeTimeout.toMillis() + " ms: the peer stopped reading");
                throw new WriteStalledException(writeTimeout);
            }
            transcript.note("write failed: " + e.getMessage());
            throw e;
        } finally {
            watchdog.cancel(false);
        }
        transcript.sent(octets, offset, length);
    }

    /**
     * Injects a fault: records it, and acts where the act is on this connection
     * (a half-close, a reset, a vanishing close). The other faults are acts of the
     * caller (segments, silence, a kill) that this records as they begin.
     */
    public void inject(Fault fault, String detail) throws IOException {
        transcript.fault(fault, detail);
        switch (fault) {
            case HALF_CLOSE -> socket.shutdownOutput();
            case RESET -> {
                try {
                    socket.setSoLinger(true, 0);
                } catch (SocketException e) {
                    // closing anyway
                }
                closeQuietly();
            }
            case VANISH -> closeQuietly();
            default -> { }
        }
    }

    /**
     * Reads one line, the way a careful client reads a reply: octet stream in, line
     * out, however it was segmented.
     */
    public Received readLine(Duration timeout) {
        return readReply(timeout, null);
    }

    /**
     * Puts octets back in front of what is still to be read, with the way the read
     * that took them ended: a lenient reader that took two replies sent without a line
     * end between them gives the second back.
     */
    public void pushBack(byte[] octets, Received.End end) {
        byte[] joined = new byte[octets.length + pending.length];
        System.arraycopy(octets, 0, joined, 0, octets.length);
        System.arraycopy(pending, 0, joined, octets.length, pending.length);
        pending = joined;
        if (end == Received.End.CLOSED || end == Received.End.RESET) {
            ended = true;
        }
    }

    /**
     * Reads one reply the way a lenient client would, on its way to what a case checks:
     * up to the LF, or, when octets came and then nothing for {@code pause}, those
     * octets as an {@link Received.End#UNTERMINATED} reply. A server that sends
     * {@code READY} without its LF is then seen at once, not after the whole bound.
     *
     * @param pause null to wait for the LF until the deadline, however long the silence
     */
    public Received readReply(Duration timeout, Duration pause) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            for (int i = 0; i < pending.length; i++) {
                if (pending[i] == '\n') {
                    line.write(pending, 0, i);
                    pending = java.util.Arrays.copyOfRange(pending, i + 1, pending.length);
                    byte[] octets = line.toByteArray();
                    boolean crlf = octets.length > 0 && octets[octets.length - 1] == '\r';
                    if (crlf) {
                        octets = java.util.Arrays.copyOf(octets, octets.length - 1);
                    }
                    return new Received(octets, Received.End.LINE, crlf);
                }
            }
            line.write(pending, 0, pending.length);
            pending = new byte[0];
            if (line.size() > MAX_LINE) {
                return new Received(line.toByteArray(), Received.End.TOO_LONG, false);
            }
            long until = line.size() == 0 || pause == null ? deadline
                    : Math.min(deadline, System.nanoTime() + pause.toNanos());
            Received.End end = fill(until);
            if (end == Received.End.TIMEOUT && line.size() > 0 && System.nanoTime() < deadline) {
                return new Received(line.toByteArray(), Received.End.UNTERMINATED, false);
            }
            if (end != null) {
                return new Received(line.toByteArray(), end, false);
            }
        }
    }

    /**
     * Reads exactly {@code count} octets, unless the peer closes, resets or stays
     * silent first; {@link Received#end()} says which ({@code LINE} when all came).
     */
    public Received readExactly(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            int take = (int) Math.min(pending.length, count - all.size());
            all.write(pending, 0, take);
            pending = java.util.Arrays.copyOfRange(pending, take, pending.length);
            if (all.size() == count) {
                return new Received(all.toByteArray(), Received.End.LINE, false);
            }
            Received.End end = fill(deadline);
            if (end != null) {
                return new Received(all.toByteArray(), end, false);
            }
        }
    }

    /**
     * Reads and records everything until the peer closes, the connection is reset,
     * or the deadline passes.
     */
    public Received readToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            all.write(pending, 0, pending.length);
            pending = new byte[0];
            Received.End end = fill(deadline);
            if (end != null) {
                all.write(pending, 0, pending.length);
                pending = new byte[0];
                return new Received(all.toByteArray(), end, false);
            }
        }
    }

    /** Reads once more into {@code pending}; returns how the connection ended, or null if octets came. */
    private Received.End fill(long deadline) {
        if (ended) {
            return Received.End.CLOSED;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return Received.End.TIMEOUT;
        }
        byte[] buffer = new byte[8192];
        try {
            socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            int n = in.read(buffer);
            if (n == -1) {
                ended = true;
                transcript.note("the peer closed the connection (end of stream)");
                return Received.End.CLOSED;
            }
            transcript.received(buffer, 0, n);
            pending = java.util.Arrays.copyOf(buffer, n);
            return null;
        } catch (SocketTimeoutException e) {
            return Received.End.TIMEOUT;
        } catch (IOException e) {
            ended = true;
            transcript.note("read failed: " + e.getMessage());
            return Received.End.RESET;
        }
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
