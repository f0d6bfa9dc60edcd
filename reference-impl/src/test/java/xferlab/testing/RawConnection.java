package xferlab.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One end of a raw XFER exchange over a real loopback socket, for tests that must
 * send exactly the octets they mean (malformed lines, odd segmentation, early or
 * surplus octets) and read exactly what comes back.
 *
 * <p>Every read is bounded by the socket's read timeout, so no test can hang on a
 * peer that stays silent. The class plays either side: {@link #open(int)} connects
 * to a server under test, {@link #wrap(Socket)} wraps a socket that a scripted
 * server accepted.
 */
public final class RawConnection implements AutoCloseable {
    /** How long one read may wait unless a test says otherwise. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    /** No reply line is longer than this (XFER-ERR-01); a longer one is a bug to report, not to read. */
    private static final int MAX_LINE = 4096;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket, Duration readTimeout) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
        // Each send() should leave as its own segment(s): no Nagle coalescing.
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code 127.0.0.1:port}; reads wait at most {@link #DEFAULT_READ_TIMEOUT}. */
    public static RawConnection open(int port) throws IOException {
        return open(port, DEFAULT_READ_TIMEOUT);
    }

    /** Connects to {@code 127.0.0.1:port}; each read waits at most {@code readTimeout}. */
    public static RawConnection open(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            return new RawConnection(socket, readTimeout);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Wraps an accepted socket (the scripted-server side). */
    public static RawConnection wrap(Socket socket, Duration readTimeout) throws IOException {
        return new RawConnection(socket, readTimeout);
    }

    /** The octets of a header: {@code name LF size LF}, as a conforming client sends it. */
    public static byte[] header(String name, long size) {
        return (name + "\n" + size + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The octets of a header whose name and size lines are given as raw octets. */
    public static byte[] header(byte[] nameLine, String sizeLine) {
        return concat(nameLine, new byte[] {'\n'}, (sizeLine + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Sends octets in one write and flushes. */
    public RawConnection send(byte[] octets) throws IOException {
        out.write(octets);
        out.flush();
        return this;
    }

    /** Sends the UTF-8 octets of {@code text} in one write. */
    public RawConnection send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends each segment in its own write, flushing between them. */
    public RawConnection sendSegments(List<byte[]> segments) throws IOException {
        for (byte[] segment : segments) {
            send(segment);
        }
        return this;
    }

    /**
     * Reads one line up to its LF and returns it without the LF, decoded as
     * ISO-8859-1 so that every octet shows (a CR before the LF stays in the result:
     * a server must send bare LF, XFER-LINE-01).
     *
     * @throws EOFException if the connection ends before the LF
     * @throws java.net.SocketTimeoutException if no octet arrives within the read timeout
     */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("connection ended after \""
                        + line.toString(StandardCharsets.ISO_8859_1) + "\" without LF");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " octets");
            }
        }
    }

    /** Reads exactly {@code n} octets. */
    public byte[] readExactly(int n) throws IOException {
        byte[] octets = in.readNBytes(n);
        if (octets.length < n) {
            throw new EOFException("connection ended after " + octets.length + " of " + n + " octets");
        }
        return octets;
    }

    /** Reads until the peer ends the connection, at most 64 MiB; every read bounded by the timeout. */
    public byte[] readUntilEof() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            all.write(buffer, 0, n);
            if (all.size() > 64 * 1024 * 1024) {
                throw new IOException("peer sent more than 64 MiB without closing");
            }
        }
        return all.toByteArray();
    }

    /** Half-closes: sends FIN, keeps reading possible. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Aborts the connection with a reset (RST) instead of an orderly FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
