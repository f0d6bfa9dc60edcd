package xferlab.server;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

import xferlab.protocol.Digests;
import xferlab.protocol.ErrorCode;
import xferlab.protocol.FileName;
import xferlab.protocol.LineReader;
import xferlab.protocol.LineTooLongException;
import xferlab.protocol.Limits;
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
final class UploadHandler implements Runnable {
    /**
     * The payload buffer: big enough that a read returns many segments' worth of
     * octets at once; small enough that a thousand uploads at once fit in a small heap.
     */
    static final int BUFFER_SIZE = 64 * 1024;
    /**
     * The buffer for the header lines. Small, because an idle connection holds it for
     * as long as it is open (10,000 of them: 40 MiB at this size, 640 MiB at 64 KiB);
     * the payload does not pass through it, as reads of at least its size bypass it.
     */
    static final int HEADER_BUFFER_SIZE = 4 * 1024;

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
        this.remote = remote(socket);
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        String outcome;
        try {
            // Every read now waits at most the idle timeout (XFER-TIME-01): a client
            // that goes silent, in any state, costs us a thread only that long.
            socket.setSoTimeout(Timeouts.millis(config.idleTimeout()));
            InputStream in = new BufferedInputStream(socket.getInputStream(), HEADER_BUFFER_SIZE);
            OutputStream out = socket.getOutputStream();
            try {
                outcome = upload(in, out);
            } catch (XferException refusal) {
                outcome = "refused: " + refusal.reply().line();
                send(out, refusal.reply());
            }
            lingeringClose();
        } catch (SocketTimeoutException e) {
            outcome = "timed out in " + where();
            // Best effort (XFER-TIME-02): the client may be gone already.
            if (trySend(new Reply.Error(ErrorCode.IDLE_TIMEOUT.code(),
                    "idle timeout after " + seconds(config.idleTimeout())))) {
                lingeringClose();
            }
        } catch (EOFException e) {
            outcome = "client closed the connection in " + where();
        } catch (IOException e) {
            outcome = "connection failed in " + where() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            // A bug must cost one connection, never the server (XFER-LIVE-01).
            outcome = "internal error in " + state + ": " + e;
        }
        closeQuietly();
        enter(State.CLOSED);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        config.log().accept(remote + " " + outcome + " (" + millis + " ms)");
    }

    private void enter(State next) {
        if (next != state) {
            config.log().accept(remote + " " + state + " -> " + next);
            state = next;
        }
    }

    private String where() {
        return state == State.RECEIVING ? state + " after " + received + " octets" : state.toString();
    }

    /** Runs the upload; returns the log line of a stored file. */
    private String upload(InputStream in, OutputStream out) throws IOException, XferException {
        LineReader lines = new LineReader(in);
        String name = FileName.parse(readLine(lines, Limits.MAX_NAME_OCTETS, "name"));
        enter(State.AWAIT_SIZE);
        long size = Size.parse(readLine(lines, Limits.MAX_SIZE_OCTETS, "size"));
        checkRoomFor(size);
        // The temporary file exists before READY: if it cannot be made, the client
        // hears ERROR 500 instead of READY, before it sends a single payload octet.
        try (Storage.Upload upload = begin(name)) {
            send(out, new Reply.Ready());
            enter(State.RECEIVING);
            String digest = receive(in, size, upload);
            enter(State.COMMITTING);
            try {
                upload.commit();
            } catch (IOException e) {
                throw storageFailure(e);
            }
            send(out, new Reply.Ok(digest));
            return "stored \"" + Printable.escape(name.getBytes(StandardCharsets.UTF_8)) + "\", "
                    + size + " octets, sha256 " + digest;
        }
    }

    private static byte[] readLine(LineReader lines, int limit, String what) throws IOException, XferException {
        try {
            return lines.readLine(limit);
        } catch (LineTooLongException e) {
            throw new XferException(ErrorCode.MALFORMED_LINE,
                    what + " line is longer than " + limit + " octets");
        }
    }

    private void checkRoomFor(long size) throws XferException {
        if (size > config.maxSize()) {
            throw new XferException(ErrorCode.TOO_LARGE,
                    "size is above the limit of " + config.maxSize() + " octets");
        }
        long free;
        try {
            free = storage.freeSpace();
        } catch (IOException e) {
            throw storageFailure(e);
        }
        if (size > free) {
            throw new XferException(ErrorCode.TOO_LARGE,
                    "size is above the free space of " + free + " octets");
        }
    }

    /**
     * Reads exactly {@code size} octets: never more, so that whatever the client
     * sends after the payload is never stored (XFER-UP-06). The digest is computed
     * as the octets pass (XFER-UP-03), so nothing is read twice and no file is held
     * in memory.
     */
    private String receive(InputStream in, long size, Storage.Upload upload) throws IOException, XferException {
        MessageDigest sha256 = Digests.sha256();
        byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(1, size))];
        while (received < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - received));
            if (n == -1) {
                throw new EOFException();
            }
            sha256.update(buffer, 0, n);
            try {
                upload.write(buffer, 0, n);
            } catch (IOException e) {
                throw storageFailure(e);
            }
            received += n;
        }
        return Digests.hex(sha256.digest());
    }

    private Storage.Upload begin(String name) throws XferException {
        try {
            return storage.begin(name);
        } catch (IOException e) {
            throw storageFailure(e);
        }
    }

    private XferException storageFailure(IOException cause) {
        // The details go to the log; the client learns only that storing failed (XFER-ERR-02).
        config.log().accept(remote + " storage failure: " + cause);
        return new XferException(ErrorCode.STORAGE_FAILURE, "storage failure");
    }

    private static void send(OutputStream out, Reply reply) throws IOException {
        out.write(reply.encode());
        out.flush();
    }

    /** Sends a reply if the client is still there; returns whether it was sent. */
    private boolean trySend(Reply reply) {
        try {
            send(socket.getOutputStream(), reply);
            return true;
        } catch (IOException e) {
            return false;
        }
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
        long deadline = System.nanoTime() + config.lingerTime().toNanos();
        try {
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            while (true) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                if (in.read(sink) == -1) {
                    break;
                }
            }
        } catch (IOException e) {
            // the client is gone or silent: nothing left to protect
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static String remote(Socket socket) {
        if (socket.getRemoteSocketAddress() instanceof InetSocketAddress address) {
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        }
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
