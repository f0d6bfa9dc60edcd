package xferlab.conformance.planted;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A planted-fault server as a program, for tests that launch a command (class
 * mode): {@code PlantedServerMain FAULT PORT DIR IDLE_SECONDS}. It serves until it
 * is killed.
 */
public final class PlantedServerMain {
    private PlantedServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Fault fault = Fault.valueOf(args[0]);
        PlantedServer server = new PlantedServer(fault, Path.of(args[2]), Integer.parseInt(args[1]),
                Integer.parseInt(args[3]) * 1000);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await(); // until killed
    }

    /** The command that launches this server with a fault, placeholders left for the suite. */
    public static String launch(Fault fault) {
        return java() + " -cp " + quote(System.getProperty("java.class.path")) + " " + PlantedServerMain.class.getName()
                + " " + fault.name() + " {port} {dir} {idle}";
    }

    /** The reference server, from this class path, as a launch command. */
    public static String referenceLaunch() {
        return java() + " -cp " + quote(System.getProperty("java.class.path"))
                + " xferlab.cli.Main server --port {port} --dir {dir} --idle-timeout {idle}";
    }

    private static String java() {
        return quote(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
