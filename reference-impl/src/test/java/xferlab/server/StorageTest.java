package xferlab.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.testing.RawConnection;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/** Where uploads are written, and what a restart cleans up (XFER-STORE-02..06). */
@Timeout(value = 30, unit = SECONDS)
class StorageTest {
    @TempDir
    Path work;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("XFER-STORE-06: a leftover temporary file is removed when a new server starts; stored files stay")
    void restartRemovesLeftoverTemporaryFiles() throws Exception {
        Path storage = TestServers.storage(work);
        Path temp = TestServers.temp(work);
        try (XferServer first = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            TestServers.assertStillServes(first, work);
        }
        // What a server killed mid-upload leaves behind.
        Files.write(temp.resolve("upload-1234567890.part"), TestFiles.randomBytes(5000, 1));
        Files.write(temp.resolve("upload-42.part"), new byte[0]);

        try (XferServer second = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            assertThat(TestFiles.listing(temp)).isEmpty();
            assertThat(TestFiles.listing(storage)).containsExactly("still-serving.bin");
            TestServers.assertStillServes(second, work);
        }
    }

    @Test
    @DisplayName("XFER-STORE-06: leftovers are removed even before the first server ever ran on the directory")
    void leftoversBeforeFirstStart() throws Exception {
        Path temp = Files.createDirectories(TestServers.temp(work));
        Files.write(temp.resolve("upload-7.part"), utf8("half"));
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            assertThat(TestFiles.listing(temp)).isEmpty();
            TestServers.assertStillServes(server, work);
        }
    }

    @Test
    @DisplayName("XFER-STORE-05: a temporary directory inside the storage directory is refused at start")
    void tempDirInsideStorageIsRefused() {
        Path storage = TestServers.storage(work);
        assertThatThrownBy(() -> new Storage(storage, storage.resolve("tmp")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("must not be inside the storage directory");
    }

    @Test
    @DisplayName("XFER-STORE-04: an upload closed without commit leaves the name as it was and no temporary file")
    void uncommittedUploadLeavesNoTrace() throws Exception {
        Path storage = TestServers.storage(work);
        Storage store = new Storage(storage, TestServers.temp(work));
        Files.writeString(storage.resolve("doc.txt"), "old");
        try (Storage.Upload upload = store.begin("doc.txt", 11)) {
            upload.write(utf8("new content"), 0, 11);
        }
        assertThat(storage.resolve("doc.txt")).hasContent("old");
        TestServers.assertNoTrace(work, "doc.txt");
    }

    @Test
    @DisplayName("XFER-STORE-02/03: a committed upload replaces the old file in one step")
    void commitReplaces() throws Exception {
        Path storage = TestServers.storage(work);
        Storage store = new Storage(storage, TestServers.temp(work));
        Files.writeString(storage.resolve("doc.txt"), "old");
        try (Storage.Upload upload = store.begin("doc.txt", 11)) {
            upload.write(utf8("xnew contentx"), 1, 11);
            assertThat(storage.resolve("doc.txt")).as("before commit").hasContent("old");
            upload.commit();
        }
        assertThat(storage.resolve("doc.txt")).hasContent("new content");
        TestServers.assertNoTrace(work, "doc.txt");
    }

    @Test
    @DisplayName("XFER-STORE-02/03: an upload large enough to be flushed early is stored intact, and only at commit")
    void earlyFlushedUploadIsIntact() throws Exception {
        Path storage = TestServers.storage(work);
        Storage store = new Storage(storage, TestServers.temp(work));
        byte[] content = TestFiles.randomBytes(EARLY_FLUSHED, 14);
        int firstPart = 33 * 1024 * 1024;
        try (Storage.Upload upload = store.begin("large.bin", content.length)) {
            writeInPieces(upload, Arrays.copyOf(content, firstPart));
            // The flush of the first 32 MiB has started; once it is over, the upload
            // must still take octets (a flush that closed the file would fail here).
            awaitNoEarlyFlush();
            writeInPieces(upload, Arrays.copyOfRange(content, firstPart, content.length));
            assertThat(storage.resolve("large.bin")).as("before commit").doesNotExist();
            upload.commit();
        }
        assertThat(storage.resolve("large.bin")).hasBinaryContent(content);
        TestServers.assertNoTrace(work, "large.bin");
    }

    @Test
    @DisplayName("XFER-STORE-04: an upload abandoned while its early flush may still run leaves no trace")
    void abandonedDuringEarlyFlushLeavesNoTrace() throws Exception {
        Path storage = TestServers.storage(work);
        Storage store = new Storage(storage, TestServers.temp(work));
        Files.writeString(storage.resolve("large.bin"), "old");
        try (Storage.Upload upload = store.begin("large.bin", EARLY_FLUSHED + 1)) {
            writeInPieces(upload, TestFiles.randomBytes(EARLY_FLUSHED, 15));
        }
        assertThat(storage.resolve("large.bin")).hasContent("old");
        TestServers.assertNoTrace(work, "large.bin");
    }

    /** Above the 32 MiB at which an upload starts flushing in the background. */
    private static final int EARLY_FLUSHED = 40 * 1024 * 1024;

    /** Waits (within the test's timeout) until no early flush thread runs. */
    private static void awaitNoEarlyFlush() throws InterruptedException {
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("xfer-early-flush"))) {
            Thread.sleep(10); // polling: a finished thread signals nobody
        }
    }

    private static void writeInPieces(Storage.Upload upload, byte[] content) throws Exception {
        for (int offset = 0; offset < content.length; offset += 64 * 1024) {
            upload.write(content, offset, Math.min(64 * 1024, content.length - offset));
        }
    }

    @Test
    @DisplayName("XFER-UP-01, XFER-ERR-02: when the temporary directory has vanished, a valid header still gets an ERROR reply")
    void vanishedTempDirGetsAnErrorReply() throws Exception {
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            // An administrator's clean-up of hidden directories, say.
            TestFiles.deleteTree(TestServers.temp(work));
            try (RawConnection connection = RawConnection.open(server.port())) {
                connection.send(RawConnection.header("after-cleanup.txt", 5));
                String reply = readReplyOrEof(connection);
                assertThat(reply).as("reply to a valid header").isEqualTo("ERROR 500 storage failure");
            }
        }
    }

    @Test
    @DisplayName("XFER-ERR-02, XFER-CLI-03: when no temporary file can be made, the client hears 500 instead of READY")
    void noTemporaryFileMeansErrorBeforeReady() throws Exception {
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            // A file where the temporary directory should be: free space can still be
            // asked of it, but no temporary file can be created in it (root ignores
            // permissions, so a read-only directory would not do).
            Path temp = TestServers.temp(work);
            TestFiles.deleteTree(temp);
            Files.writeString(temp, "not a directory");
            try (RawConnection connection = RawConnection.open(server.port())) {
                connection.send(RawConnection.header("no-temp.txt", 5));
                assertThat(readReplyOrEof(connection)).isEqualTo("ERROR 500 storage failure");
                assertThat(connection.readUntilEof()).isEmpty();
            }
            assertThat(TestFiles.listing(TestServers.storage(work))).isEmpty();
        }
    }

    private static String readReplyOrEof(RawConnection connection) throws IOException {
        try {
            return connection.readLine();
        } catch (java.io.EOFException e) {
            return "(connection closed without a reply)";
        }
    }
}
