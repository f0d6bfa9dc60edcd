package xferlab.conformance.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An implementation the suite starts itself, as {@code sh -c CMD}, in its storage
 * directory, after replacing {@code {port}}, {@code {dir}} and {@code {idle}}.
 * Stopping it stops the whole process tree the command started: a shell's children
 * included, so nothing is left listening after a run.
 */
public final class LaunchedTarget extends LocalTarget {
    /** How long a stopped server may take to end on SIGTERM before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(3);

    private final String template;
    private final Duration idleTimeout;
    private final Duration startTimeout;
    private ProcessGroup group;

    /**
     * @param template     the command, with placeholders
     * @param storage      the storage directory; the command runs in the suite's own working
     *                     directory, so that a relative path in it means what it says
     * @param port         the port it must listen on
     * @param output       a file that receives its standard output and error
     */
    public LaunchedTarget(String template, Path storage, int port, Duration idleTimeout,
                          Duration startTimeout, Path output) {
        this(template, storage, port, false, idleTimeout, startTimeout, output);
    }

    /** @param fixedPort whether a restart keeps the port (the user chose it) */
    public LaunchedTarget(String template, Path storage, int port, boolean fixedPort, Duration idleTimeout,
                          Duration startTimeout, Path output) {
        super(storage, port, fixedPort, output);
        this.template = template;
        this.idleTimeout = idleTimeout;
        this.startTimeout = startTimeout;
    }

    /** The command with its placeholders replaced. */
    public String command() {
        return template.replace("{port}", String.valueOf(port))
                .replace("{dir}", ShellWords.quote(storage.toString()))
                .replace("{idle}", String.valueOf(idleTimeout.toSeconds()));
    }

    @Override
    public void start() throws LaunchException {
        try {
            Files.createDirectories(storage);
            group = ProcessGroup.start(new ProcessBuilder()
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.file().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))), command());
        } catch (IOException e) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START,
                    "cannot run sh -c '" + command() + "': " + e.getMessage());
        }
        awaitListening("the command", startTimeout, "does it listen on {port}?");
    }

    @Override
    protected Long exitStatus() {
        return group == null || group.process().isAlive() ? null : (long) group.process().exitValue();
    }

    @Override
    public boolean isRunning() {
        return group != null && group.alive();
    }

    @Override
    public void kill() {
        stopTree(Duration.ZERO);
    }

    @Override
    public String description() {
        return "sh -c '" + command() + "'";
    }

    @Override
    public void close() {
        stopTree(GRACE);
    }

    /** Stops everything the command started, a shell's children included, so nothing is left listening. */
    private void stopTree(Duration grace) {
        if (group != null) {
            group.stop(grace);
            group = null;
        }
    }
}
