package xferlab.conformance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar xfer-conformance.jar server|client ...}. */
@Command(name = "xfer-conformance",
        mixinStandardHelpOptions = true,
        version = "xfer-conformance 0.1",
        description = "The XFER conformance suite: judges a server or a client, in any language, names each "
            + "requirement it breaks, shows the octets exchanged, and says how to rerun a case.",
        subcommands = {ServerSuiteCommand.class, ClientSuiteCommand.class, ClassCommand.class, InteropCommand.class,
            WeightsCommand.class,
            CommandLine.HelpCommand.class})
public final class ConformanceMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ConformanceMain()).setCaseInsensitiveEnumValuesAllowed(true);
        // Help to copy from: as wide as the terminal, and in a pipe wide enough that no example is cut.
        if (System.console() != null) {
            commandLine.setUsageHelpAutoWidth(true);
        } else {
            commandLine.setUsageHelpWidth(200);
        }
        // A mistake gets its one line and where to look, not the whole usage after it.
        commandLine.setParameterExceptionHandler((error, args) -> {
            CommandLine failed = error.getCommandLine();
            failed.getErr().println("xfer-conformance: " + error.getMessage());
            failed.getErr().println("see: java -jar xfer-conformance.jar "
                    + (failed.getCommandName().equals("xfer-conformance") ? "" : failed.getCommandName() + " ")
                    + "--help");
            return 2;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to run: server or client (one implementation), class (a roster), interop (servers against clients), or weights");
    }
}
