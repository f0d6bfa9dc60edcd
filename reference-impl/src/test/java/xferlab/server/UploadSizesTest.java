package xferlab.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import xferlab.client.ProgressListener;
import xferlab.client.UploadResult;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * Level 1: the reference client uploads to the reference server, in process, over
 * loopback; the stored file must equal the source octet for octet and both sides
 * must agree on its SHA-256 (the CS144 boundary sizes around 64 KiB, the server's
 * and the client's buffer size).
 */
@Timeout(value = 60, unit = SECONDS)
class UploadSizesTest {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path work;

    private void assertRoundTrip(long size, String name) throws Exception {
        Path source = TestFiles.randomFile(work.resolve("source").resolve(name), size, size);
        TestServers.Log log = new TestServers.Log();
        try (XferServer server = XferServer.start(TestServers.config(work, log))) {
            UploadResult result = TestServers.client(server).upload(source, name, ProgressListener.NONE);

            String expected = TestFiles.sha256(source);
            assertThat(result).isEqualTo(new UploadResult(name, size, expected));
            Path stored = TestServers.storage(work).resolve(name);
            assertThat(Files.size(stored)).isEqualTo(size);
            assertThat(Files.mismatch(source, stored)).as("first differing octet").isEqualTo(-1L);
            assertThat(TestFiles.sha256(stored)).isEqualTo(expected);
            TestServers.awaitQuiet(server);
            TestServers.assertNoTrace(work, name);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("stored").contains(expected));
        }
    }

    @ParameterizedTest(name = "{0} octets")
    @ValueSource(longs = {0, 1, 2, 65_535, 65_536, 65_537, 200_000, 1_000_000})
    @DisplayName("XFER-UP-02, XFER-UP-03, XFER-CLI-02, XFER-CLI-04: a file of a boundary size is stored exactly, with its digest")
    void boundarySizes(long size) throws Exception {
        assertRoundTrip(size, "boundary-" + size + ".bin");
    }

    @Test
    @DisplayName("XFER-UP-02: a 50 MiB file of random octets is stored exactly")
    void fiftyMebibytes() throws Exception {
        assertRoundTrip(50L * 1024 * 1024, "fifty.bin");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "a", "résumé.pdf", "日本語.txt", "😀 emoji.png", "...", ".hidden", "a..b", " spaced name ",
        "a:b*c?d<e>f|g", "-rf"})
    @DisplayName("XFER-NAME-01, XFER-STORE-01: every valid name is stored under exactly that name, inside the storage directory")
    void storedUnderExactlyTheName(String name) throws Exception {
        Path source = TestFiles.randomFile(work.resolve("source").resolve("payload"), 1000, 7);
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            TestServers.client(server).upload(source, name, ProgressListener.NONE);
            TestServers.awaitQuiet(server);
            TestServers.assertNoTrace(work, name);
            assertThat(TestServers.storage(work).resolve(name)).hasSameBinaryContentAs(source);
        }
    }

    @Test
    @DisplayName("XFER-NAME-01: names of exactly 255 octets are stored, ASCII and multi-octet")
    void longestNames() throws Exception {
        Path source = TestFiles.randomFile(work.resolve("source").resolve("payload"), 10, 8);
        String ascii = "n".repeat(255);
        String cjk = "日".repeat(85);
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            TestServers.client(server).upload(source, ascii, ProgressListener.NONE);
            TestServers.client(server).upload(source, cjk, ProgressListener.NONE);
            TestServers.awaitQuiet(server);
            TestServers.assertNoTrace(work, ascii, cjk);
        }
    }

}
