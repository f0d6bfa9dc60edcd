package xferlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import xferlab.conformance.target.ProcessGroup;

/**
 * The reference server in a process of its own, as a user runs it, with the heap
 * capped at {@link #MAX_HEAP}. A separate process has its own open-file limit (the
 * clients need as many sockets as the server), and its heap and threads can be
 * watched from outside: threads and resident memory from {@code /proc}, the heap
 * from the JVM's GC log.
 */
final class ServerProcess implements AutoCloseable {
    static final String MAX_HEAP = "256m";
    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+)");
    private static final Pattern GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
    private static final Pattern EXIT_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Duration START = Duration.ofSeconds(30);

    private final Process process;
    private final Path gcLog;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final AtomicInteger stored = new AtomicInteger();
    private final List<String> problems = new ArrayList<>();
    private final Thread reader;
    private final Thread sampler;
    private volatile boolean sampling = true;
    private volatile int peakThreads;
    private volatile long peakRssKib;

    /**
     * @param launcher how to run the reference's command line, up to its subcommand:
     *                 {@code java -jar xfer.jar} or {@code java -cp ... xferlab.cli.Main}
     */
    ServerProcess(List<String> launcher, Path work, Path storage, Duration idleTimeout) throws IOException {
        this.gcLog = work.resolve("server-gc.log");
        List<String> command = new ArrayList<>();
        command.add(launcher.get(0));
        command.add("-Xmx" + MAX_HEAP);
        command.add("-Xlog:gc,gc+heap+exit:file=" + gcLog);
        command.addAll(launcher.subList(1, launcher.size()));
        command.addAll(List.of("server", "--port", "0", "--dir", storage.toString(),
                "--idle-timeout", String.valueOf(idleTimeout.toSeconds())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(work.resolve("server.out").toFile());
        // XFER names are UTF-8, and the server refuses to start where Java maps file names otherwise.
        builder.environment().put("LC_ALL", "C.UTF-8");
        this.process = builder.start();
        this.reader = new Thread(this::readLog, "server-log");
        reader.setDaemon(true);
        reader.start();
        this.sampler = new Thread(this::sample, "server-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Command lines that run the reference: from its jar if given, else from this program's class path. */
    static List<String> launcher(Path xferJar) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return xferJar != null
                ? List.of(java, "-jar", xferJar.toString())
                : List.of(java, "-cp", System.getProperty("java.class.path"), "xferlab.cli.Main");
    }

    int port() throws IOException, InterruptedException {
        try {
            return port.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the server did not start within " + START.toSeconds() + " s: " + problems(), e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    int storedCount() {
        return stored.get();
    }

    int peakThreads() {
        return peakThreads;
    }

    long peakRssKib() {
        return peakRssKib;
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    private void readLog() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher listening = LISTENING.matcher(line);
                if (!port.isDone() && listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                } else if (line.contains(" stored \"")) {
                    stored.incrementAndGet();
                } else if (line.contains("accept failed") || line.contains("cannot serve")
                        || line.contains("Exception") || line.contains("Error:") || !port.isDone()) {
                    synchronized (this) {
                        if (problems.size() < 20) {
                            problems.add(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        port.completeExceptionally(new IOException("the server exited"));
    }

    /** Samples /proc every 20 ms: the peak count of threads, and the peak resident set. */
    private void sample() {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        while (sampling && process.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("Threads:")) {
                        peakThreads = Math.max(peakThreads, Integer.parseInt(line.substring(8).trim()));
                    } else if (line.startsWith("VmHWM:")) {
                        peakRssKib = Math.max(peakRssKib, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
                process.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (IOException | RuntimeException e) {
                return; // no /proc here, or the process is gone
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The heap as the GC log saw it after the process ended: peak used before a collection, and after one. */
    record Heap(long peakUsedMib, long peakLiveMib, int collections) {
    }

    Heap heap() throws IOException {
        long peakUsed = 0;
        long peakLive = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher gc = GC.matcher(line);
            if (gc.find()) {
                collections++;
                peakUsed = Math.max(peakUsed, mib(gc.group(1), gc.group(2)));
                peakLive = Math.max(peakLive, mib(gc.group(3), gc.group(4)));
            }
            Matcher exit = EXIT_USED.matcher(line);
            if (exit.find()) {
                peakUsed = Math.max(peakUsed, Long.parseLong(exit.group(1)) >> 10);
            }
        }
        return new Heap(peakUsed, peakLive, collections);
    }

    private static long mib(String value, String unit) {
        long n = Long.parseLong(value);
        return switch (unit) {
            case "K" -> n >> 10;
            case "G" -> n << 10;
            default -> n;
        };
    }

    /** Stops the server as Ctrl-C would, and waits (boundedly) for it to end. */
    @Override
    public void close() throws InterruptedException {
        sampling = false;
        ProcessGroup.of(process).stop(Processes.STOP_GRACE);
        reader.join(5_000);
        sampler.join(5_000);
    }
}
