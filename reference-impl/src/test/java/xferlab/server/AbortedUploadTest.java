package xferlab.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import xferlab.testing.Await;
import xferlab.testing.RawConnection;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * XFER-STORE-04: an upload that ends before its whole payload arrived leaves no
 * trace. Each case first waits until the server has written part of the payload
 * to its temporary file, so the test proves that a half-written upload is cleaned
 * up, not merely that none was started.
 */
@Timeout(value = 30, unit = SECONDS)
class AbortedUploadTest {
    private static final String NAME = "report.bin";
    private static final int SIZE = 100_000;
    private static final int SENT = 40_000;

    /** The ways a connection can end mid-payload (OkHttp MockWebServer's fault list, for XFER). */
    enum Abort {
        /** The client closes normally (FIN). */
        CLOSE,
        /** The client aborts with a reset (RST). */
        RESET,
        /** The client goes silent until the idle timeout. */
        IDLE
    }

    @TempDir
    Path work;

    static Stream<Arguments> cases() {
        return Stream.of(Abort.values()).flatMap(abort -> Stream.of(
                Arguments.of(abort, false), Arguments.of(abort, true)));
    }

    @ParameterizedTest(name = "{0}, existing file: {1}")
    @MethodSource("cases")
    @DisplayName("XFER-STORE-04, XFER-STORE-05: a connection ending mid-payload leaves the name as it was and no temporary file")
    void abortMidPayload(Abort abort, boolean existing) throws Exception {
        Path storage = Files.createDirectories(TestServers.storage(work));
        byte[] old = TestFiles.randomBytes(5_000, 1);
        if (existing) {
            Files.write(storage.resolve(NAME), old);
        }
        byte[] payload = TestFiles.randomBytes(SIZE, 2);
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log())
                .withIdleTimeout(Duration.ofMillis(400)))) {
            RawConnection connection = RawConnection.open(server.port());
            try {
                connection.send(RawConnection.header(NAME, SIZE));
                assertThat(connection.readLine()).isEqualTo("READY");
                connection.send(Arrays.copyOf(payload, SENT));
                Await.until(Duration.ofSeconds(5), SENT + " octets in the temporary file",
                        () -> TestServers.partSize(work) == SENT);
                switch (abort) {
                    case CLOSE -> connection.close();
                    case RESET -> connection.reset();
                    case IDLE -> {
                        assertThat(connection.readLine()).isEqualTo("ERROR 408 idle timeout after 400 ms");
                        assertThat(connection.readUntilEof()).isEmpty();
                    }
                }
            } finally {
                connection.close();
            }
            TestServers.awaitQuiet(server);
            if (existing) {
                TestServers.assertNoTrace(work, NAME);
                assertThat(storage.resolve(NAME)).hasBinaryContent(old);
            } else {
                TestServers.assertNoTrace(work);
            }
            TestServers.assertStillServes(server, work);
        }
    }
}
