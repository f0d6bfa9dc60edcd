package xferlab.conformance.cases.server;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import xferlab.conformance.cases.Case;
import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Exchange;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.SuiteExtension;
import xferlab.conformance.cases.Violation;
import xferlab.conformance.fault.Fault;

@Section("§7 Storage")
@Order(8)
@ExtendWith(SuiteExtension.class)
class StorageCases {

    @Test
    @Case("upload-in-progress-is-invisible")
    @Covers({"XFER-STORE-05", "XFER-STORE-03"})
    @DisplayName("while an upload is in progress, nothing new appears in the storage directory")
    void uploadInProgressIsInvisible(ServerUnderTest server) throws IOException {
        Path storage = server.storage();
        Set<String> before = names(storage);
        String name = Wire.uniqueName(server, "in-progress");
        byte[] payload = Wire.randomOctets(server.random(), 200_000);
        try (Exchange upload = server.connect("upload in progress")) {
            upload.startUpload(name, payload.length);
            upload.send(payload, 0, payload.length / 2);
            // The server has sent READY and receives half the payload: whatever it writes
            // now must live outside the storage directory. Watch for a while.
            Set<String> during = watch(storage, before, java.time.Duration.ofMillis(500));
            if (!during.isEmpty()) {
                throw Violation.of(during.contains(name) ? "XFER-STORE-03" : "XFER-STORE-05")
                        .expected("no new entry in the storage directory before the upload completes")
                        .actual("found " + during + " while half of the payload had been sent")
                        .hint("a file that appears before it is complete can be read half-written, and stays "
                                + "half-written if the client vanishes: write to a temporary file outside the "
                                + "storage directory, then rename it into place")
                        .build();
            }
            upload.send(payload, payload.length / 2, payload.length - payload.length / 2);
            upload.expectOk(payload).citingStep("XFER-UP-03").because("OK is due after the payload");
        }
    }

    @Test
    @Case("file-is-complete-when-ok-arrives")
    @Covers({"XFER-STORE-02"})
    @DisplayName("when OK arrives, the whole file is already in place under its name")
    void fileIsCompleteWhenOkArrives(ServerUnderTest server) throws IOException {
        Path storage = server.storage();
        String name = Wire.uniqueName(server, "complete");
        byte[] payload = Wire.randomOctets(server.random(), 2 * 1024 * 1024);
        try (Exchange upload = server.connect("upload read back at OK")) {
            upload.startUpload(name, payload.length).finishUpload(payload);
            // Read at once: OK promises the file is complete and in place.
            byte[] now = Files.exists(storage.resolve(name)) ? Files.readAllBytes(storage.resolve(name)) : null;
            if (now == null || !Arrays.equals(now, payload)) {
                throw Violation.of("XFER-STORE-02")
                        .expected("the complete file of " + payload.length + " octets when OK arrives")
                        .actual(now == null ? "no file yet" : now.length + " octets, not the payload")
                        .hint("finish writing, flush (fsync) and rename before sending OK: the client takes OK as "
                                + "the promise that the file is safe")
                        .build();
            }
        }
    }

    @Test
    @Case("replace-is-atomic")
    @Covers({"XFER-STORE-03"})
    @DisplayName("a file being replaced reads as the old or the new content, never a mix")
    void replaceIsAtomic(ServerUnderTest server) throws IOException {
        Path storage = server.storage();
        String name = Wire.uniqueName(server, "replace");
        byte[] old = new byte[256 * 1024];
        Arrays.fill(old, (byte) 'o');
        byte[] fresh = new byte[256 * 1024];
        Arrays.fill(fresh, (byte) 'n');
        Wire.upload(server, name, old);
        Path file = storage.resolve(name);
        try (Exchange upload = server.connect("replacing upload, sent in slices")) {
            upload.startUpload(name, fresh.length);
            int slice = fresh.length / 16;
            upload.inject(Fault.RESEGMENT, "the payload in 16 slices, the file read between slices");
            for (int at = 0; at < fresh.length; at += slice) {
                upload.send(fresh, at, slice);
                checkWhole(file, old, fresh);
            }
            upload.expectOk(fresh).citingStep("XFER-UP-03").because("OK is due after the payload");
        }
        Wire.assertStored(server, name, fresh);
    }

    private static void checkWhole(Path file, byte[] old, byte[] fresh) throws IOException {
        byte[] seen;
        try {
            seen = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw Violation.of("XFER-STORE-03")
                    .expected("the name always holds the old or the new content")
                    .actual("the file was missing while being replaced")
                    .hint("do not delete the old file first: rename the complete new file over it")
                    .build();
        }
        if (!Arrays.equals(seen, old) && !Arrays.equals(seen, fresh)) {
            throw Violation.of("XFER-STORE-03")
                    .expected("the old " + old.length + " octets or the new " + fresh.length)
                    .actual(seen.length + " octets, a mix or a part (a reader saw the file being written)")
                    .hint("write the new content to a temporary file and rename it over the old one: a rename "
                            + "within one file system is atomic")
                    .build();
        }
    }

    @Test
    @Case("crash-mid-upload-keeps-the-previous-content")
    @Covers({"XFER-STORE-06"})
    @DisplayName("a server killed mid-upload and restarted keeps the old content and no temporary file")
    void crashMidUploadKeepsThePreviousContent(ServerUnderTest server) throws IOException {
        server.requireControl();
        Path storage = server.storage();
        String name = Wire.uniqueName(server, "crash");
        byte[] old = Wire.randomOctets(server.random(), 5000);
        Wire.upload(server, name, old);
        Set<String> before = names(storage);
        byte[] payload = Wire.randomOctets(server.random(), 300_000);
        try (Exchange upload = server.connect("upload cut by a crash")) {
            upload.startUpload(name, payload.length);
            upload.send(payload, 0, 150_000);
            server.kill(upload, "the server is killed (SIGKILL) after octet 150000 of " + payload.length
                    + " of the payload");
        }
        server.restartAfterKill();
        Wire.upload(server, Wire.uniqueName(server, "after-crash"), new byte[] {'!'});
        byte[] now = Files.exists(storage.resolve(name)) ? Files.readAllBytes(storage.resolve(name)) : null;
        if (now == null || !Arrays.equals(now, old)) {
            throw Violation.of("XFER-STORE-06")
                    .expected("\"" + name + "\" holds its previous " + old.length + " octets after the crash")
                    .actual(now == null ? "the file is gone" : "it holds " + now.length + " other octets")
                    .hint("never write into the final name: a crash leaves whatever was written so far")
                    .build();
        }
        Set<String> extra = names(storage);
        extra.removeAll(before);
        extra.removeIf(n -> n.startsWith("after-crash-"));
        if (!extra.isEmpty()) {
            throw Violation.of("XFER-STORE-06")
                    .expected("no temporary file in the storage directory after the restart")
                    .actual("found " + extra)
                    .hint("keep temporary files outside the storage directory, and remove stale ones at start-up")
                    .build();
        }
    }

    /**
     * Looks at the directory until a name not in {@code before} appears or the time
     * is up; returns the new names (empty if none appeared). A bounded observation:
     * absence can only be watched for, not waited on.
     */
    private static Set<String> watch(Path dir, Set<String> before, java.time.Duration duration) throws IOException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (true) {
            Set<String> now = names(dir);
            now.removeAll(before);
            if (!now.isEmpty() || System.nanoTime() > deadline) {
                return now;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // polling pace, not a wait for an event
        }
    }

    static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new HashSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
