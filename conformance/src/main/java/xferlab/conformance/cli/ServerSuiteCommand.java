package xferlab.conformance.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xferlab.conformance.run.SuiteRun;
import xferlab.conformance.target.ConnectedTarget;
import xferlab.conformance.target.ContainerSpec;
import xferlab.conformance.target.ContainerTarget;
import xferlab.conformance.target.EmbeddedTarget;
import xferlab.conformance.target.LaunchedTarget;
import xferlab.conformance.target.Ports;
import xferlab.conformance.target.Target;

@Command(name = "server",
        description = "Runs the server suite: the suite plays the client, careful or careless, and checks every "
            + "answer against the spec. With no target, it runs against the bundled reference server.",
        footer = {
            "  java -jar xfer-conformance.jar server",
            "  java -jar xfer-conformance.jar server --launch 'python3 server.py --port {port} --dir {dir} --idle-timeout {idle}'",
            "  java -jar xfer-conformance.jar server --connect 127.0.0.1:5001 --dir ./storage --idle 30",
            "  java -jar xfer-conformance.jar server --image student-server:latest",
            "  java -jar xfer-conformance.jar server --launch '...' --only XFER-NAME-02 --verbose"},
        exitCodeList = {
            SuiteCommand.EXIT_PASSED,
            "1:a case failed or timed out, or the target never accepted a connection",
            "2:usage error, the --launch command or --image could not be started, or no Docker engine for --image"})
final class ServerSuiteCommand extends SuiteCommand {
    static final String CASES = "xferlab.conformance.cases.server";

    @CommandLine.ArgGroup(exclusive = true)
    TargetOptions targetOptions = new TargetOptions();

    static final class TargetOptions {
        @Option(names = "--launch", paramLabel = "CMD",
                description = "Start the server as sh -c CMD, in this directory, after replacing "
                        + "{port}, {dir} (a fresh storage directory) and {idle}.")
        String launch;

        @Option(names = "--connect", paramLabel = "HOST:PORT", description = "Test a server that is already running.")
        String connect;

        @CommandLine.ArgGroup(exclusive = false)
        ImageOptions image;
    }

    @Option(names = "--dir", paramLabel = "DIR",
            description = "With --connect: the server's storage directory, for the checks of stored files.")
    Path dir;

    @Option(names = "--port", paramLabel = "PORT",
            description = "With --launch or --image: the port for {port} (default: a free one).")
    Integer port;

    @Option(names = "--idle", paramLabel = "S", defaultValue = "2",
            description = "The server's idle timeout in seconds: passed as {idle} with --launch or --image, "
                    + "assumed with --connect (default: ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Option(names = "--start-timeout", paramLabel = "S", defaultValue = "15",
            description = "How long a launched server (or its container) may take to accept its first connection "
                    + "(default: ${DEFAULT-VALUE}).")
    long startTimeoutSeconds;

    ServerSuiteCommand() {
        super("server", CASES);
    }

    @Override
    ImageOptions image() {
        return targetOptions.image;
    }

    @Override
    void checkTargetOptions() {
        if (idleSeconds < 1) {
            throw usageError("--idle must be at least 1");
        }
    }

    @Override
    int run(SuiteRun run, Path work, ContainerSpec image) throws IOException {
        Duration idle = Duration.ofSeconds(idleSeconds);
        try (Target target = target(work, idle, image)) {
            return run.againstServer(target, idle);
        }
    }

    private Target target(Path work, Duration idle, ContainerSpec image) {
        Path storage = work.resolve("storage");
        if (image != null) {
            // The container sees the storage directory's parent: give it one that holds nothing else.
            int chosen = port != null ? port : Ports.free();
            return new ContainerTarget(image, work.resolve("mounted").resolve("storage"), chosen, port != null, idle,
                    Duration.ofSeconds(startTimeoutSeconds), work.resolve("server-output.log"));
        }
        if (targetOptions.launch != null) {
            int chosen = port != null ? port : Ports.free();
            return new LaunchedTarget(targetOptions.launch, storage, chosen, port != null, idle,
                    Duration.ofSeconds(startTimeoutSeconds), work.resolve("server-output.log"));
        }
        if (targetOptions.connect != null) {
            return new ConnectedTarget(parseAddress(targetOptions.connect), dir);
        }
        return new EmbeddedTarget(storage, idle, port != null ? port : 0);
    }

    private InetSocketAddress parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        try {
            String host = text.substring(0, colon).replace("[", "").replace("]", "");
            return new InetSocketAddress(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw usageError("--connect wants HOST:PORT, not " + text);
        }
    }

    /** The options a rerun must repeat for the server to run as it ran. */
    @Override
    RerunLine withTargetOptions(RerunLine line) {
        return line.option("--launch", targetOptions.launch)
                .option("--connect", targetOptions.connect)
                .option("--dir", dir)
                .option("--port", port)
                .option("--idle", idleSeconds != 2 ? idleSeconds : null)
                .option("--start-timeout", startTimeoutSeconds != 15 ? startTimeoutSeconds : null);
    }
}
