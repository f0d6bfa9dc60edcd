package xferlab.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A task on a daemon thread of its own, whose result is awaited with a bound. */
final class Background<T> {
    private final FutureTask<T> task;

    private Background(Callable<T> work, String name) {
        this.task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    static <T> Background<T> start(String name, Callable<T> work) {
        return new Background<>(work, name);
    }

    /** The result; a failure or a task still running after {@code timeout} is an IOException. */
    T await(Duration timeout) throws java.io.IOException, InterruptedException {
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new java.io.IOException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new java.io.IOException("gave up after " + timeout.toSeconds() + " s", e);
        }
    }
}
