package xferlab.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import xferlab.protocol.Digests;

/**
 * The same protocol written the way a first attempt is written: 4 KiB reads and
 * writes, one client at a time in the accept loop, the digest computed inline,
 * the file written straight under its name. It is here to be measured, not
 * copied: it skips validation, limits and the temporary file. It does flush the
 * file to disk before OK, so that it pays the same price for durability as the
 * reference and the comparison is about how the octets are moved.
 */
final class Naive {
    private static final int BUFFER = 4096;

    private Naive() {
    }

    /** A server that serves one client after another until closed. */
    static final class Server implements AutoCloseable {
        private final ServerSocket listener;
        private final Path dir;
        private final Thread thread;

        Server(Path dir) throws IOException {
            this.dir = dir;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.thread = new Thread(this::serve, "naive-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(60_000);
                    handle(socket);
                } catch (SocketException e) {
                    return; // closed
                } catch (IOException e) {
                    // one client failed; serve the next
                }
            }
        }

        private void handle(Socket socket) throws IOException {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String name = readLine(in);
            long size = Long.parseLong(readLine(in));
            out.write("READY\n".getBytes(StandardCharsets.US_ASCII));
            var sha256 = Digests.sha256();
            byte[] buffer = new byte[BUFFER];
            try (FileOutputStream file = new FileOutputStream(dir.resolve(name).toFile())) {
                long received = 0;
                while (received < size) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - received));
                    if (n == -1) {
                        throw new EOFException();
                    }
                    sha256.update(buffer, 0, n);
                    file.write(buffer, 0, n);
                    received += n;
                }
                file.getFD().sync();
            }
            out.write(("OK " + Digests.hex(sha256.digest()) + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    /** Uploads {@code file}; returns the digest after checking the server's. */
    static String upload(int port, Path file, String name) throws IOException {
        long size = Files.size(file);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
             InputStream content = Files.newInputStream(file)) {
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            out.write((name + "\n" + size + "\n").getBytes(StandardCharsets.UTF_8));
            if (!readLine(in).equals("READY")) {
                throw new IOException("no READY");
            }
            var sha256 = Digests.sha256();
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = content.read(buffer)) != -1) {
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            String digest = Digests.hex(sha256.digest());
            String reply = readLine(in);
            if (!reply.equals("OK " + digest)) {
                throw new IOException("unexpected reply: " + reply);
            }
            return digest;
        }
    }

    /** One octet per read: the classic way to find a line end without reading past it. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException();
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
