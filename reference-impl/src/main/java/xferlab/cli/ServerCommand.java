package xferlab.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xferlab.protocol.Limits;
import xferlab.server.ServerConfig;
import xferlab.server.XferServer;

@Command(name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Serves XFER uploads into a storage directory until stopped.",
            "Stop it with Ctrl-C (or SIGTERM); uploads in progress are then discarded.",
            "Uploads in progress are written to a temporary directory beside the storage",
            "directory (DIR gets .DIR.xfer-tmp) and renamed into place once complete and",
            "flushed to disk. Logs one line per connection to standard error."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:stopped",
            "1:the server could not start (port in use, directory not writable)",
            "2:usage error"})
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + Limits.DEFAULT_PORT,
            description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "Storage directory; created if missing.")
    Path dir;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; "
                    + "0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--idle-timeout", paramLabel = "S", defaultValue = "30",
            description = "Close a connection that sends nothing for S seconds (default: ${DEFAULT-VALUE}).")
    long idleTimeoutSeconds;

    @Option(names = "--max-size", paramLabel = "BYTES", defaultValue = "" + Long.MAX_VALUE,
            description = "Refuse larger uploads with ERROR 413 (default: no limit but the free space).")
    long maxSize;

    @Option(names = "--temp-dir", paramLabel = "DIR",
            description = "Where uploads in progress go; outside the storage directory, "
                    + "on the same file system (default: beside it).")
    Path tempDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (idleTimeoutSeconds < 1 || maxSize < 0 || port < 0 || port > 65535) {
            System.err.println("xfer server: --idle-timeout must be at least 1, --max-size at least 0, "
                    + "--port 0 to 65535");
            return 2;
        }
        String nameEncoding = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (!nameEncoding.equalsIgnoreCase("UTF-8")) {
            // XFER names are UTF-8; under another locale Java cannot create some of them,
            // and a server that refuses valid names does not conform (XFER-NAME-01).
            System.err.println("xfer server: this Java maps file names through " + nameEncoding
                    + ", not UTF-8, so it cannot store every XFER name; start it under a UTF-8 locale, "
                    + "for example: LANG=C.UTF-8 java -jar xfer.jar server ...");
            return 1;
        }
        ServerConfig config = new ServerConfig(InetAddress.getByName(bind), port, dir,
                tempDir != null ? tempDir : ServerConfig.defaultTempDir(dir), Duration.ofSeconds(idleTimeoutSeconds),
                maxSize, line -> System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line));
        XferServer server;
        try {
            server = XferServer.start(config);
        } catch (IOException e) {
            System.err.println("xfer server: cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "xfer-shutdown"));
        System.err.println("xfer server listening on " + bind + ":" + server.port()
                + ", storing in " + server.storageDir());
        server.join();
        return 0;
    }
}
