package xferlab.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>One thread accepts connections and hands each to a thread of its own. The
 * naive server that handles one client inside its accept loop serves nobody else
 * while that client dawdles, and the one that returns after its first client
 * serves nobody at all afterwards (XFER-LIVE-01, XFER-CONC-01, XFER-CONC-02). A
 * thread per connection is the simplest correct design; its cost is memory per
 * idle connection, which the idle timeout bounds.
 */
public final class XferServer implements AutoCloseable {
    private static final int BACKLOG = 4096;

    private final ServerConfig config;
    private final Storage storage;
    private final ServerSocket serverSocket;
    private final ExecutorService handlers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final Object quiet = new Object();
    private final Thread acceptor;
    private volatile boolean closed;

    private XferServer(ServerConfig config) throws IOException {
        this.config = config;
        this.storage = new Storage(config.storageDir(), config.tempDir());
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(config.bindAddress(), config.port()), BACKLOG);
        this.handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "xfer-connection-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, "xfer-acceptor");
        acceptor.setDaemon(true);
    }

    /** Binds, opens the storage and starts accepting; returns once connections are accepted. */
    public static XferServer start(ServerConfig config) throws IOException {
        XferServer server = new XferServer(config);
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
        return open.size();
    }

    /**
     * Waits until no connection is open, or the timeout passes.
     *
     * @return whether the server became quiet in time
     */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (quiet) {
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(quiet, left);
            }
            return true;
        }
    }

    /** Blocks until the server is closed (from another thread, or a shutdown hook). */
    public void join() throws InterruptedException {
        acceptor.join();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // Out of file descriptors, say: log it and keep serving (XFER-LIVE-01),
                // after a pause so that a persistent failure does not spin a core.
                config.log().accept("accept failed: " + e.getMessage());
                pauseAfterAcceptFailure();
                continue;
            }
            open.add(socket);
            try {
                handlers.execute(() -> {
                    try {
                        new UploadHandler(socket, storage, config).run();
                    } finally {
                        forget(socket);
                    }
                });
            } catch (RuntimeException e) {
                // no thread could be had: this connection is lost, the server is not
                config.log().accept("cannot serve a connection: " + e);
                forget(socket);
                closeQuietly(socket);
            }
        }
    }

    private void forget(Socket socket) {
        open.remove(socket);
        synchronized (quiet) {
            quiet.notifyAll();
        }
    }

    private static void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, closes every open connection and waits briefly for the handlers. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        handlers.shutdownNow();
        try {
            acceptor.join(5_000);
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
