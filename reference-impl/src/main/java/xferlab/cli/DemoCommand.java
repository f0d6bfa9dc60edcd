package xferlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import xferlab.client.ProgressListener;
import xferlab.client.UploadFailedException;
import xferlab.client.UploadResult;
import xferlab.client.XferClient;
import xferlab.server.ServerConfig;
import xferlab.server.XferServer;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Shows one upload end to end, on this machine.",
            "Starts a server on a free loopback port with a temporary storage directory,",
            "uploads a small file with the client, checks the stored copy and cleans up.",
            "Exit status 0 when the stored copy equals the original."})
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("xfer-demo-");
        try {
            Path storage = work.resolve("storage");
            Path file = work.resolve("hello.txt");
            Files.writeString(file, "Hello, XFER!\n", StandardCharsets.UTF_8);
            ServerConfig config = ServerConfig.defaults(storage)
                    .withLog(line -> System.out.println("  server log: " + line));
            try (XferServer server = XferServer.start(config)) {
                System.out.println("server listening on 127.0.0.1:" + server.port() + ", storing in " + storage);
                System.out.println("client uploads " + file + " (" + Files.size(file) + " octets)");
                UploadResult result = new XferClient("127.0.0.1", server.port(), Duration.ofSeconds(10))
                        .upload(file, file.getFileName().toString(), ProgressListener.NONE);
                server.awaitQuiet(Duration.ofSeconds(10));
                System.out.println("client: stored " + result.name() + ", sha256 " + result.digest());
                boolean same = Files.mismatch(file, storage.resolve(result.name())) == -1;
                System.out.println(same ? "the stored copy equals the original" : "THE STORED COPY DIFFERS");
                return same ? 0 : 1;
            } catch (UploadFailedException e) {
                System.err.println("xfer demo: upload failed: " + e.getMessage());
                return 1;
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        // The temporary directory of the storage lies beside it, inside root too.
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
