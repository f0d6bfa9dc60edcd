package xferlab.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection server played by a test: it accepts one client on loopback and
 * runs a script against it, to check how a client copes with a server that
 * misbehaves in one precise way (MockWebServer's idea, for XFER).
 */
public final class ScriptedServer implements AutoCloseable {
    /** What the server does with the connection; the socket is closed afterwards. */
    @FunctionalInterface
    public interface Script {
        void play(RawConnection client) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final ExecutorService executor;
    private final Future<?> run;
    private volatile Socket accepted;

    private ScriptedServer(Script script, int receiveBufferSize) throws IOException {
        serverSocket = new ServerSocket();
        if (receiveBufferSize > 0) {
            // Set before bind so that accepted sockets inherit it (and the window it implies).
            serverSocket.setReceiveBufferSize(receiveBufferSize);
        }
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serverSocket.setSoTimeout(10_000);
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "scripted-server");
            thread.setDaemon(true);
            return thread;
        });
        run = executor.submit(() -> {
            try (Socket socket = accept();
                 RawConnection client = RawConnection.wrap(socket, Duration.ofSeconds(10))) {
                script.play(client);
            }
            return null;
        });
    }

    private Socket accept() throws IOException {
        Socket socket = serverSocket.accept();
        accepted = socket;
        return socket;
    }

    public static ScriptedServer start(Script script) throws IOException {
        return new ScriptedServer(script, 0);
    }

    /** Starts with a small receive buffer, for a server that stops reading. */
    public static ScriptedServer startWithReceiveBuffer(int receiveBufferSize, Script script) throws IOException {
        return new ScriptedServer(script, receiveBufferSize);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Waits for the script to end and rethrows what it threw (a failed assertion included). */
    public void awaitScript(Duration timeout) throws Exception {
        try {
            run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        Socket socket = accepted;
        if (socket != null) {
            // Unblocks a script stuck in a read: socket reads ignore interrupts.
            socket.close();
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                throw new AssertionError("scripted server thread did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
