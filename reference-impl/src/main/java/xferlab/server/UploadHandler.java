package xferlab.server;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

import xferlab.protocol.Digests;
import xferlab.protocol.ErrorCode;
import xferlab.protocol.FileName;
import xferlab.protocol.Limits;
import xferlab.protocol.LineReader;
import xferlab.protocol.Printable;
import xferlab.protocol.Reply;
import xferlab.protocol.Size;
import xferlab.protocol.Timeouts;
import xferlab.protocol.XferException;

/**
 * Serves one connection: one upload, from the name line to the close. Runs on its
 * own thread, so however slowly this client sends, no other client waits for it
 * (XFER-CONC-02). It walks the spec's server state machine (chapter "State
 * machines"), and logs each step from one {@link State} to the next.
 */
final class UploadHandler {
    /**
     * The payload buffer: big enough that a read returns many segments' worth of
     * octets at once; small enough that a thousand uploads at once fit in a small heap.
     */
    private static final int BUFFER_SIZE = 64 * 1024;
    /**
     * The buffer for the header lines. Small, because an idle connection holds it for
     * as long as it is open (10,000 of them: 40 MiB at this size, 640 MiB at 64 KiB);
     * the payload does not pass through it, as reads of at least its size bypass it.
     */
    private static final int HEADER_BUFFER_SIZE = 4 * 1024;
    /** The spec's recommended bound on a lingering close (XFER-CLOSE-01). */
    private static final Duration LINGER_TIME = Duration.ofSeconds(2);

    /** The states of the spec's server state machine, with the same names. */
    enum State {
        AWAIT_NAME, AWAIT_SIZE, RECEIVING, COMMITTING, LINGERING, CLOSED
    }

    private final Socket socket;
    private final Storage storage;
    private final ServerConfig config;
    private final String remote;
    private State state = State.AWAIT_NAME;
    private long received;

    UploadHandler(Socket socket, Storage storage, ServerConfig config) {
        this.socket = socket;
        this.storage = storage;
        this.config = config;
        this.remote = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /** Serves the connection to its close, and logs how it ended. Never throws. */
    void run() {
        long started = System.nanoTime();
        String outcome;
        try {
            // Every read now waits at most the idle timeout (XFER-TIME-01): a client
            // that goes silent, in any state, costs us a thread only that long.
            socket.setSoTimeout(Timeouts.millis(config.idleTimeout()));
            InputStream in = new BufferedInputStream(socket.getInputStream(), HEADER_BUFFER_SIZE);
            try {
                outcome = upload(in);
            } catch (XferException refusal) {
                if (refusal.getCause() != null) {
                    // The details go to the log; the client learns only the reply (XFER-ERR-02).
                    config.log().accept(remote + " storage failure: " + refusal.getCause());
                }
                outcome = "refused: " + refusal.reply().line();
                send(refusal.reply());
            }
            lingeringClose();
        } catch (SocketTimeoutException e) {
            outcome = "timed out in " + where();
            // Best effort (XFER-TIME-02): the client may be gone already.
            try {
                send(new Reply.Error(ErrorCode.IDLE_TIMEOUT.code(), "idle timeout after " + seconds(config.idleTimeout())));
                lingeringClose();
            } catch (IOException gone) {
                // nobody left to tell
            }
        } catch (EOFException e) {
            outcome = "client closed the connection in " + where();
        } catch (IOException e) {
            outcome = "connection failed in " + where() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            // A bug must cost one connection, never the server (XFER-LIVE-01).
            outcome = "internal error in " + state + ": " + e;
        }
        XferServer.closeQuietly(socket);
        enter(State.CLOSED);
        config.log().accept(remote + " " + outcome + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }

    /** Runs the upload; returns the log line of a stored file. */
    private String upload(InputStream in) throws IOException, XferException {
        LineReader lines = new LineReader(in);
        String name = FileName.parse(lines.readLine(Limits.MAX_NAME_OCTETS, "name"));
        enter(State.AWAIT_SIZE);
        long size = Size.parse(lines.readLine(Limits.MAX_SIZE_OCTETS, "size"));
        if (size > config.maxSize()) {
            throw new XferException(ErrorCode.TOO_LARGE, "size is above the limit of " + config.maxSize() + " octets");
        }
        // The temporary file exists before READY: if there is no room for it, or it
        // cannot be made, the client hears ERROR 413 or 500 instead of READY, before
        // it sends a single payload octet.
        try (Storage.Upload upload = storage.begin(name, size)) {
            send(new Reply.Ready());
            enter(State.RECEIVING);
            // Exactly size octets: never more, so that whatever the client sends after
            // the payload is never stored (XFER-UP-06). The digest is computed as the
            // octets pass (XFER-UP-03): nothing is read twice, no file is held in memory.
            MessageDigest sha256 = Digests.sha256();
            byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(1, size))];
            while (received < size) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - received));
                if (n == -1) {
                    throw new EOFException();
                }
                sha256.update(buffer, 0, n);
                upload.write(buffer, 0, n);
                received += n;
            }
            enter(State.COMMITTING);
            upload.commit();
            String digest = Digests.hex(sha256.digest());
            send(new Reply.Ok(digest));
            return "stored \"" + Printable.escape(name.getBytes(StandardCharsets.UTF_8)) + "\", "
                    + size + " octets, sha256 " + digest;
        }
    }

    private void enter(State next) {
        config.log().accept(remote + " " + state + " -> " + next);
        state = next;
    }

    private String where() {
        return state == State.RECEIVING ? state + " after " + received + " octets" : state.toString();
    }

    private void send(Reply reply) throws IOException {
        // A socket's stream sends at once: it has no buffer to flush.
        socket.getOutputStream().write(reply.encode());
    }

    /**
     * Closes without destroying the reply just sent (XFER-CLOSE-01). If we closed
     * while the client's octets still sat unread in our receive buffer (a payload
     * sent after an early ERROR, surplus octets after the payload), the kernel would
     * answer with a reset, and a reset can discard our reply before the client reads
     * it. So: send FIN, read and discard until the client closes too, for a bounded
     * time, then close.
     */
    private void lingeringClose() {
        enter(State.LINGERING);
        long deadline = System.nanoTime() + LINGER_TIME.toNanos();
        try {
            socket.shutdownOutput();
            byte[] sink = new byte[8192];
            long left;
            while ((left = Duration.ofNanos(deadline - System.nanoTime()).toMillis()) > 0) {
                socket.setSoTimeout((int) left);
                if (socket.getInputStream().read(sink) == -1) {
                    break;
                }
            }
        } catch (IOException e) {
            // the client is gone or silent: nothing left to protect
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
