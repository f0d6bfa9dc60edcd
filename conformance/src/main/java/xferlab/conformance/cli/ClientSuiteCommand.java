package xferlab.conformance.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xferlab.conformance.run.SuiteRun;
import xferlab.conformance.target.ClientTarget;
import xferlab.conformance.target.ContainerClientTarget;
import xferlab.conformance.target.ContainerSpec;
import xferlab.conformance.target.EmbeddedClientTarget;
import xferlab.conformance.target.LaunchedClientTarget;

@Command(name = "client",
        description = "Runs the client suite: the suite plays the server, correct or misbehaving on purpose, and "
            + "checks what the client sends and how it ends. For each case it starts the client once. "
            + "With no --launch or --image, it runs the bundled reference client.",
        footer = {
            "  java -jar xfer-conformance.jar client",
            "  java -jar xfer-conformance.jar client --launch 'python3 client.py {host} {port} {file} --timeout {timeout}'",
            "  java -jar xfer-conformance.jar client --image student-client:latest",
            "  java -jar xfer-conformance.jar client --launch '...' --only XFER-CLI-03 --verbose"},
        exitCodeList = {
            SuiteCommand.EXIT_PASSED,
            "1:a case failed or timed out (a client that outlives its bound is killed: \"hung\")",
            "2:usage error, or no Docker engine for --image"})
final class ClientSuiteCommand extends SuiteCommand {
    static final String CASES = "xferlab.conformance.cases.client";

    @CommandLine.ArgGroup(exclusive = true)
    TargetOptions targetOptions = new TargetOptions();

    static final class TargetOptions {
        @Option(names = "--launch", paramLabel = "CMD",
                description = "Run the client as sh -c CMD for each case, after replacing {host}, {port}, {file} "
                        + "and {timeout} (each replaced by one shell word: do not quote them).")
        String launch;

        @CommandLine.ArgGroup(exclusive = false)
        ImageOptions image;
    }

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "2",
            description = "The timeout in seconds the client is told to use, as {timeout} (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    ClientSuiteCommand() {
        super("client", CASES);
    }

    @Override
    ImageOptions image() {
        return targetOptions.image;
    }

    @Override
    void checkTargetOptions() {
        if (timeoutSeconds < 1) {
            throw usageError("--timeout must be at least 1");
        }
    }

    @Override
    int run(SuiteRun run, Path work, ContainerSpec image) throws IOException {
        ClientTarget client = image != null ? new ContainerClientTarget(image)
                : targetOptions.launch != null ? new LaunchedClientTarget(targetOptions.launch, work)
                : new EmbeddedClientTarget();
        return run.againstClient(client, Duration.ofSeconds(timeoutSeconds));
    }

    /** The options a rerun must repeat for the client to run as it ran. */
    @Override
    RerunLine withTargetOptions(RerunLine line) {
        return line.option("--launch", targetOptions.launch)
                .option("--timeout", timeoutSeconds != 2 ? timeoutSeconds : null);
    }
}
