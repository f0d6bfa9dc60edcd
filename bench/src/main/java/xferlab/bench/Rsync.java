package xferlab.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import xferlab.conformance.target.ProcessGroup;

/**
 * An rsync daemon on loopback, started with a temporary configuration, receiving
 * whole files: the tool a user would pick instead of XFER. Like the reference it
 * writes a temporary file and renames it, and checksums the whole file; unlike
 * the reference it does not flush to disk unless asked ({@code --fsync}).
 */
final class Rsync implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(10);

    private final Path work;
    private final Path dest;
    private final Process daemon;
    private final int port;

    /** The rsync program on the PATH, or null. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "rsync");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    Rsync(Path rsync, Path work) throws IOException, InterruptedException {
        this.work = Files.createDirectories(work);
        this.dest = Files.createDirectories(work.resolve("dest"));
        this.port = freePort();
        // A daemon started by root switches to "nobody" for a module unless told
        // otherwise; the owner of the work directory can write to it.
        Object uid = Files.getAttribute(work, "unix:uid");
        Object gid = Files.getAttribute(work, "unix:gid");
        Path config = work.resolve("rsyncd.conf");
        Files.writeString(config, String.join("\n",
                "use chroot = no",
                "log file = " + work.resolve("rsyncd.log"),
                "pid file = " + work.resolve("rsyncd.pid"),
                "[bench]",
                "    path = " + dest,
                "    read only = no",
                "    uid = " + uid,
                "    gid = " + gid,
                ""));
        this.daemon = new ProcessBuilder(rsync.toString(), "--daemon", "--no-detach", "--config=" + config,
                "--address=127.0.0.1", "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("daemon.out").toFile())
                .start();
        awaitListening();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Polls until the daemon accepts a connection: it has no other way to say it is ready. */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new IOException("the rsync daemon exited: " + Files.readString(work.resolve("daemon.out")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                daemon.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        throw new IOException("the rsync daemon did not listen within " + START.toSeconds() + " s");
    }

    /** Uploads {@code file} whole, the client as a process of its own; the copy is checked and deleted. */
    Processes.Sample upload(Path rsync, Path file, boolean fsync) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(rsync.toString(), "--whole-file", "--timeout=60"));
        if (fsync) {
            command.add("--fsync");
        }
        command.add(file.toString());
        command.add("rsync://127.0.0.1:" + port + "/bench/");
        Processes.Sample sample = Processes.upload(command, daemon.pid(), work);
        Path copy = dest.resolve(file.getFileName());
        if (Files.size(copy) != Files.size(file)) {
            throw new IOException("rsync stored " + Files.size(copy) + " octets of " + Files.size(file));
        }
        Files.delete(copy);
        return sample;
    }

    @Override
    public void close() {
        // The daemon forks a receiver per transfer: stop them together.
        ProcessGroup.of(daemon).stop(Duration.ofSeconds(10));
    }
}
