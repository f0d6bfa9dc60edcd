package xferlab.conformance.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xferlab.conformance.grade.Roster;
import xferlab.conformance.interop.Implementation;
import xferlab.conformance.interop.InteropRun;
import xferlab.conformance.interop.Launchers;
import xferlab.conformance.interop.Matrix;
import xferlab.conformance.interop.MatrixReport;
import xferlab.conformance.interop.Side;
import xferlab.conformance.interop.UploadSet;
import xferlab.conformance.report.ReportFiles;
import xferlab.conformance.run.WorkDirs;
import xferlab.conformance.target.ContainerSpec;

/**
 * Every client of a class against every server: a matrix that shows what
 * one-sided suites miss, with the bundled reference as one more of each.
 */
@Command(name = "interop",
        mixinStandardHelpOptions = true,
        description = "Runs every client against every server, each pair in a fresh storage directory through a "
            + "recording relay, with the bundled reference added as one more server and one more client. Each "
            + "client uploads an empty file, a text file, 1 MiB of binary with every octet value, and a file whose "
            + "name has non-ASCII letters and spaces. A pair passes when the client exits 0, every stored file is "
            + "exact and every OK carries the file's digest. Writes matrix.csv and matrix.html (servers as rows, "
            + "clients as columns); each failing cell links to its exchange and names the side that broke which "
            + "rule, from the exchange and from each side's own suite.",
        footerHeading = "%nRosters (one implementation per line, as for class; # starts a comment):%n",
        footer = {
            "  servers.txt:  alice: python3 subs/alice/server.py --port {port} --dir {dir} --idle-timeout {idle}",
            "  clients.txt:  alice: python3 subs/alice/client.py {host} {port} {file} --timeout {timeout}",
            "                bob: docker:bob-xfer-client:1     (the image's entrypoint; needs a Docker engine)",
            "",
            "Example:",
            "  java -jar xfer-conformance.jar interop --servers servers.txt --clients clients.txt --report interop",
            "",
            "Exit status:",
            "  0   every pair passed",
            "  1   some pair failed (see matrix.html)",
            "  2   usage error (a bad roster or option), or no Docker engine for containers"})
final class InteropCommand implements Callable<Integer> {

    enum Isolation { NONE, DOCKER }

    @Option(names = "--servers", paramLabel = "FILE", required = true,
            description = "The servers: one 'name: launch command' per line, with {port} {dir} {idle}.")
    Path serversFile;

