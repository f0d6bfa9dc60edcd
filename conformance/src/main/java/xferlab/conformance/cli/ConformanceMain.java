package xferlab.conformance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar xfer-conformance.jar server|client ...}. */
@Command(name = "xfer-conformance",
        mixinStandardHelpOptions = true,
        version = "xfer-conformance 0.1",
        description = "The XFER conformance suite: judges a server or a client, in any language, names each "
            + "requirement it breaks, shows the octets exchanged, and says how to rerun a case.",
        subcommands = {ServerSuiteCommand.class, ClientSuiteCommand.class, ClassCommand.class, WeightsCommand.class,
            CommandLine.HelpCommand.class})
public final class ConformanceMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new ConformanceMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which suite to run: server or client");
    }
}
