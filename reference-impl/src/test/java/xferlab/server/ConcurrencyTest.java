package xferlab.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.client.ProgressListener;
import xferlab.client.UploadResult;
import xferlab.testing.Await;
import xferlab.testing.RawConnection;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * Level 3 beyond the conformance suite's cases: stalled connections mid-payload as
 * well as mid-header, and races on one name watched by a reader while they run.
 */
@Timeout(value = 60, unit = SECONDS)
class ConcurrencyTest {
    @TempDir
    Path work;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(20, TimeUnit.SECONDS)).as("test threads stopped").isTrue();
    }

    @Test
    @DisplayName("XFER-CONC-02: 20 connections stalled mid-header and 5 stalled mid-payload do not delay a normal upload")
    void stalledConnectionsDoNotDelayOthers() throws Exception {
        List<RawConnection> stalled = new ArrayList<>();
        // A long idle timeout: only a server that serves the upload beside the stalled
        // connections, not after them, can finish it within the bound below.
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log())
                .withIdleTimeout(Duration.ofSeconds(30)))) {
            try {
                for (int i = 0; i < 20; i++) {
                    RawConnection connection = RawConnection.open(server.port());
                    stalled.add(connection);
                    connection.send("stalled-na");
                }
                for (int i = 0; i < 5; i++) {
                    RawConnection connection = RawConnection.open(server.port());
                    stalled.add(connection);
                    connection.send(RawConnection.header("stalled-" + i, 1000));
                    assertThat(connection.readLine()).isEqualTo("READY");
                    connection.send(new byte[500]);
                }
                Await.until(Duration.ofSeconds(5), "25 stalled connections accepted", () -> server.openConnections() == 25);

                long started = System.nanoTime();
                TestServers.assertStillServes(server, work);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(took).as("upload beside stalled connections").isLessThan(Duration.ofSeconds(5));
                // The upload's own connection ends a moment after its OK; the stalled ones stay.
                Await.until(Duration.ofSeconds(5), "only the 25 stalled connections open",
                        () -> server.openConnections() == 25);
            } finally {
                for (RawConnection connection : stalled) {
                    connection.close();
                }
            }
        }
    }

    @Test
    @DisplayName("XFER-CONC-03, XFER-STORE-03: concurrent uploads to one name end with exactly one intact version; readers never see a mix")
    void racesOnOneName() throws Exception {
        int writers = 8;
        int rounds = 4;
        int size = 200_000;
        Path target = TestServers.storage(work).resolve("race.bin");
        Set<String> everyVersion = new HashSet<>();
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            for (int round = 0; round < rounds; round++) {
                List<Path> sources = new ArrayList<>();
                Set<String> versions = new HashSet<>();
                for (int w = 0; w < writers; w++) {
                    Path source = TestFiles.randomFile(
                            work.resolve("source-" + round).resolve("v" + w), size + w, 1000L * round + w);
                    sources.add(source);
                    versions.add(TestFiles.sha256(source));
                }
                everyVersion.addAll(versions);

                // A reader that checks, while the writers race, that the name only ever
                // holds one complete version (from this round or an earlier one).
                AtomicBoolean racing = new AtomicBoolean(true);
                AtomicInteger reads = new AtomicInteger();
                Future<Void> reader = threads.submit(() -> {
                    while (racing.get() && !Thread.currentThread().isInterrupted()) {
                        try {
                            String seen = TestFiles.sha256(Files.readAllBytes(target));
                            assertThat(everyVersion).as("version seen by a reader").contains(seen);
                            reads.incrementAndGet();
                        } catch (NoSuchFileException e) {
                            // before the first round's first commit
                        }
                    }
                    return null;
                });

                try {
                    CyclicBarrier start = new CyclicBarrier(writers);
                    List<Future<UploadResult>> results = new ArrayList<>();
                    for (Path source : sources) {
                        results.add(threads.submit(() -> {
                            start.await(10, TimeUnit.SECONDS);
                            return TestServers.client(server).upload(source, "race.bin", ProgressListener.NONE);
                        }));
                    }
                    for (Future<UploadResult> result : results) {
                        // Each writer heard OK with its own digest (the client checks it);
                        // get() fails the test if any was refused or broke off.
                        result.get(30, TimeUnit.SECONDS);
                    }
                } finally {
                    racing.set(false);
                }
                reader.get(10, TimeUnit.SECONDS);
                assertThat(reads.get()).as("reads made during the race").isPositive();

                assertThat(versions).as("round %d: final content is one uploaded version", round)
                        .contains(TestFiles.sha256(target));
                TestServers.awaitQuiet(server);
                TestServers.assertNoTrace(work, "race.bin");
            }
        }
    }
}
