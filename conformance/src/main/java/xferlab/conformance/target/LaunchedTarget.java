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
        boolean accepting;
        try {
            // A command may put its server in the background and exit: wait while any
            // process it started still runs.
            accepting = Ports.awaitListening(address(), startTimeout, group::alive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new LaunchException(LaunchException.Kind.CANNOT_START, "interrupted while waiting for the port");
        }
        if (accepting) {
            return;
        }
        if (!group.alive()) {
            int status = group.process().exitValue();
            close();
            throw new LaunchException(LaunchException.Kind.CANNOT_START,
                    "the command exited with status " + status
                            + " before it listened on port " + port + output.lastWords());
        }
        close();
        throw new LaunchException(LaunchException.Kind.NEVER_ACCEPTED,
                "the command runs but was not listening on 127.0.0.1:" + port + " within "
                        + startTimeout.toSeconds() + " s (does it listen on {port}?)" + output.lastWords());
    }



    @Override
    public boolean isRunning() {
        return group != null && group.alive();
    }

    @Override
    public void kill() {
        stopTree(false);
    }

    @Override
    public String description() {
        return "sh -c '" + command() + "'";
    }

    @Override
    public void close() {
        stopTree(true);
    }

    /** Stops everything the command started, a shell's children included, so nothing is left listening. */
    private void stopTree(boolean gently) {
        if (group != null) {
            group.stop(gently);
            group = null;
        }
    }
}
