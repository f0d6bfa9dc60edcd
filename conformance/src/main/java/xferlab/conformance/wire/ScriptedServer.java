package xferlab.conformance.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The server the suite plays when it judges a client: it listens on loopback and
 * hands out the client's connection, recorded like every other.
 */
public final class ScriptedServer implements AutoCloseable {
    private final ServerSocket listener;

    public ScriptedServer() throws IOException {
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    }

    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Waits for the client to connect.
     *
     * @return the connection, or null if no client connected in time
     */
    public Connection accept(Duration within, Duration writeTimeout, Transcript transcript) throws IOException {
        listener.setSoTimeout((int) Math.max(1, within.toMillis()));
        Socket socket;
        try {
            socket = listener.accept();
        } catch (SocketTimeoutException e) {
            return null;
        }
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        transcript.note("the client connected from port " + peer.getPort());
        return Connection.over(socket, transcript, writeTimeout);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
