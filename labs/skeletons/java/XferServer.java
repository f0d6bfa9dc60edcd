import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An XFER server to start from: the labs' skeleton, not a solution.
 *
 * <p>It stores one plain upload from a well-behaved client, one client at a time,
 * and it keeps serving after each connection. Everything else is left for you:
 * each TODO names the lab stage that deals with it and the requirement it breaks
 * today, so that the conformance suite's failures can be traced back to a line
 * of this file.
 *
 * <p>Run it without a build step (Java 17 or newer):
 * {@code java XferServer.java --port PORT --dir DIR [--idle-timeout SECONDS]}
 */
public class XferServer {

    /** A request answered with {@code ERROR <code> <text>} instead of READY or OK. */
    static class Refused extends Exception {
        final int code;

        Refused(int code, String text) {
            super(text);
            this.code = code;
        }
    }

    /** What arrived before READY: the two header lines and any payload octets sent with them. */
    record Header(byte[] name, byte[] size, byte[] earlyPayload) {
    }

    public static void main(String[] args) throws IOException {
        int port = 5001;
        Path dir = Path.of(".");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                // TODO (stage 4, XFER-TIME-01 and -02): accepted, and not used yet.
                case "--idle-timeout" -> { }
                default -> {
                    System.err.println("usage: java XferServer.java --port PORT --dir DIR [--idle-timeout SECONDS]");
                    System.exit(2);
                }
            }
        }
        try (ServerSocket listener = new ServerSocket(port, 128, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on 127.0.0.1:" + port + ", storing in " + dir);
            while (true) {
                // TODO (stage 5, XFER-CONC-01 and -02): one connection at a time, in the
                // accept loop: while one client dawdles, every other one waits. When a thread
                // serves the connection, that thread owns the socket and closes it: do not
                // keep this try-with-resources around the hand-over, or the socket is closed
                // as soon as the task is submitted.
                try (Socket connection = listener.accept()) {
                    serve(connection, dir);
                } catch (IOException e) {
                    // One connection's failure must never stop the server (XFER-LIVE-01).
                    System.err.println("connection failed: " + e);
                }
                // TODO (stage 4, XFER-CLOSE-01): closing with unread input makes the kernel
                // send a reset, which can destroy the last reply.
            }
        }
    }

    static void serve(Socket connection, Path dir) throws IOException {
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        try {
            Header header = readHeader(in);
            if (header == null) {
                return; // connected and left without a word (a port probe)
            }
            String name = checkName(header.name());
            long size = parseSize(header.size());
            String digest;
            try (OutputStream file = openFinal(dir, name)) {
                reply(out, "READY");
                digest = receiveInto(in, file, size, header.earlyPayload());
            }
            // The file is complete and closed before OK goes out, but not yet durable.
            // TODO (stage 4, XFER-STORE-02): OK promises that the upload survives a crash.
            // Before OK: force the temporary file to the disk (FileChannel.force), close it,
            // move it into place, and then force the storage directory as well (a FileChannel
            // opened on the directory for reading): the move changes the directory, and only
            // the directory's force makes the new name itself survive a crash.
            reply(out, "OK " + digest);
        } catch (Refused refusal) {
            reply(out, "ERROR " + refusal.code + " " + refusal.getMessage());
        }
    }

    static void reply(OutputStream out, String line) throws IOException {
        // TODO (stage 1, XFER-LINE-01): XFER lines end with a bare LF. This ends them with
        // CR LF, the habit HTTP and SMTP teach.
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static Header readHeader(InputStream in) throws IOException, Refused {
        // TODO (stage 2, XFER-LINE-03): TCP delivers a stream of octets, not messages. This
        // takes one read() for each line, which works only while each line comes in a
        // segment of its own. Cut in two, or merged with the next line, it is misread. Read
        // up to each LF instead, keep what follows for the next read, and refuse an
        // overlong line as soon as it passes its limit (XFER-LINE-04).
        byte[] name = readOnce(in);
        if (name == null) {
            return null;
        }
        byte[] size = readOnce(in);
        if (size == null || !endsWithLf(name) || !endsWithLf(size)) {
            throw new Refused(400, "a header line did not arrive in one piece");
        }
        // TODO (stage 2, XFER-LINE-02): a CR right before the LF belongs to the line end,
        // not to the name or the size.
        return new Header(Arrays.copyOf(name, name.length - 1), Arrays.copyOf(size, size.length - 1), new byte[0]);
    }

    /** What one read() returns, or null at the end of the stream. */
    private static byte[] readOnce(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        int count = in.read(buffer);
        return count < 0 ? null : Arrays.copyOf(buffer, count);
    }

    private static boolean endsWithLf(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\n';
    }

    static String checkName(byte[] raw) {
        // TODO (stage 3, XFER-NAME-02 to -07): refuse with 403 a name that is empty, "." or
        // "..", contains "/", "\" or a control octet, or is not valid UTF-8 (this constructor
        // quietly replaces bad octets with U+FFFD). Today every name is resolved against the
        // storage directory as it is, so "../x" writes outside it.
        return new String(raw, StandardCharsets.UTF_8);
    }

    static long parseSize(byte[] raw) throws Refused {
        // TODO (stage 3, XFER-SIZE-02): Long.parseLong is more generous than XFER: it takes
        // "+1", "-1" and "01". Check the digits yourself.
        // TODO (stage 3, XFER-SIZE-03): refuse with 413, before READY, a size above the free
        // space of the storage directory.
        try {
            return Long.parseLong(new String(raw, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new Refused(400, "the size is not a number");
        }
    }

    /** Opens (and empties) the file the payload goes to; refuses with 500 if it cannot. */
    static OutputStream openFinal(Path dir, String name) throws Refused {
        // TODO (stage 4, XFER-STORE-03 to -06): this opens the final file itself, so a reader
        // sees it half written, a vanished client leaves half a file, and the previous content
        // is gone before the new one is complete. Write to a temporary file outside the
        // storage directory, then rename.
        try {
            return Files.newOutputStream(dir.resolve(name));
        } catch (IOException | InvalidPathException e) {
            System.err.println("cannot store " + name + ": " + e);
            throw new Refused(500, "cannot store the file");
        }
    }

    /** Receives exactly {@code size} octets into the open file; returns their SHA-256 as hex. */
    static String receiveInto(InputStream in, OutputStream file, long size, byte[] earlyPayload)
            throws IOException {
        // TODO (stage 4, XFER-TIME-01): no read here has a bound, so a silent client holds the
        // server for ever. Use the idle timeout (Socket.setSoTimeout).
        MessageDigest digest = sha256();
        // Octets after the payload are never stored (XFER-UP-06).
        int first = (int) Math.max(0, Math.min(size, earlyPayload.length));
        file.write(earlyPayload, 0, first);
        digest.update(earlyPayload, 0, first);
        long received = first;
        byte[] buffer = new byte[65536];
        while (received < size) {
            int count = in.read(buffer, 0, (int) Math.min(buffer.length, size - received));
            if (count < 0) {
                throw new IOException("the client left after " + received + " of " + size + " payload octets");
            }
            file.write(buffer, 0, count);
            digest.update(buffer, 0, count);
            received += count;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
