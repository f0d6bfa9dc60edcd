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

import xferlab.protocol.Digests;
import xferlab.protocol.FileName;
import xferlab.protocol.LineReader;
import xferlab.protocol.LineTooLongException;
import xferlab.protocol.Limits;
import xferlab.protocol.Reply;
import xferlab.protocol.Timeouts;

/**
 * The reference XFER client: uploads one file and checks the digest the server
 * returns.
 *
 * <pre>{@code
 * UploadResult result = new XferClient("127.0.0.1", 5001, Duration.ofSeconds(30))
 *         .upload(Path.of("report.pdf"), "report.pdf", ProgressListener.NONE);
 * }</pre>
 */
public final class XferClient {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final String host;
    private final int port;
    private final Duration timeout;

    /**
     * @param timeout the bound on every wait: connecting, each reply, each write
     */
    public XferClient(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

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
            out.flush();

            // Nothing of the payload goes out before READY (XFER-CLI-03): if the server
            // refuses, octets already sent would be wasted, and could make its kernel
            // reset the connection before we read the ERROR.
            Reply first = readReply(replies, "READY");
            if (!(first instanceof Reply.Ready)) {
                throw unexpected(first, "READY");
            }

            String sentDigest = sendPayload(socket, content, size, progress);

            Reply last = readReply(replies, "OK");
            if (!(last instanceof Reply.Ok ok)) {
                throw unexpected(last, "OK");
            }
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

    /** Streams the file and returns the SHA-256 of what was sent (XFER-CLI-04). */
    private String sendPayload(Socket socket, InputStream content, long size, ProgressListener progress)
            throws IOException, UploadFailedException {
        MessageDigest sha256 = Digests.sha256();
        byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(1, size))];
        long sent = 0;
        OutputStream out = socket.getOutputStream();
        try (StallGuard guard = new StallGuard(socket, timeout)) {
            while (sent < size) {
                int n = readLocal(content, buffer, (int) Math.min(buffer.length, size - sent));
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
                    if (guard.fired()) {
                        throw new UploadFailedException(Failure.TIMEOUT, "the server stopped reading: no progress for "
                                + timeout.toSeconds() + " s after " + sent + " of " + size + " octets", e);
                    }
                    throw e;
                }
                guard.progress();
                sent += n;
                progress.sent(sent, size);
            }
            out.flush();
        }
        return Digests.hex(sha256.digest());
    }

    /** Reads the local file; its failures are the user's to fix, not the network's. */
    private static int readLocal(InputStream content, byte[] buffer, int length) throws UploadFailedException {
        try {
            return content.read(buffer, 0, length);
        } catch (IOException e) {
            throw new UploadFailedException(Failure.LOCAL, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private Reply readReply(LineReader replies, String expected) throws IOException, UploadFailedException {
        byte[] line;
        try {
            // A reply line's limit counts its LF (XFER-LINE-05): at most 511 octets come before it.
            line = replies.readLine(Limits.MAX_REPLY_OCTETS - 1);
        } catch (LineTooLongException e) {
            throw new UploadFailedException(Failure.PROTOCOL,
                    "the server sent a reply line longer than " + Limits.MAX_REPLY_OCTETS + " octets", e);
        } catch (EOFException e) {
            throw new UploadFailedException(Failure.CONNECTION,
                    "the server closed the connection before " + expected, e);
        }
        try {
            return Reply.parse(line);
        } catch (IllegalArgumentException e) {
            throw new UploadFailedException(Failure.PROTOCOL, "expected " + expected + ", got " + e.getMessage(), e);
        }
    }

    private static UploadFailedException unexpected(Reply reply, String expected) {
        if (reply instanceof Reply.Error error) {
            return new UploadFailedException(Failure.REFUSED, "server refused: " + error.line());
        }
        return new UploadFailedException(Failure.PROTOCOL, "expected " + expected + ", got \"" + reply.line() + "\"");
    }
}
