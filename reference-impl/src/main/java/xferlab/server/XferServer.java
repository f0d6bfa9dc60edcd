package xferlab.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The reference XFER server.
 *
 * <pre>{@code
 * try (XferServer server = XferServer.start(ServerConfig.defaults(dir))) {
 *     System.out.println("listening on port " + server.port());
 *     ...
 * }
 * }</pre>
 *
 * <p>One thread accepts connections and starts a thread of its own for each. The
 * naive server that handles one client inside its accept loop serves nobody else
 * while that client dawdles, and the one that returns after its first client
 * serves nobody at all afterwards (XFER-LIVE-01, XFER-CONC-01, XFER-CONC-02). A
 * thread per connection is the simplest correct design; its cost is memory per
 * idle connection, which the idle timeout bounds.
 */
public final class XferServer implements AutoCloseable {
    private final ServerConfig config;
    private final Storage storage;
    private final ServerSocket serverSocket = new ServerSocket();
    /** Connections accepted and not yet closed; the lock and the signal for changes to them. */
    private final Set<Socket> open = new HashSet<>();
    private final Thread acceptor = new Thread(this::acceptLoop, "xfer-acceptor");

    private XferServer(ServerConfig config) throws IOException {
        this.config = config;
        this.storage = new Storage(config.storageDir(), config.tempDir());
        serverSocket.setReuseAddress(true);
        // A receive buffer of 4 MiB (accepted sockets inherit it): each read then tends to
        // find a full 64 KiB waiting, instead of waking for every few segments. Measured
        // as two processes: about a tenth less server CPU per GiB (README, Performance).
        serverSocket.setReceiveBufferSize(4 * 1024 * 1024);
        // A long queue of connections not yet accepted: a burst of clients waits in it
        // instead of being refused by the kernel.
        serverSocket.bind(new InetSocketAddress(config.bindAddress(), config.port()), 4096);
    }

    /** Binds, opens the storage and starts accepting; returns once connections are accepted. */
    public static XferServer start(ServerConfig config) throws IOException {
        XferServer server = new XferServer(config);
        server.acceptor.setDaemon(true);
        server.acceptor.start();
        return server;
    }

    /** The port the server listens on (the real one when the config asked for port 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The storage directory, resolved. */
    public Path storageDir() {
        return storage.storageDir();
    }

    /** Connections accepted and not yet closed. */
    public int openConnections() {
        synchronized (open) {
            return open.size();
        }
    }

    /**
     * Waits until no connection is open, or the timeout passes.
     *
     * @return whether the server became quiet in time
     */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (open) {
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(open, left);
            }
            return true;
        }
    }

    /** Blocks until the server is closed (from another thread, or a shutdown hook). */
    public void join() throws InterruptedException {
        acceptor.join();
    }

    private void acceptLoop() {
        for (int number = 1; !serverSocket.isClosed(); number++) {
            Socket socket = null;
            try {
                socket = serverSocket.accept();
                synchronized (open) {
                    open.add(socket);
                }
                Socket accepted = socket;
                Thread connection = new Thread(() -> serve(accepted), "xfer-connection-" + number);
                connection.setDaemon(true);
                connection.start();
            } catch (IOException | OutOfMemoryError e) {
                // Out of file descriptors or threads, say: drop this connection, log it and
                // keep serving the others (XFER-LIVE-01), after a pause so that a persistent
                // failure does not spin a core.
                forget(socket); // (null when accept itself failed: then nothing to forget)
                if (!serverSocket.isClosed()) {
                    config.log().accept("accept failed: " + e);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        }
    }

    private void serve(Socket socket) {
        try {
            new UploadHandler(socket, storage, config).run();
        } finally {
            forget(socket);
        }
    }

    private void forget(Socket socket) {
        closeQuietly(socket);
        synchronized (open) {
            open.remove(socket);
            open.notifyAll();
        }
    }

    /** Stops accepting, closes every open connection and waits briefly for their threads. */
    @Override
    public void close() {
        closeQuietly(serverSocket);
        synchronized (open) {
            open.forEach(XferServer::closeQuietly);
        }
        try {
            acceptor.join(5_000);
            awaitQuiet(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
