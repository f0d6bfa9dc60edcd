package xferlab.conformance.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import xferlab.conformance.wire.Transcript;

/**
 * A recording TCP relay: the client under test connects here, the relay connects
 * to the server under test, and every segment each way is forwarded as it came and
 * recorded with its direction and elapsed time. Half-closes are passed on as
 * half-closes, so a lingering close still works through it. Both implementations
 * see an ordinary peer; the matrix sees the whole exchange.
 */
final class Relay implements AutoCloseable {
    /** How many octets of each direction are kept whole for the judge: the largest file and its header fit. */
    static final int KEPT = 4 * 1024 * 1024;

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final Duration idle;
    private final List<Recorded> connections = new ArrayList<>();
    private final List<Socket> open = new ArrayList<>();
    private final Thread acceptor;

    /**
     * @param server where the server under test listens
     * @param idle   how long either side may stay silent before the relay gives up on the connection
     */
    Relay(InetSocketAddress server, Duration idle) throws IOException {
        this.server = server;
        this.idle = idle;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "xfer-interop-relay-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where the client under test connects. */
    int port() {
        return listener.getLocalPort();
    }

    /** The connections so far, in the order they were accepted. */
    synchronized List<Recorded> connections() {
        return List.copyOf(connections);
    }

    /**
     * Waits, bounded, until every connection so far has ended both ways: a client that
     * exits has closed its side, but the server's last octets may still be on their way.
     */
    void awaitQuiet(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Recorded connection : connections()) {
            connection.await(deadline);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Recorded recorded;
            synchronized (this) {
                recorded = new Recorded(new Transcript("connection " + (connections.size() + 1)));
                connections.add(recorded);
                open.add(client);
            }
            Thread thread = new Thread(() -> relay(client, recorded), "xfer-interop-relay-connection");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void relay(Socket client, Recorded recorded) {
        Transcript transcript = recorded.transcript;
        try (client; Socket upstream = new Socket()) {
            synchronized (this) {
                open.add(upstream);
            }
            try {
                upstream.connect(server, (int) idle.toMillis());
            } catch (IOException e) {
                transcript.note("the relay could not reach the server: " + e.getMessage());
                return;
            }
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            client.setSoTimeout((int) idle.toMillis());
            upstream.setSoTimeout((int) idle.toMillis());
            transcript.note("client connected; relayed to the server");
            Thread back = new Thread(() -> pump(upstream, client, recorded, false), "xfer-interop-relay-reply");
            back.setDaemon(true);
            back.start();
            pump(client, upstream, recorded, true);
            back.join(idle.toMillis() + 1000);
        } catch (IOException e) {
            transcript.note("relay error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            recorded.finish();
        }
    }

    /** Copies one direction, segment by segment, until its end; then passes the end on. */
    private void pump(Socket from, Socket to, Recorded recorded, boolean fromClient) {
        String who = fromClient ? "the client" : "the server";
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    recorded.transcript.note(who + " sent nothing for " + idle.toSeconds() + " s: the relay gave up");
                    reset(from);
                    reset(to);
                    return;
                }
                if (n < 0) {
                    recorded.transcript.note(who + " closed its side (end of stream)");
                    shutdownOutput(to);
                    return;
                }
                recorded.segment(fromClient, buffer, n);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            if (!from.isClosed() && !to.isClosed()) {
                recorded.transcript.note(who + "'s side ended: " + e.getMessage());
            }
            reset(to);
        }
    }

    private static void shutdownOutput(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // the other side is gone already
        }
    }

    /** Passes an abrupt end on as one: a reset for a reset. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        synchronized (this) {
            for (Socket socket : open) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    /**
     * One relayed connection: its transcript, and the octets each way kept whole
     * (up to {@link #KEPT}) for the judge.
     */
    static final class Recorded {
        final Transcript transcript;
        private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        private final AtomicLong clientTotal = new AtomicLong();
        private final AtomicLong serverTotal = new AtomicLong();
        /** How many client octets had arrived when the server's first octet did; -1 until then. */
        private volatile long clientOctetsBeforeFirstReply = -1;
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

        Recorded(Transcript transcript) {
            this.transcript = transcript;
        }

        private void segment(boolean fromClient, byte[] octets, int length) {
            // Recorded before forwarding: the order in the transcript is the order on the wire.
            synchronized (this) {
                if (fromClient) {
                    transcript.sent(octets, 0, length);
                    keep(this.fromClient, octets, length);
                    clientTotal.addAndGet(length);
                } else {
                    if (clientOctetsBeforeFirstReply < 0) {
                        clientOctetsBeforeFirstReply = clientTotal.get();
                    }
                    transcript.received(octets, 0, length);
                    keep(fromServer, octets, length);
                    serverTotal.addAndGet(length);
                }
            }
        }

        private static void keep(ByteArrayOutputStream kept, byte[] octets, int length) {
            int room = KEPT - kept.size();
            if (room > 0) {
                kept.write(octets, 0, Math.min(room, length));
            }
        }

        private void finish() {
            transcript.note("connection ended");
            done.countDown();
        }

        private void await(long deadline) {
            try {
                done.await(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized byte[] fromClient() {
            return fromClient.toByteArray();
        }

        synchronized byte[] fromServer() {
            return fromServer.toByteArray();
        }

        synchronized long clientTotal() {
            return clientTotal.get();
        }

        long clientOctetsBeforeFirstReply() {
            return clientOctetsBeforeFirstReply;
        }
    }
}
