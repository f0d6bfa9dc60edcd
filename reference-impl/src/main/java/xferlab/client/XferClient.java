package xferlab.client;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import xferlab.protocol.Digests;
import xferlab.protocol.FileName;
import xferlab.protocol.LineReader;
import xferlab.protocol.Limits;
import xferlab.protocol.Reply;
import xferlab.protocol.Timeouts;
import xferlab.protocol.XferException;

/**
 * The reference XFER client: uploads one file and checks the digest the server
 * returns.
 *
 * <pre>{@code
 * UploadResult result = new XferClient("127.0.0.1", 5001, Duration.ofSeconds(30))
 *         .upload(Path.of("report.pdf"), "report.pdf", ProgressListener.NONE);
 * }</pre>
 *
 * @param host    the server's host name or address
 * @param port    the server's port
 * @param timeout the bound on every wait: connecting, each reply, each write
 */
public record XferClient(String host, int port, Duration timeout) {
    private static final int BUFFER_SIZE = 64 * 1024;

    /**
     * Uploads {@code file} as {@code name}.
     *
     * @return the verified result; the server has the file
     * @throws UploadFailedException for every other outcome, with a one-line reason
     */
    public UploadResult upload(Path file, String name, ProgressListener progress) throws UploadFailedException {
        // Check locally first (XFER-CLI-08): a name the server must refuse is our
        // user's mistake, and needs no round trip to report.
        String problem = FileName.problem(name);
        if (problem != null) {
            throw new UploadFailedException(Failure.LOCAL, "cannot send this name: " + problem);
        }
        if (!Files.isRegularFile(file)) {
            throw new UploadFailedException(Failure.LOCAL, "cannot read " + file
                    + (Files.isDirectory(file) ? ": it is a directory, not a file" : ": no such file"));
        }
        long size;
        InputStream content;
        try {
            size = Files.size(file);
            content = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UploadFailedException(Failure.LOCAL, "cannot read " + file + ": " + e.getMessage(), e);
        }
        int millis = Timeouts.millis(timeout);
        try (content; Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            // Every read below waits at most the timeout (XFER-CLI-07).
            socket.setSoTimeout(millis);
            LineReader replies = new LineReader(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();

            // The header in one write: fewer segments, but the server must not count on it.
            out.write((name + "\n" + size + "\n").getBytes(StandardCharsets.UTF_8));

            // Nothing of the payload goes out before READY (XFER-CLI-03): if the server
            // refuses, octets already sent would be wasted, and could make its kernel
            // reset the connection before we read the ERROR.
            expect(replies, Reply.Ready.class, "READY");

            // The payload, hashed as it goes: the digest is of the octets sent (XFER-CLI-04).
            MessageDigest sha256 = Digests.sha256();
            byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(1, size))];
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            // Not a daemon thread: the finally below stops it whatever happens.
            Thread guard = new Thread(() -> closeWhenStalled(socket, lastProgress), "xfer-stall-guard");
            guard.start();
            try {
                for (long sent = 0; sent < size; ) {
                    int n;
                    try {
                        n = content.read(buffer, 0, (int) Math.min(buffer.length, size - sent));
                    } catch (IOException e) {
                        // The user's to fix, not the network's.
                        throw new UploadFailedException(Failure.LOCAL, "cannot read the file: " + e.getMessage(), e);
                    }
                    if (n == -1) {
                        // The file shrank after we announced its size: sending fewer octets
                        // would leave the server waiting for the rest.
                        throw new UploadFailedException(Failure.LOCAL,
                                "the file shrank while being sent (" + sent + " of " + size + " octets)");
                    }
                    sha256.update(buffer, 0, n);
                    try {
                        out.write(buffer, 0, n);
                    } catch (IOException e) {
                        if (socket.isClosed()) {
                            throw new UploadFailedException(Failure.TIMEOUT, "the server stopped reading: no progress for "
                                    + timeout.toSeconds() + " s after " + sent + " of " + size + " octets", e);
                        }
                        throw e;
                    }
                    lastProgress.set(System.nanoTime());
                    sent += n;
                    progress.sent(sent, size);
                }
            } finally {
                guard.interrupt();
            }
            String sentDigest = Digests.hex(sha256.digest());

            Reply.Ok ok = expect(replies, Reply.Ok.class, "OK");
            // A digest that differs means the octets stored are not the octets sent
            // (XFER-CLI-04): a failure even though the server said OK.
            if (!ok.digest().equals(sentDigest)) {
                throw new UploadFailedException(Failure.PROTOCOL,
                        "digest mismatch: sent " + sentDigest + ", server has " + ok.digest());
            }
            return new UploadResult(name, size, sentDigest);
        } catch (UnknownHostException e) {
            throw new UploadFailedException(Failure.CONNECTION, "unknown host " + host, e);
        } catch (ConnectException e) {
            throw new UploadFailedException(Failure.CONNECTION,
                    "cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new UploadFailedException(Failure.TIMEOUT,
                    "no answer from " + host + ":" + port + " within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new UploadFailedException(Failure.CONNECTION, "connection failed: " + e.getMessage(), e);
        }
    }

    /**
     * Bounds the writes of the payload (XFER-CLI-07). A socket read timeout does not
     * cover writes: if the server stops reading, the send buffer fills and
     * {@code write} blocks for ever. Closing the socket once no write has made
     * progress for the timeout makes the blocked write fail.
     */
    private void closeWhenStalled(Socket socket, AtomicLong lastProgress) {
        try {
            long left;
            while ((left = lastProgress.get() + timeout.toNanos() - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            socket.close();
        } catch (InterruptedException | IOException e) {
            // the payload is out, or the socket is closed already
        }
    }

    /** Reads the next reply; anything but a {@code type} fails the upload. */
    private static <T extends Reply> T expect(LineReader replies, Class<T> type, String expected)
            throws IOException, UploadFailedException {
        Reply reply;
        try {
            // A reply line's limit counts its LF (XFER-LINE-05): at most 511 octets come before it.
            reply = Reply.parse(replies.readLine(Limits.MAX_REPLY_OCTETS - 1, "reply"));
        } catch (XferException e) {
            throw new UploadFailedException(Failure.PROTOCOL,
                    "the server sent a reply line longer than " + Limits.MAX_REPLY_OCTETS + " octets", e);
        } catch (EOFException e) {
            throw new UploadFailedException(Failure.CONNECTION, "the server closed the connection before " + expected, e);
        } catch (IllegalArgumentException e) {
            throw new UploadFailedException(Failure.PROTOCOL, "expected " + expected + ", got " + e.getMessage(), e);
        }
        if (type.isInstance(reply)) {
            return type.cast(reply);
        }
        if (reply instanceof Reply.Error error) {
            throw new UploadFailedException(Failure.REFUSED, "server refused: " + error.line());
        }
        throw new UploadFailedException(Failure.PROTOCOL, "expected " + expected + ", got \"" + reply.line() + "\"");
    }
}
