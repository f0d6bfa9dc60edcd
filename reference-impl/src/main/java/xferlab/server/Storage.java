package xferlab.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

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

    /** Octets that can still be written where uploads land. */
    public long freeSpace() throws IOException {
        return Files.getFileStore(tempDir).getUsableSpace();
    }

    /** Starts an upload of {@code name}, which must already be a valid name. */
    public Upload begin(String name) throws IOException {
        Path target;
        try {
            target = storageDir.resolve(name);
        } catch (InvalidPathException e) {
            // Java maps names through the file-name encoding of its locale; under a
            // non-UTF-8 locale (LANG=C) some valid XFER names cannot be represented.
            throw new IOException("the name cannot be represented here: " + e.getMessage(), e);
        }
        // Defence in depth: the name rules already keep the target inside the
        // storage directory; check anyway, since a mistake here writes anywhere.
        if (!storageDir.equals(target.normalize().getParent())) {
            throw new IOException("refusing to write outside the storage directory: " + target);
        }
        // Not Files.createTempFile: it makes files readable by their owner only, and
        // the stored file keeps the mode of its temporary file.
        Path temp = tempDir.resolve("upload-" + UUID.randomUUID() + TEMP_SUFFIX);
        return new Upload(temp, target, FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** One upload in progress: write octets, then {@link #commit()} or {@link #close()}. */
    public final class Upload implements AutoCloseable {
        private final Path temp;
        private final Path target;
        private final FileChannel channel;
        private boolean committed;

        private Upload(Path temp, Path target, FileChannel channel) {
            this.temp = temp;
            this.target = target;
            this.channel = channel;
        }

        /** Writes octets to the temporary file, never under the upload's name (XFER-STORE-02). */
        public void write(byte[] octets, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(octets, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        /**
         * Makes the upload visible under its name: flush to disk, rename over the
         * old file, then flush the directory so that the rename survives a crash
         * (XFER-STORE-03: OK only once the octets would survive a power cut).
         */
        public void commit() throws IOException {
            channel.force(true);
            channel.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
            syncDirectory(storageDir);
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

    private static void syncDirectory(Path dir) {
        // Opening a directory to fsync it works on Linux and macOS; other systems
        // refuse, and there the rename is as durable as the system makes it.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort, see above
        }
    }
}
