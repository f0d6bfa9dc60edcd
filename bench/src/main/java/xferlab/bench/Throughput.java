package xferlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import xferlab.client.ProgressListener;
import xferlab.client.UploadFailedException;
import xferlab.client.UploadResult;
import xferlab.client.XferClient;
import xferlab.protocol.Digests;
import xferlab.server.ServerConfig;
import xferlab.server.XferServer;

/**
 * The single-stream measurements, each returning seconds: the machine's limits,
 * the reference, the naive baseline. Each moves the same file and checks that
 * every octet arrived.
 */
final class Throughput {
    static final int BUFFER = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Throughput() {
    }

    /** Writes {@code size} random octets (seeded: the same data every run) and flushes them. */
    static Path randomFile(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long left = size; left > 0; ) {
                buffer.clear();
                while (buffer.remaining() >= Long.BYTES) {
                    buffer.putLong(random.nextLong());
                }
                buffer.flip().limit((int) Math.min(buffer.limit(), left));
                left -= buffer.remaining();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            // Flushed now, so that the kernel does not write it back in the middle of a measurement.
            channel.force(true);
        }
        return file;
    }

    /** A plain 64 KiB copy of the file into a loopback socket, the receiver discarding it. */
    static double socketCopy(Path file) throws IOException, InterruptedException {
        long size = Files.size(file);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout((int) TIMEOUT.toMillis());
            Background<Long> receiver = Background.start("socket-copy-receiver", () -> {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout((int) TIMEOUT.toMillis());
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[BUFFER];
                    long received = 0;
                    for (int n; (n = in.read(buffer)) != -1; ) {
                        received += n;
                    }
                    return received;
                }
            });
            long started = System.nanoTime();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                 InputStream in = Files.newInputStream(file)) {
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    out.write(buffer, 0, n);
                }
            }
            long received = receiver.await(TIMEOUT);
            double seconds = (System.nanoTime() - started) / 1e9;
            check(received, size, "the socket copy");
            return seconds;
        }
    }

    /** A plain 64 KiB copy of the file into a new file, flushed to disk, then deleted. */
    static double fsyncedWrite(Path file, Path dir) throws IOException {
        Path copy = dir.resolve("fsynced-copy.bin");
        long started = System.nanoTime();
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = Files.newOutputStream(copy);
             FileChannel sync = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
            sync.force(true);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        check(Files.size(copy), Files.size(file), "the fsynced copy");
        Files.delete(copy);
        return seconds;
    }

    /** SHA-256 of {@code size} octets already in memory, on one core. */
    static double sha256(long size) {
        byte[] block = new byte[1 << 20];
        new SplittableRandom(1).nextBytes(block);
        MessageDigest sha256 = Digests.sha256();
        for (int i = 0; i < 64; i++) {
            sha256.update(block); // warm up: let the JIT compile the loop before the clock starts
        }
        sha256.reset();
        long started = System.nanoTime();
        for (long left = size; left > 0; left -= block.length) {
            sha256.update(block, 0, (int) Math.min(block.length, left));
        }
        sha256.digest();
        return (System.nanoTime() - started) / 1e9;
    }

    /** The reference client uploading to the reference server, in this process. */
    static double reference(Path file, Path storage) throws IOException {
        ServerConfig config = ServerConfig.defaults(storage).withLog(line -> { });
        try (XferServer server = XferServer.start(config)) {
            XferClient client = new XferClient("127.0.0.1", server.port(), TIMEOUT);
            long started = System.nanoTime();
            UploadResult result;
            try {
                result = client.upload(file, "reference.bin", ProgressListener.NONE);
            } catch (UploadFailedException e) {
                throw new IOException("the reference upload failed: " + e.getMessage(), e);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Path stored = server.storageDir().resolve(result.name());
            check(Files.size(stored), Files.size(file), "the reference server");
            Files.delete(stored);
            return seconds;
        }
    }

    /** The naive client uploading to the naive server, in this process. */
    static double naive(Path file, Path storage) throws IOException {
        Files.createDirectories(storage);
        try (Naive.Server server = new Naive.Server(storage)) {
            long started = System.nanoTime();
            Naive.upload(server.port(), file, "naive.bin");
            double seconds = (System.nanoTime() - started) / 1e9;
            Path stored = storage.resolve("naive.bin");
            check(Files.size(stored), Files.size(file), "the naive server");
            Files.delete(stored);
            return seconds;
        }
    }

    /**
     * One upload from a client process to a fresh server process: {@code server} and
     * {@code client} are the command lines up to their last arguments (the server's
     * storage directory; the client's HOST PORT FILE). The file is stored under its
     * own name.
     */
    static Processes.Sample pair(List<String> server, List<String> client, Path file, Path work)
            throws IOException, InterruptedException {
        Path storage = work.resolve("pair-storage");
        try (Processes.Server process = new Processes.Server(with(server, storage.toString()),
                work.resolve("pair-server.out"))) {
            Processes.Sample sample = Processes.upload(
                    with(client, "127.0.0.1", String.valueOf(process.port()), file.toString()),
                    process.pid(), work);
            Path stored = storage.resolve(file.getFileName().toString());
            check(Files.size(stored), Files.size(file), "the server of " + client.get(client.size() - 1));
            Files.delete(stored);
            return sample;
        }
    }

    private static List<String> with(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private static void check(long got, long expected, String who) throws IOException {
        if (got != expected) {
            throw new IOException(who + " got " + got + " octets of " + expected);
        }
    }
}
