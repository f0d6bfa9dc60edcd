package xferlab.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import xferlab.protocol.ErrorCode;
import xferlab.protocol.XferException;

/**
 * Where uploads are written, and the rule that a file appears complete or not at
 * all (XFER-STORE-02 to XFER-STORE-06).
 *
 * <p>The naive way, {@code open(dir/name, "w")} and write as octets arrive, leaves a
 * half file whenever a client vanishes or the server crashes, and lets a reader see
 * a file while it is being written. Instead each upload goes to its own temporary
 * file outside the storage directory; only when all octets are in and flushed to
 * disk is it renamed to its name. A rename within one file system is atomic: the
 * name points at the old file or the new one, never at a mix.
 */
public final class Storage {
    private static final String TEMP_SUFFIX = ".part";
    /**
     * How much an upload writes before it starts the disk writing in the background.
     * Without it the kernel keeps a whole large upload in memory and writes it only
     * at commit: the client then waits for the disk after the last octet, for about
     * as long as the network took. Measured in the README: 32 MiB pays off, and an
     * upload that fits below it (most) never starts a thread.
     */
    private static final long EARLY_FLUSH_OCTETS = 32L * 1024 * 1024;

    private final Path storageDir;
    private final Path tempDir;

    /**
     * Opens the storage, creating both directories if needed and deleting temporary
     * files a crashed run left behind.
     *
     * @throws IOException if a directory cannot be made, or the two directories are
     *                     on different file systems (then the rename could not be atomic)
     */
    public Storage(Path storageDir, Path tempDir) throws IOException {
        this.storageDir = Files.createDirectories(storageDir).toRealPath();
        this.tempDir = Files.createDirectories(tempDir).toRealPath();
        if (this.tempDir.startsWith(this.storageDir)) {
            throw new IOException("the temporary directory " + this.tempDir
                    + " must not be inside the storage directory " + this.storageDir);
        }
        if (!Files.getFileStore(this.storageDir).equals(Files.getFileStore(this.tempDir))) {
            throw new IOException("the temporary directory " + this.tempDir
                    + " must be on the same file system as " + this.storageDir);
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.tempDir, "*" + TEMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    public Path storageDir() {
        return storageDir;
    }

    /**
     * Starts an upload of {@code size} octets under {@code name}, which must already
     * be a valid name.
     *
     * @throws XferException {@code ERROR 413} if the size is above the free space,
     *                       {@code ERROR 500} if the temporary file cannot be made
     */
    public Upload begin(String name, long size) throws XferException {
        try {
            long free = Files.getFileStore(tempDir).getUsableSpace();
            if (size > free) {
                throw new XferException(ErrorCode.TOO_LARGE, "size is above the free space of " + free + " octets");
            }
            Path target = storageDir.resolve(name);
            // Defence in depth: the name rules already keep the target inside the
            // storage directory; check anyway, since a mistake here writes anywhere.
            if (!storageDir.equals(target.normalize().getParent())) {
                throw new IOException("refusing to write outside the storage directory: " + target);
            }
            return new Upload(target);
        } catch (IOException | InvalidPathException e) {
            // InvalidPathException: Java maps names through the file-name encoding of
            // its locale; under a non-UTF-8 locale (LANG=C) some valid names cannot be made.
            throw failure(e);
        }
    }

    /**
     * Every storage problem is {@code ERROR 500} (XFER-ERR-02): the details go to the
     * log, as the cause; the client learns only that storing failed.
     */
    private static XferException failure(Exception cause) {
        return new XferException(ErrorCode.STORAGE_FAILURE, "storage failure", cause);
    }

    /** One upload in progress: write octets, then {@link #commit()} or {@link #close()}. */
    public final class Upload implements AutoCloseable {
        // Not Files.createTempFile: it makes files readable by their owner only, and
        // the stored file keeps the mode of its temporary file.
        private final Path temp = tempDir.resolve("upload-" + UUID.randomUUID() + TEMP_SUFFIX);
        private final FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        private final OutputStream out = Channels.newOutputStream(channel);
        private final Path target;
        private boolean committed;
        private long unflushed;
        private Thread flusher;

        private Upload(Path target) throws IOException {
            this.target = target;
        }

        /** Writes octets to the temporary file, never under the upload's name (XFER-STORE-02). */
        public void write(byte[] octets, int offset, int length) throws XferException {
            try {
                out.write(octets, offset, length);
            } catch (IOException e) {
                throw failure(e);
            }
            // On a thread of its own, because force() blocks until the disk is done,
            // and meanwhile the socket must go on being read. At most one at a time.
            if ((unflushed += length) >= EARLY_FLUSH_OCTETS && (flusher == null || !flusher.isAlive())) {
                unflushed = 0;
                flusher = new Thread(() -> {
                    try {
                        channel.force(false);
                    } catch (IOException e) {
                        // nothing depends on it: commit flushes everything again, and reports failures
                    }
                }, "xfer-early-flush");
                flusher.start();
            }
        }

        /**
         * Makes the upload visible under its name: flush to disk, rename over the
         * old file, then flush the directory so that the rename survives a crash
         * (XFER-STORE-03: OK only once the octets would survive a power cut).
         */
        public void commit() throws XferException {
            try {
                channel.force(true);
                channel.close();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw failure(e);
            }
            committed = true;
            // Opening a directory to fsync it works on Linux and macOS; other systems
            // refuse, and there the rename is as durable as the system makes it.
            try (FileChannel directory = FileChannel.open(storageDir, StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // best effort, see above
            }
        }

        /** Discards the upload unless it was committed: the name keeps its old content. */
        @Override
        public void close() throws IOException {
            if (!committed) {
                channel.close();
                Files.deleteIfExists(temp);
            }
        }
    }
}
