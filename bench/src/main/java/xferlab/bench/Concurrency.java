package xferlab.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import xferlab.client.ProgressListener;
import xferlab.client.UploadFailedException;
import xferlab.client.XferClient;

/** Many clients at once against a reference server in its own process. */
final class Concurrency {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    private Concurrency() {
    }

    record Uploads(int clients, int completed, int failed, int storedIntact, double seconds, String firstFailure) {
    }

    /**
     * Starts {@code clients} threads that each upload {@code file} under a name of
     * their own, all released at once, and waits for them (at most {@code bound}).
     * A client still running at the bound counts as failed.
     */
    static Uploads uploads(int port, Path file, Path storage, int clients, Duration bound)
            throws IOException, InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        AtomicInteger completed = new AtomicInteger();
        ConcurrentHashMap<String, String> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String name = String.format("client-%05d.bin", i);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    new XferClient("127.0.0.1", port, CLIENT_TIMEOUT).upload(file, name, ProgressListener.NONE);
                    completed.incrementAndGet();
                } catch (UploadFailedException e) {
                    failures.put(name, e.getMessage());
                } catch (InterruptedException e) {
                    failures.put(name, "interrupted");
                } finally {
                    done.countDown();
                }
            }, "bench-" + name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long started = System.nanoTime();
        start.countDown();
        boolean all = done.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!all) {
            threads.forEach(Thread::interrupt);
        }
        int ok = completed.get();
        long size = Files.size(file);
        int intact = 0;
        for (int i = 0; i < clients; i++) {
            Path stored = storage.resolve(String.format("client-%05d.bin", i));
            if (Files.isRegularFile(stored) && Files.size(stored) == size) {
                intact++;
            }
        }
        String first = failures.values().stream().findFirst().orElse(all ? "" : "some clients still running");
        return new Uploads(clients, ok, clients - ok, intact, seconds, first);
    }

    record Idle(int wanted, int opened, int refused, double openSeconds, boolean uploadOk, double uploadSeconds,
                String uploadProblem, boolean aliveAfter, int timedOutWith408, int closedOtherwise, int stillOpen,
                double closeSeconds) {
    }

    /**
     * Holds {@code count} connections that send nothing; meanwhile uploads {@code file};
     * then waits for the server to time the idle ones out (XFER-TIME-01), at most the
     * idle timeout plus {@code margin}. One selector watches them all, so this costs
     * one thread however many connections there are.
     */
    static Idle idle(ServerProcess server, int port, Path file, int count, Duration idleTimeout, Duration margin)
            throws IOException, InterruptedException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        List<SocketChannel> channels = new ArrayList<>();
        int refused = 0;
        long started = System.nanoTime();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < count; i++) {
                try {
                    SocketChannel channel = SocketChannel.open();
                    channels.add(channel);
                    channel.socket().connect(address, 10_000);
                    channel.configureBlocking(false);
                    channel.register(selector, SelectionKey.OP_READ, new StringBuilder());
                } catch (IOException e) {
                    refused++;
                }
            }
            long opened = System.nanoTime();
            double openSeconds = (opened - started) / 1e9;

            // A new client while they are all held: is it served?
            long uploadStarted = System.nanoTime();
            String uploadProblem = "";
            try {
                new XferClient("127.0.0.1", port, Duration.ofSeconds(30)).upload(file, "while-idle.bin",
                        ProgressListener.NONE);
            } catch (UploadFailedException e) {
                uploadProblem = e.getMessage();
            }
            double uploadSeconds = (System.nanoTime() - uploadStarted) / 1e9;

            // Now wait for the server to close the idle ones.
            int with408 = 0;
            int otherwise = 0;
            int open = selector.keys().size();
            long deadline = started + idleTimeout.plus(margin).toNanos() + (opened - started);
            ByteBuffer buffer = ByteBuffer.allocate(256);
            while (open > 0 && System.nanoTime() < deadline) {
                selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    StringBuilder reply = (StringBuilder) key.attachment();
                    int n;
                    try {
                        buffer.clear();
                        n = channel.read(buffer);
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n > 0) {
                        reply.append(new String(buffer.array(), 0, n, StandardCharsets.US_ASCII));
                    } else if (n == -1) {
                        if (reply.toString().startsWith("ERROR 408")) {
                            with408++;
                        } else {
                            otherwise++;
                        }
                        key.cancel();
                        channel.close();
                        open--;
                    }
                }
                selector.selectedKeys().clear();
            }
            double closeSeconds = (System.nanoTime() - opened) / 1e9;
            return new Idle(count, channels.size() - refused, refused, openSeconds, uploadProblem.isEmpty(),
                    uploadSeconds, uploadProblem, server.alive(), with408, otherwise, open, closeSeconds);
        } finally {
            for (SocketChannel channel : channels) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
