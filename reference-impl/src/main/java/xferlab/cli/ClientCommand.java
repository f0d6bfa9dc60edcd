package xferlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import xferlab.client.ProgressListener;
import xferlab.client.UploadFailedException;
import xferlab.client.UploadResult;
import xferlab.client.XferClient;

@Command(name = "client",
        mixinStandardHelpOptions = true,
        description = {
            "Uploads FILE to an XFER server.",
            "Checks the SHA-256 digest the server returns against the octets sent.",
            "Prints the stored name, size and digest on standard output; progress and errors",
            "go to standard error."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:stored, and the server's digest matches what was sent",
            "1:the server refused (ERROR); its code and text are printed",
            "2:usage error, unreadable file, or a name the protocol does not allow",
            "3:cannot connect, or the connection ended before the final reply",
            "4:timeout: no reply or no progress within --timeout",
            "5:protocol error: a malformed reply, or a digest that does not match"})
final class ClientCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST", description = "Server host name or address.")
    String host;

    @Parameters(index = "1", paramLabel = "PORT", description = "Server port (XFER's default is 5001).")
    int port;

    @Parameters(index = "2", paramLabel = "FILE", description = "The file to upload.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Store the file under NAME (default: FILE's base name, without its directory).")
    String name;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "30",
            description = "Give up when a wait (connect, reply, write) takes longer than S seconds "
                    + "(default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // picocli's writers, not System.out: a program that runs this command in
        // process (the conformance suite does) can then capture what it prints.
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (timeoutSeconds < 1) {
            err.println("xfer client: --timeout must be at least 1 second");
            return 2;
        }
        Path baseName = file.getFileName();
        String sendAs = name != null ? name : baseName == null ? "" : baseName.toString();
        ProgressListener progress = quiet ? ProgressListener.NONE : new ProgressPrinter(err);
        try {
            UploadResult result = new XferClient(host, port, Duration.ofSeconds(timeoutSeconds))
                    .upload(file, sendAs, progress);
            out.println("stored " + result.name() + " (" + result.size() + " octets), sha256 "
                    + result.digest());
            out.flush();
            return 0;
        } catch (UploadFailedException e) {
            err.println("xfer client: " + e.getMessage());
            err.flush();
            return e.failure().exitStatus();
        }
    }
}
