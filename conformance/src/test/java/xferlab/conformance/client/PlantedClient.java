package xferlab.conformance.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small XFER client written apart from the reference (a plain {@link Socket}, its
 * own line reading), correct unless one {@link ClientFault} is planted in it. It
 * behaves like a client process: {@link #run} returns an exit status and what it
 * printed. The suite's own tests prove that each fault is caught by the case that
 * names it, and that without a fault this independent client passes every case.
 *
 * <p>Exit statuses, as the reference client's: 0 stored and verified, 1 the server
 * refused, 2 a local problem (the file, the name), 3 the connection failed or ended
 * early, 4 a timeout, 5 a protocol error (a malformed reply, a wrong digest).
 */
public final class PlantedClient {
    /** The longest reply line a correct client reads (XFER-LINE-05), its line end not counted. */
    public static final int MAX_REPLY_OCTETS = 512;

    static final int STORED = 0;
    static final int REFUSED = 1;
    static final int LOCAL = 2;
    static final int CONNECTION = 3;
    static final int TIMEOUT = 4;
    static final int PROTOCOL = 5;

    private static final int CHUNK = 64 * 1024;
    private static final Pattern OK = Pattern.compile("OK ([0-9a-f]{64})");
    /** Bounds each write of the payload: a read timeout does not cover a blocked write. */
    private static final ScheduledExecutorService WRITE_BOUND = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "planted-client-write-bound");
        thread.setDaemon(true);
        return thread;
    });

    /** How the run ended, as a process would show it. */
    public record Outcome(int exitStatus, String stdout, String stderr) {
    }

    private final ClientFault fault;
    private final boolean waitsForEndOfStream;
    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();
    private final PrintWriter out = new PrintWriter(stdout, true);
    private final PrintWriter err = new PrintWriter(stderr, true);
    private volatile Socket socket;
    private volatile boolean aborted;
    private volatile boolean writeStalled;

    public PlantedClient(ClientFault fault) {
        this(fault, false);
    }

    /**
     * A client that, once it has its final reply, closes at once (false) or first reads until the
     * server's end of stream, within its timeout (true): a choice the spec leaves open (§11.1 step 8).
     */
    public PlantedClient(ClientFault fault, boolean waitsForEndOfStream) {
        this.fault = fault;
        this.waitsForEndOfStream = waitsForEndOfStream;
    }

    /** Uploads {@code file} to {@code host:port}, bounding every wait by the timeout (unless the fault says not). */
    public Outcome run(String host, int port, Path file, long timeoutSeconds) {
        int status;
        try {
            status = upload(host, port, file, timeoutSeconds);
        } catch (Failed e) {
            err.println("planted client: " + e.getMessage());
            status = e.status;
        } finally {
            if (waitsForEndOfStream) {
                awaitEndOfStream(timeoutSeconds);
            }
            closeSocket();
        }
        return new Outcome(status, stdout.toString(), stderr.toString());
    }

    /** Gives up from outside: closes the socket, which ends any blocked read or write. */
    public void abort() {
        aborted = true;
        closeSocket();
    }

    /** What it printed so far on standard output. */
    public String stdoutSoFar() {
        return stdout.toString();
    }

    /** What it printed so far on standard error. */
    public String stderrSoFar() {
        return stderr.toString();
    }

    private int upload(String host, int port, Path file, long timeoutSeconds) throws Failed {
        Path base = file.getFileName();
        String name = base == null ? "" : base.toString();
        // The name rules, checked before connecting (XFER-CLI-08).
        String problem = fault == ClientFault.NO_NAME_CHECK ? null : nameProblem(name);
        if (problem != null) {
            throw new Failed(LOCAL, "cannot send the name \"" + name + "\": " + problem);
        }
        if (!Files.isRegularFile(file)) {
            throw new Failed(LOCAL, "cannot read " + file + ": not a regular file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new Failed(LOCAL, "cannot read " + file + ": " + e.getMessage());
        }
        String sentName = fault == ClientFault.SENDS_PATH_AS_NAME ? file.toString() : name;
        long toSend = fault == ClientFault.SENDS_FEWER_OCTETS && size > 0 ? size - 1 : size;
        String lineEnd = fault == ClientFault.CRLF_LINES ? "\r\n" : "\n";
        byte[] header = (sentName + lineEnd + size + lineEnd).getBytes(StandardCharsets.UTF_8);
        boolean bounded = fault != ClientFault.NO_TIMEOUT;
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutSeconds) * 1000);

        try (InputStream content = Files.newInputStream(file)) {
            Socket connection = new Socket();
            socket = connection;
            if (aborted) {
                connection.close();
            }
            connection.connect(new InetSocketAddress(host, port), bounded ? millis : 0);
            if (bounded) {
                connection.setSoTimeout(millis);
            }
            Replies replies = new Replies(connection.getInputStream());
            OutputStream output = connection.getOutputStream();

            String digest = null;
            String first;
            if (fault == ClientFault.PAYLOAD_BEFORE_READY) {
                // the fault: header and payload in one go, READY read afterwards
                output.write(header);
                digest = sendPayload(content, toSend, size, output, millis, bounded);
                first = replies.line();
            } else {
                output.write(header);
                output.flush();
                first = replies.line();
                if (fault == ClientFault.IGNORES_ERROR) {
                    // the fault: whatever the first reply, the payload goes out
                    digest = sendPayload(content, toSend, size, output, millis, bounded);
                    String last = readQuietly(replies);
                    if (first != null && !(last != null && isCorrectOk(last, digest))) {
                        out.println("uploaded " + name + " (the server answered \"" + shorten(first) + "\")");
                        return STORED;
                    }
                    return finalReply(last, name, size, digest);
                }
            }
            if (first == null) {
                throw new Failed(CONNECTION, "the server closed the connection before READY");
            }
            if (first.startsWith("ERROR")) {
                throw new Failed(REFUSED, "server refused: " + shorten(first));
            }
            if (!first.equals("READY")) {
                throw new Failed(PROTOCOL, "expected READY, got \"" + shorten(first) + "\"");
            }
            if (digest == null) {
                digest = sendPayload(content, toSend, size, output, millis, bounded);
            }
            return finalReply(replies.line(), name, size, digest);
        } catch (Failed e) {
            throw e;
        } catch (UnknownHostException e) {
            throw new Failed(CONNECTION, "unknown host " + host);
        } catch (ConnectException e) {
            throw new Failed(CONNECTION, "cannot connect to " + host + ":" + port + ": " + e.getMessage());
        } catch (SocketTimeoutException e) {
            throw new Failed(TIMEOUT, "no answer from " + host + ":" + port + " within " + timeoutSeconds + " s");
        } catch (IOException e) {
            if (writeStalled) {
                throw new Failed(TIMEOUT, "the server stopped reading: no write progress for " + timeoutSeconds + " s");
            }
            throw new Failed(CONNECTION, "connection failed: " + e.getMessage());
        }
    }

    /** Judges the final reply ({@code null}: the stream ended first). */
    private int finalReply(String last, String name, long size, String digest) throws Failed {
        if (last == null) {
            if (fault == ClientFault.EXITS_ZERO_ON_EARLY_CLOSE) {
                // the fault: the server hung up, so it must be done
                out.println("stored " + name + " (" + size + " octets)");
                return STORED;
            }
            throw new Failed(CONNECTION, "the server closed the connection before OK");
        }
        if (last.startsWith("ERROR")) {
            throw new Failed(REFUSED, "server refused: " + shorten(last));
        }
        if (fault == ClientFault.SKIPS_DIGEST_CHECK && last.startsWith("OK")) {
            // the fault: an OK is an OK
            out.println("stored " + name + " (" + size + " octets)");
            return STORED;
        }
        if (fault == ClientFault.DIGEST_CASE_INSENSITIVE && last.toLowerCase(java.util.Locale.ROOT)
                .equals("ok " + digest)) {
            // the fault: a digest in uppercase is taken for the same digest
            out.println("stored " + name + " (" + size + " octets), sha256 " + digest);
            return STORED;
        }
        Matcher ok = OK.matcher(last);
        if (!ok.matches()) {
            throw new Failed(PROTOCOL, "expected OK and a digest, got \"" + shorten(last) + "\"");
        }
        if (!ok.group(1).equals(digest)) {
            throw new Failed(PROTOCOL, "digest mismatch: sent " + digest + ", server has " + ok.group(1));
        }
        out.println("stored " + name + " (" + size + " octets), sha256 " + digest);
        return STORED;
    }

    private static boolean isCorrectOk(String line, String digest) {
        Matcher ok = OK.matcher(line);
        return ok.matches() && ok.group(1).equals(digest);
    }

    /** The final reply for a client that does not care how it fails to come. */
    private static String readQuietly(Replies replies) {
        try {
            return replies.line();
        } catch (IOException | Failed e) {
            return null;
        }
    }

    /** Streams {@code count} octets of the file; returns the SHA-256 of what was sent. */
    private String sendPayload(InputStream content, long count, long size, OutputStream output, int millis,
                               boolean bounded) throws IOException, Failed {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[CHUNK];
        long sent = 0;
        while (sent < count) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, count - sent));
            if (n < 0) {
                throw new Failed(LOCAL, "the file shrank while being sent (" + sent + " of " + size + " octets)");
            }
            sha256.update(buffer, 0, n);
            write(output, buffer, n, millis, bounded);
            sent += n;
        }
        output.flush();
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** One write, closed from outside if it makes no progress within the timeout (XFER-CLI-07). */
    private void write(OutputStream output, byte[] buffer, int length, int millis, boolean bounded)
            throws IOException {
        if (!bounded) {
            output.write(buffer, 0, length);
            return;
        }
        ScheduledFuture<?> guard = WRITE_BOUND.schedule(() -> {
            writeStalled = true;
            closeSocket();
        }, millis, TimeUnit.MILLISECONDS);
        try {
            output.write(buffer, 0, length);
        } finally {
            guard.cancel(false);
        }
    }

    /** Why a name breaks the name rules, or null if it keeps them. */
    static String nameProblem(String name) {
        byte[] octets = name.getBytes(StandardCharsets.UTF_8);
        if (octets.length == 0) {
            return "a name cannot be empty";
        }
        if (octets.length > 255) {
            return "longer than 255 octets";
        }
        if (name.equals(".") || name.equals("..")) {
            return "\".\" and \"..\" are not names";
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(name)) {
            return "not valid Unicode";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "a control character at " + i;
            }
            if (c == '/' || c == '\\') {
                return "a slash or backslash at " + i;
            }
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String line) {
        StringBuilder printable = new StringBuilder();
        for (int i = 0; i < line.length() && printable.length() < 200; i++) {
            char c = line.charAt(i);
            printable.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return line.length() > 200 ? printable + "..." : printable.toString();
    }

    /** Reads and discards until the server's end of stream, for at most the timeout in total; the outcome is already decided. */
    private void awaitEndOfStream(long timeoutSeconds) {
        Socket current = socket;
        if (current == null || current.isClosed() || !current.isConnected()) {
            return;
        }
        long deadline = System.nanoTime() + Math.max(1, timeoutSeconds) * 1_000_000_000L;
        byte[] discard = new byte[4096];
        try {
            InputStream in = current.getInputStream();
            while (!aborted) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                current.setSoTimeout((int) left);
                if (in.read(discard) < 0) {
                    return;
                }
            }
        } catch (IOException e) {
            // a reset or the timeout: the connection is over either way
        }
    }

    private void closeSocket() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }

    /** Reads reply lines as a byte stream, its own way. */
    private final class Replies {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int filled;

        Replies(InputStream in) {
            this.in = in;
        }

        /** The next reply line without its line end; null if the stream ends first (a part line is no line). */
        String line() throws IOException, Failed {
            if (fault == ClientFault.ONE_READ_REPLY) {
                // the fault: one read() is one reply
                int n = in.read(buffer);
                if (n < 0) {
                    return null;
                }
                int end = n;
                if (end > 0 && buffer[end - 1] == '\n') {
                    end--;
                }
                if (end > 0 && buffer[end - 1] == '\r') {
                    end--;
                }
                return new String(buffer, 0, end, StandardCharsets.UTF_8);
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                if (position == filled) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return null;
                    }
                    position = 0;
                    filled = n;
                }
                byte octet = buffer[position++];
                if (octet == '\n') {
                    byte[] octets = line.toByteArray();
                    int length = octets.length > 0 && octets[octets.length - 1] == '\r' ? octets.length - 1
                            : octets.length;
                    // The limit counts the whole line, its LF included (the planted bug leaves the LF out).
                    int counted = fault == ClientFault.REPLY_LIMIT_WITHOUT_LF ? length : octets.length + 1;
                    if (counted > MAX_REPLY_OCTETS && fault != ClientFault.UNBOUNDED_REPLY_LINE) {
                        throw tooLong();
                    }
                    return new String(octets, 0, length, StandardCharsets.UTF_8);
                }
                line.write(octet);
                // With its LF still to come, a line of 512 octets is one too many already.
                int most = fault == ClientFault.REPLY_LIMIT_WITHOUT_LF ? MAX_REPLY_OCTETS + 1 : MAX_REPLY_OCTETS - 1;
                if (line.size() > most && fault != ClientFault.UNBOUNDED_REPLY_LINE) {
                    throw tooLong();
                }
            }
        }

        private Failed tooLong() {
            return new Failed(PROTOCOL, "the server sent a reply line longer than " + MAX_REPLY_OCTETS + " octets");
        }
    }

    /** A failed upload: its exit status and one line of reason. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Failed(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
