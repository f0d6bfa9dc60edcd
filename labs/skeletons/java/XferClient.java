import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * An XFER client to start from: the labs' skeleton, not a solution.
 *
 * <p>It uploads one file to a well-behaved server: it sends the file's base name and
 * size, waits for READY, sends the octets and waits for the final reply. Each TODO
 * names the lab stage that deals with it and the requirement it breaks today.
 *
 * <p>Run it without a build step (Java 17 or newer):
 * {@code java XferClient.java HOST PORT FILE [--timeout SECONDS]}.
 * Exit status: 0 stored, 1 not stored (or not known to be), 2 usage.
 */
public class XferClient {

    /** The server's reply lines, in order. */
    static class Replies {
        private final InputStream in;
        private final Deque<String> lines = new ArrayDeque<>();

        Replies(InputStream in) {
            this.in = in;
        }

        String next() throws IOException {
            // TODO (stage 6, XFER-LINE-03 and -06): this splits whatever one read() returned
            // into lines, as if every read() ended at a line end. A reply can arrive one octet
            // at a time, and a reply cut short by the end of the stream (no LF) is no reply at
            // all. Keep the octets after the last LF for the next read, and bound the line's
            // length (XFER-LINE-05).
            if (lines.isEmpty()) {
                byte[] buffer = new byte[1024];
                int count = in.read(buffer);
                if (count < 0) {
                    throw fail("the server closed the connection before replying");
                }
                // TODO (stage 6, XFER-LINE-02): a CR right before the LF belongs to the line end.
                String text = new String(buffer, 0, count, StandardCharsets.US_ASCII);
                lines.addAll(Arrays.asList(text.split("\n")));
            }
            return lines.removeFirst();
        }
    }

    /** Ends the program with status 1 when thrown out of {@code main}. */
    static class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    static Failure fail(String message) {
        return new Failure(message);
    }

    public static void main(String[] args) {
        double timeout = 30;
        int positional = args.length;
        if (args.length == 5 && args[3].equals("--timeout")) {
            timeout = Double.parseDouble(args[4]);
            positional = 3;
        }
        if (positional != 3) {
            System.err.println("usage: java XferClient.java HOST PORT FILE [--timeout SECONDS]");
            System.exit(2);
        }
        try {
            upload(args[0], Integer.parseInt(args[1]), Path.of(args[2]), (int) (timeout * 1000));
            System.exit(0);
        } catch (Failure | IOException e) {
            System.err.println("upload failed: " + (e instanceof SocketTimeoutException
                    ? "no reply within " + timeout + " s" : e.getMessage()));
            System.exit(1);
        }
    }

    static void upload(String host, int port, Path file, int timeoutMillis) throws IOException {
        String name = file.getFileName().toString(); // the base name, never the path (XFER-CLI-01)
        // TODO (stage 6, XFER-CLI-08): check the name against the name rules before
        // connecting, and refuse a bad one here.
        byte[] data = Files.readAllBytes(file);
        try (Socket socket = new Socket()) {
            // Every read is bounded: connect and each read() (XFER-CLI-07).
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            // TODO (stage 6, XFER-CLI-07): setSoTimeout bounds reads, not writes. A server that
            // stops reading blocks write() for ever once the buffers are full.
            OutputStream out = socket.getOutputStream();
            Replies replies = new Replies(socket.getInputStream());
            out.write((name + "\n" + data.length + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = replies.next();
            if (!answer.equals("READY")) {
                throw fail(answer); // an ERROR: the server's code and text, in one line (XFER-CLI-05)
            }
            out.write(data);
            out.flush();
            answer = replies.next();
            // TODO (stage 6, XFER-CLI-04 and -06): an OK is success only if its digest is the
            // SHA-256 of the octets sent, in lowercase hex, compared octet for octet (not
            // equalsIgnoreCase). This believes any line that starts with OK.
            if (!answer.startsWith("OK")) {
                throw fail(answer);
            }
            System.out.println("stored " + name + " " + data.length + " octets");
        }
    }
}
