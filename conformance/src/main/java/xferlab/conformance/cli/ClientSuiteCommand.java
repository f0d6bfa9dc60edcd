package xferlab.conformance.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.cases.Timing;
import xferlab.conformance.report.ConsoleReport;
import xferlab.conformance.run.SuiteRunner;
import xferlab.conformance.run.WorkDirs;
import xferlab.conformance.target.ClientTarget;
import xferlab.conformance.target.ContainerClientTarget;
import xferlab.conformance.target.ContainerSpec;
import xferlab.conformance.target.EmbeddedClientTarget;
import xferlab.conformance.target.LaunchedClientTarget;
import xferlab.spec.Catalogue;

@Command(name = "client",
        mixinStandardHelpOptions = true,
        description = "Runs the client suite: the suite plays the server, correct or misbehaving on purpose, and "
            + "checks what the client sends and how it ends. For each case it starts the client once. "
            + "With no --launch or --image, it runs the bundled reference client.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar xfer-conformance.jar client",
            "  java -jar xfer-conformance.jar client --launch 'python3 client.py {host} {port} {file} --timeout {timeout}'",
            "  java -jar xfer-conformance.jar client --image student-client:latest",
            "  java -jar xfer-conformance.jar client --launch '...' --only XFER-CLI-03 --verbose"},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every selected case passed (skipped cases aside)",
            "1:a case failed or timed out (a client that outlives its bound is killed: \"hung\")",
            "2:usage error, or no Docker engine for --image"})
final class ClientSuiteCommand implements Callable<Integer> {
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

    @CommandLine.Mixin
    RunOptions options = new RunOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        if (timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1");
        }
        Catalogue catalogue = Catalogue.load();
        options.validate(spec.commandLine(), catalogue, new SuiteRunner(CASES).caseIds());
        if (options.dryRun) {
            return options.listSelected(CASES, catalogue, out);
        }
        ContainerSpec image = targetOptions.image == null ? null : targetOptions.image.spec(spec.commandLine());
        String noEngine = image == null ? null : ImageOptions.engineProblem();
        if (noEngine != null) {
            System.err.println(noEngine);
            return 2;
        }
        long runSeed = options.runSeed();
        Path work = Files.createTempDirectory("xfer-suite-");
        try {
            ClientTarget client = image != null ? new ContainerClientTarget(image)
                    : targetOptions.launch != null ? new LaunchedClientTarget(targetOptions.launch, work)
                    : new EmbeddedClientTarget();
            ConsoleReport console = new ConsoleReport(out, options.verbose);
            console.header("client", client.description(), runSeed);
            SuiteContext context = SuiteContext.forClient(client, runSeed,
                    Timing.forIdle(Duration.ofSeconds(timeoutSeconds)), catalogue);
            return SuiteRun.execute("client", CASES, context, options, caseId -> rerunCommand(caseId, runSeed),
                    console, out);
        } finally {
            WorkDirs.delete(work);
        }
    }

    private String rerunCommand(String caseId, long runSeed) {
        return RerunLine.of("client")
                .option("--launch", targetOptions.launch)
                .words(targetOptions.image == null ? List.of() : targetOptions.image.words())
                .option("--timeout", timeoutSeconds != 2 ? timeoutSeconds : null)
                .forCase(caseId, runSeed);
    }
}
