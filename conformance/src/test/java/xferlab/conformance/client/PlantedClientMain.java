package xferlab.conformance.client;

import java.nio.file.Path;

/**
 * A planted-fault client as a process of its own, for tests that run the suite's
 * command line as a grader does: {@code FAULT HOST PORT FILE TIMEOUT}.
 */
public final class PlantedClientMain {
    private PlantedClientMain() {
    }

    public static void main(String[] args) {
        PlantedClient.Outcome outcome = new PlantedClient(ClientFault.valueOf(args[0]))
                .run(args[1], Integer.parseInt(args[2]), Path.of(args[3]), Long.parseLong(args[4]));
        System.out.print(outcome.stdout());
        System.err.print(outcome.stderr());
        System.exit(outcome.exitStatus());
    }

    /** The command that launches this client with a fault, placeholders left for the suite. */
    public static String launch(ClientFault fault) {
        return quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()) + " -cp "
                + quote(System.getProperty("java.class.path")) + " " + PlantedClientMain.class.getName() + " "
                + fault.name() + " {host} {port} {file} {timeout}";
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