    @Option(names = "--clients", paramLabel = "FILE", required = true,
            description = "The clients: one 'name: launch command' per line, with {host} {port} {file} {timeout}.")
    Path clientsFile;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "interop",
            description = "Where matrix.csv, matrix.html, the pages of failing pairs and the suites' reports go "
                    + "(default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2",
            description = "How many pairs run at once (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--pair-timeout", paramLabel = "S", defaultValue = "120",
            description = "Longest one pair may take, all its files together (default: ${DEFAULT-VALUE}).")
    long pairTimeoutSeconds;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "5",
            description = "The timeout each client is told to use, as {timeout} (default: ${DEFAULT-VALUE}).")
    long clientTimeoutSeconds;

    @Option(names = "--idle", paramLabel = "S", defaultValue = "5",
            description = "The servers' idle timeout, as {idle} (default: ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Option(names = "--start-timeout", paramLabel = "S", defaultValue = "15",
            description = "How long a server may take to listen (default: ${DEFAULT-VALUE}).")
    long startTimeoutSeconds;

    @Option(names = "--suite-level", paramLabel = "N", defaultValue = "1",
            description = "Each side of a failing pair also runs its own suite (server or client), levels 1 to N, "
                    + "to say which side breaks which rule; 0 not to (default: ${DEFAULT-VALUE}).")
    int suiteLevel;

    @Option(names = "--suite-timeout", paramLabel = "S", defaultValue = "600", hidden = true,
            description = "Longest one side's own suite may take.")
    long suiteTimeoutSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the suites (default: random, printed).")
    Long seed;

    /** For the kit's own tests: a smaller binary file, so that a matrix runs in seconds. */
    @Option(names = "--binary-size", paramLabel = "OCTETS", defaultValue = "1048576", hidden = true)
    int binarySize;

    @Option(names = "--spec-url", paramLabel = "URL", defaultValue = ReportFiles.SPEC_URL,
            description = "Where the pages link each requirement ID: the spec's HTML (default: ${DEFAULT-VALUE}).")
    String specUrl;

    @Option(names = "--isolate", paramLabel = "HOW", defaultValue = "none",
            description = "none: run each roster command on this machine (default); docker: run it in a container "
                    + "of --image, as sh -c COMMAND (needs a Docker engine). A roster line 'name: docker:IMAGE' "
                    + "always runs IMAGE's own entrypoint in a container. The reference runs in this process.")
    Isolation isolate;

    @CommandLine.ArgGroup(exclusive = false, heading = "%nContainers (with --isolate docker or docker:IMAGE lines):%n")
    ImageOptions image;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = System.out;
        List<Implementation> servers = implementations("--servers", serversFile);
        List<Implementation> clients = implementations("--clients", clientsFile);
        checkOptions();
        ContainerSpec isolation = containers(servers, clients);
        Launchers launchers = new Launchers(isolation, isolate == Isolation.DOCKER, Duration.ofSeconds(idleSeconds),
                Duration.ofSeconds(startTimeoutSeconds));
        boolean containers = servers.stream().anyMatch(launchers::inContainer)
                || clients.stream().anyMatch(launchers::inContainer);
        if (containers) {
            String problem = ImageOptions.engineProblem();
            if (problem != null) {
                System.err.println(problem);
                return 2;
            }
        }
        long runSeed = seed != null ? seed : new java.util.Random().nextLong() & Long.MAX_VALUE;
        Files.createDirectories(reportDir);
        out.printf("Interop: %d server%s x %d client%s (the reference included), %d pair%s at a time%n",
                servers.size(), servers.size() == 1 ? "" : "s", clients.size(), clients.size() == 1 ? "" : "s",
                jobs, jobs == 1 ? "" : "s");
        InteropRun.Settings settings = new InteropRun.Settings(launchers, UploadSet.of(binarySize),
                Duration.ofSeconds(clientTimeoutSeconds), Duration.ofSeconds(pairTimeoutSeconds), jobs, suiteLevel,
                Duration.ofSeconds(suiteTimeoutSeconds), runSeed);
        Path work = Files.createTempDirectory("xfer-interop-");
        try {
            Matrix matrix = new InteropRun(servers, clients, settings,
                    (side, implementation) -> suiteTarget(implementation), out).run(work, reportDir);
            List<Path> written = MatrixReport.write(matrix, reportDir, specUrl);
            out.println();
            out.println(matrix.failed() == 0 ? "RESULT: all " + matrix.size() + " pairs pass"
                    : "RESULT: " + matrix.failed() + " of " + matrix.size() + " pairs fail");
            written.forEach(file -> out.println("wrote " + file));
            return matrix.failed() == 0 ? 0 : 1;
        } finally {
            WorkDirs.delete(work);
        }
    }

    /** The roster's implementations, after the reference. */
    private List<Implementation> implementations(String option, Path file) {
        Roster roster;
        try {
            roster = Roster.load(file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": cannot read " + file + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
        List<Implementation> all = new ArrayList<>(List.of(Implementation.reference()));
        for (Roster.Submission submission : roster.submissions()) {
            if (submission.name().equalsIgnoreCase(Implementation.REFERENCE)) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": the name "
                        + submission.name() + " is kept for the bundled reference, which is always included");
            }
            all.add(new Implementation(submission.name(), submission.command()));
        }
        return all;
    }

    private void checkOptions() {
        CommandLine commandLine = spec.commandLine();
        if (jobs < 1 || jobs > 16) {
            throw new CommandLine.ParameterException(commandLine, "--jobs must be 1 to 16");
        }
        if (pairTimeoutSeconds < 5) {
            throw new CommandLine.ParameterException(commandLine, "--pair-timeout must be at least 5");
        }
        if (clientTimeoutSeconds < 1 || idleSeconds < 1 || startTimeoutSeconds < 1) {
            throw new CommandLine.ParameterException(commandLine,
                    "--timeout, --idle and --start-timeout must be at least 1");
        }
        if (suiteLevel < 0 || suiteLevel > 3) {
            throw new CommandLine.ParameterException(commandLine, "--suite-level must be 0, 1, 2 or 3");
        }
        if (binarySize < 0 || binarySize > 1024 * 1024) {
            throw new CommandLine.ParameterException(commandLine, "--binary-size must be 0 to 1048576");
        }
    }

    /** The --image options (the image, limits and mounts), or null; bad ones are refused here, once. */
    private ContainerSpec containers(List<Implementation> servers, List<Implementation> clients) {
        CommandLine commandLine = spec.commandLine();
        if (image != null && image.command != null) {
            throw new CommandLine.ParameterException(commandLine,
                    "--image-cmd: in interop mode the rosters give each implementation's command");
        }
        ContainerSpec base = image == null ? null : image.spec(commandLine);
        RosterContainers check = new RosterContainers(isolate == Isolation.DOCKER, image);
        for (Implementation implementation : servers) {
            if (!implementation.isReference()) {
                check.check(commandLine, "--servers: ", implementation.name(), implementation.command());
            }
        }
        for (Implementation implementation : clients) {
            if (!implementation.isReference()) {
                check.check(commandLine, "--clients: ", implementation.name(), implementation.command());
            }
        }
        return base;
    }

    /** How a child suite reaches one implementation: nothing for the reference, else as the matrix runs it. */
    private List<String> suiteTarget(Implementation implementation) {
        return implementation.isReference() ? List.of()
                : new RosterContainers(isolate == Isolation.DOCKER, image).suiteTarget(implementation.command());
    }
}
