package xferlab.conformance.target;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import picocli.CommandLine;
import xferlab.cli.Main;

/** The bundled reference client, run in the suite's own process through its command line. */
public final class EmbeddedClientTarget implements ClientTarget {

    @Override
    public ClientRun run(String host, int port, Path file, Duration timeout, Duration bound) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "xfer-suite-reference-client");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        try {
            Future<Integer> status = runner.submit(() -> commandLine.execute("client", host, String.valueOf(port),
                    file.toString(), "--timeout", String.valueOf(timeout.toSeconds()), "--quiet"));
            int exit = status.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return new ClientRun(exit, out.toString(), err.toString(), elapsed(started), false);
        } catch (TimeoutException e) {
            return new ClientRun(-1, out.toString(), err.toString(), elapsed(started), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ClientRun(-1, out.toString(), err.toString(), elapsed(started), true);
        } catch (ExecutionException e) {
            return new ClientRun(1, out.toString(), err + String.valueOf(e.getCause()), elapsed(started), false);
        } finally {
            runner.shutdownNow();
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public String description() {
        return "the bundled reference client (in process)";
    }
}
