package xferlab.conformance.planted;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A small XFER server written apart from the reference, correct unless one
 * {@link Fault} is planted in it. Kept deliberately plain: the suite's own tests
 * prove that each fault is caught by the case that names it, and that without a
 * fault this independent server passes.
 */
public final class PlantedServer implements AutoCloseable {
    /** How long a server making a {@link Choice} about a gone client looks for its end of stream. */
    private static final int LOOK_FOR_THE_END_MILLIS = 100;

    private final Fault fault;
    private final Choice choice;
    private final Path dir;
    private final Path temp;
    private final int idleMillis;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    public PlantedServer(Fault fault, Path dir, int port, int idleMillis) throws IOException {
        this(fault, Choice.USUAL, dir, port, idleMillis);
    }

    public PlantedServer(Fault fault, Choice choice, Path dir, int port, int idleMillis) throws IOException {
        this.fault = fault;
        this.choice = choice;
        this.dir = Files.createDirectories(dir);
        this.temp = Files.createDirectories(temporaryDirectory(choice, this.dir));
        this.idleMillis = idleMillis;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        this.acceptor = new Thread(this::acceptLoop, "planted-" + fault);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where the temporary files go (§7.2): any directory outside the storage one, on its file system. */
    public static Path temporaryDirectory(Choice choice, Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        return switch (choice) {
            case TEMP_FILES_IN_THE_PARENT -> parent;
            case TEMP_FILES_FAR_AWAY -> parent.resolve("operator").resolve("spool").resolve("xfer");
            default -> dir.resolveSibling(dir.getFileName() + ".planted-tmp");
        };
    }

    public int port() {
        return listener.getLocalPort();
    }

    public boolean isRunning() {
        return !stopped;
    }

    private void acceptLoop() {
        try {
            while (!stopped) {
                Socket socket = listener.accept();
                open.add(socket);
                if (fault == Fault.SEQUENTIAL) {
                    serve(socket);
                } else {
                    Thread handler = new Thread(() -> serve(socket), "planted-connection");
                    handler.setDaemon(true);
                    handler.start();
                }
                if (fault == Fault.EXITS_AFTER_ONE) {
                    close();
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    private void serve(Socket socket) {
        try {
            if (fault != Fault.NO_IDLE_TIMEOUT) {
                socket.setSoTimeout(idleMillis);
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            boolean replied = exchange(socket, in, out);
            if (replied && fault != Fault.NO_LINGERING_CLOSE) {
                socket.shutdownOutput();
                drain(socket, in);
            }
        } catch (SocketTimeoutException e) {
            try {
                reply(socket.getOutputStream(), "ERROR 408 idle");
            } catch (IOException ignored) {
                // best effort
            }
        } catch (CrashException e) {
            close();
        } catch (IOException e) {
            // the client went away; the temporary file is already gone
        } catch (RuntimeException e) {
            // A name the file system refuses (a NUL, with the checks planted away): this connection ends,
            // as a careless server's would, without a stack trace in the build's log.
        } finally {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** Reads and discards until the client closes or the drain bound has passed, in total (§9.3). */
    private void drain(Socket socket, InputStream in) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        byte[] discard = new byte[4096];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (fault == Fault.DRAIN_BOUNDED_PER_READ) {
                left = 1000; // the bug: a bound on each read, so a trickle never ends it
            }
            if (left <= 0) {
                return;
            }
            socket.setSoTimeout((int) left);
            if (in.read(discard) < 0) {
                return;
            }
        }
    }

    /** Runs one upload; returns whether a final reply was sent. */
    private boolean exchange(Socket socket, InputStream in, OutputStream out) throws IOException {
        byte[] nameLine = fault == Fault.PER_RECV_FRAMING ? oneRead(socket.getInputStream()) : line(in, 255);
        if (nameLine == null) {
            return reply(out, "ERROR 400 name line too long");
        }
        String problem = nameProblem(nameLine);
        if (problem != null && fault != Fault.LATE_NAME_CHECK) {
            return reply(out, "ERROR 403 " + problem);
        }
        String name = new String(nameLine, StandardCharsets.UTF_8);
        byte[] sizeLine = fault == Fault.PER_RECV_FRAMING ? oneRead(socket.getInputStream()) : line(in, 19);
        if (problem != null) {
            return reply(out, "ERROR 403 " + problem);
        }
        if (sizeLine == null) {
            return reply(out, "ERROR 400 size line too long");
        }
        long size = parseSize(new String(sizeLine, StandardCharsets.ISO_8859_1));
        if (size < 0) {
            if (fault == Fault.CRASH_ON_BAD_INPUT) {
                throw new CrashException();
            }
            return reply(out, "ERROR 400 bad size");
        }
        if (fault != Fault.NO_SIZE_LIMIT && size > Files.getFileStore(dir).getUsableSpace()) {
            return reply(out, "ERROR 413 too large");
        }
        if (choice == Choice.NO_READY_AFTER_A_HALF_CLOSE && size > 0 && clientHasEnded(socket, in)) {
            return false; // abandoned before READY: the socket is closed at once (§7.4)
        }
        reply(out, "READY");
        Path target = dir.resolve(name);
        Path part = fault == Fault.PARTIAL_FILES ? target
                : fault == Fault.SHARED_TEMP_FILE ? temp.resolve("upload.tmp")
                : Files.createTempFile(temp, "." + dir.getFileName() + ".up-", ".part");
        MessageDigest sha256 = sha256();
        boolean complete = false;
        try (OutputStream file = Files.newOutputStream(part)) {
            InputStream payload = fault == Fault.PER_RECV_FRAMING ? socket.getInputStream() : in;
            byte[] buffer = new byte[8192];
            long left = size;
            while (left > 0) {
                int want = fault == Fault.STORES_EXTRA ? buffer.length : (int) Math.min(buffer.length, left);
                int n = payload.read(buffer, 0, want);
                if (n < 0) {
                    throw new EOFException();
                }
                byte[] chunk = fault == Fault.TEXT_MODE ? textMode(buffer, n) : java.util.Arrays.copyOf(buffer, n);
                file.write(chunk);
                sha256.update(chunk);
                left -= n;
            }
            complete = choice != Choice.ABANDONS_WHEN_THE_CLIENT_HAS_GONE || !clientHasEnded(socket, in);
        } finally {
            if (!complete && fault != Fault.PARTIAL_FILES) {
                Files.deleteIfExists(part);
            }
        }
        if (!complete) {
            return false; // the whole payload came, then the end of the connection: abandoned, no reply (§7.4)
        }
        if (part != target) {
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(part);
                return reply(out, "ERROR 500 cannot store");
            }
        }
        return reply(out, "OK " + HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * Whether the client has ended the connection (end of stream or a reset), looking for a
     * short while without consuming anything it sent.
     */
    private static boolean clientHasEnded(Socket socket, InputStream in) throws IOException {
        int idle = socket.getSoTimeout();
        socket.setSoTimeout(LOOK_FOR_THE_END_MILLIS);
        in.mark(1);
        try {
            if (in.read() < 0) {
                return true;
            }
            in.reset();
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(idle);
            }
        }
    }

    /** One LF-terminated line of at most {@code limit} octets (CR LF accepted); null if too long. */
    private byte[] line(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\n') {
                byte[] octets = line.toByteArray();
                return octets.length > 0 && octets[octets.length - 1] == '\r'
                        ? java.util.Arrays.copyOf(octets, octets.length - 1) : octets;
            }
            line.write(b);
            boolean maybeCr = b == '\r' && line.size() == limit + 1 && fault != Fault.CR_AT_LIMIT_REFUSED;
            if (fault != Fault.UNBOUNDED_LINES && line.size() > limit && !maybeCr) {
                return null;
            }
        }
    }

    /** The per-recv bug: whatever one read returns is "the line". */
    private static byte[] oneRead(InputStream raw) throws IOException {
        byte[] buffer = new byte[1024];
        int n = raw.read(buffer);
        if (n < 0) {
            throw new EOFException();
        }
        int end = n > 0 && buffer[n - 1] == '\n' ? n - 1 : n;
        return java.util.Arrays.copyOf(buffer, end);
    }

    private String nameProblem(byte[] name) {
        if (name.length == 0) {
            return "empty";
        }
        if (fault == Fault.PATH_TRAVERSAL) {
            return null;
        }
        for (byte b : name) {
            if (b == '/' || b == '\\' || (b >= 0 && b < 0x20) || b == 0x7f) {
                return "bad octet";
            }
        }
        String text = new String(name, StandardCharsets.ISO_8859_1);
        if (text.equals(".") || text.equals("..")) {
            return "dot name";
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(name));
        } catch (CharacterCodingException e) {
            return "not UTF-8";
        }
        return null;
    }

    /** The size, or -1 if malformed. */
    private long parseSize(String text) {
        if (fault == Fault.LENIENT_SIZE) {
            try {
                return Math.max(-1, Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        if (!text.matches("0|[1-9][0-9]{0,18}")) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] textMode(byte[] buffer, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            if (!(buffer[i] == '\r' && i + 1 < n && buffer[i + 1] == '\n')) {
                out.write(buffer[i]);
            }
        }
        return out.toByteArray();
    }

    private boolean reply(OutputStream out, String line) throws IOException {
        out.write((line + (fault == Fault.CRLF_REPLIES ? "\r\n" : "\n")).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops listening and drops every connection, as a crash would. */
    @Override
    public void close() {
        stopped = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        // The port is free only once the accepting thread has left accept(): a restart
        // on the same port would otherwise find it in use.
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class CrashException extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
