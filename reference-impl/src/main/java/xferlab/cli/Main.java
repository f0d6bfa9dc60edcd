package xferlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar xfer.jar server|client ...}: the reference implementation's command line. */
@Command(name = "xfer",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "The XFER reference server and client.",
        subcommands = {ServerCommand.class, ClientCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for tests that run it in process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which: server, client or demo");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"xfer " + (version == null ? "(development build)" : version)};
        }
    }
}
