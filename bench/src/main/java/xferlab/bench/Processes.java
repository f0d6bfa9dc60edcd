package xferlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.stream.Stream;

import xferlab.conformance.target.ProcessGroup;

/**
 * Uploads as users run them: a server process and a client process, each timed and
 * each charged the CPU it used.
 *
 * <p>The client's CPU is its whole life (start-up included, as a user pays it),
 * taken from the shell's {@code times} builtin after the client is reaped: it
 * prints the user and system time of the shell's children, so the figure is
 * exact, and needs neither {@code /usr/bin/time} nor a race with the exit. The
 * server's CPU is what it used during the upload: {@code /proc/PID/stat} read
 * before the client starts and after it exits, children included (an rsync daemon
 * forks one per connection; the child's time counts once the daemon reaps it).
 */
final class Processes {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+)");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration UPLOAD = Duration.ofMinutes(5);
    private static final Path PROC = Path.of("/proc");
    /** How long a server may take to end on SIGTERM, as after Ctrl-C, before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private Processes() {
    }

    /**
     * Seconds of wall time, and CPU seconds of each side (NaN where this system cannot
     * tell); {@code serverJitCpu} is the part of the server's that its JIT compiler
     * threads used (0 for a server that has none).
     */
    record Sample(double seconds, double clientCpu, double serverCpu, double serverJitCpu) {
    }

    /** A server process that says on standard error on which port it listens. */
    static final class Server implements AutoCloseable {
        private final Process process;
        private final int port;

        Server(List<String> command, Path log) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile());
            builder.environment().put("LC_ALL", "C.UTF-8");
            process = builder.start();
            CompletableFuture<Integer> listening = new CompletableFuture<>();
            Thread reader = new Thread(() -> drain(process.getErrorStream(), listening), "bench-server-log");
            reader.setDaemon(true);
            reader.start();
            try {
                port = listening.get(START.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                close();
                throw new IOException("the server " + command + " did not listen within " + START.toSeconds() + " s");
            }
            awaitSettled();
        }

        /**
         * Waits (at most 5 s) until the server's CPU time stops growing: a JVM keeps
         * compiling for a moment after it starts, and a user uploads to a server that
         * has been up for a while, so that start-up is not the upload's to pay.
         */
        private void awaitSettled() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            double last = cpuSeconds(process.pid());
            while (!Double.isNaN(last) && System.nanoTime() < deadline) {
                process.waitFor(200, TimeUnit.MILLISECONDS); // a sampling interval, not a synchronisation
                double now = cpuSeconds(process.pid());
                if (now - last < 0.02) {
                    return;
                }
                last = now;
            }
        }

        private static void drain(InputStream err, CompletableFuture<Integer> listening) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (!listening.isDone() && m.find()) {
                        listening.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.completeExceptionally(new IOException("the server exited"));
        }

        int port() {
            return port;
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            ProcessGroup.of(process).stop(STOP_GRACE);
        }
    }

    /**
     * Runs {@code client} to completion (at most {@link #UPLOAD}) while {@code serverPid}
     * serves it; fails unless the client exits 0.
     */
    static Sample upload(List<String> client, long serverPid, Path work) throws IOException, InterruptedException {
        Path out = work.resolve("client.out");
        // "$@" keeps every argument as it is; times reports the client once it is reaped.
        List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\"; s=$?; times; exit $s", "sh"));
        command.addAll(client);
        double serverBefore = cpuSeconds(serverPid);
        double jitBefore = jitCpuSeconds(serverPid);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(UPLOAD.toSeconds(), TimeUnit.SECONDS)) {
            ProcessGroup.of(process).stop(Duration.ZERO);
            throw new IOException(client.get(0) + " did not finish within " + UPLOAD.toMinutes() + " min");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> lines = Files.readAllLines(out);
        if (process.exitValue() != 0) {
            throw new IOException("the client exited " + process.exitValue() + ": "
                    + String.join(" / ", lines.subList(0, Math.max(0, lines.size() - 2))).strip());
        }
        awaitNoChildren(serverPid);
        double serverCpu = cpuSeconds(serverPid) - serverBefore;
        double serverJitCpu = jitCpuSeconds(serverPid) - jitBefore;
        double clientCpu = Double.NaN;
        Matcher children = lines.isEmpty() ? null : TIMES.matcher(lines.get(lines.size() - 1));
        if (children != null && children.find()) {
            clientCpu = 60 * Double.parseDouble(children.group(1)) + Double.parseDouble(children.group(2))
                    + 60 * Double.parseDouble(children.group(3)) + Double.parseDouble(children.group(4));
        }
        return new Sample(seconds, clientCpu, serverCpu, serverJitCpu);
    }

    /** User and system time of a live process and of its reaped children, or NaN without /proc. */
    static double cpuSeconds(long pid) {
        try {
            // utime 14, stime 15, cutime 16, cstime 17
            return ticks(Files.readString(PROC.resolve(pid + "/stat")), 14, 17) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * User and system time of a JVM's JIT compiler threads ("C1 CompilerThread0", cut
     * to 15 characters by Linux), or NaN without /proc. A compiler thread that ends
     * takes its time with it, so this is a lower bound; HotSpot keeps them while there
     * is work, which is when they count.
     */
    static double jitCpuSeconds(long pid) {
        try (Stream<Path> tasks = Files.list(PROC.resolve(pid + "/task"))) {
            long ticks = 0;
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.matches("C[12] CompilerThre.*")) {
                    ticks += ticks(stat, 14, 15); // utime, stime
                }
            }
            return ticks / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The sum of fields {@code first} to {@code last} (numbered as in proc(5)) of a stat line. */
    private static long ticks(String stat, int first, int last) {
        // Fields after the command name (which may hold spaces and parentheses): state is 3.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = first; field <= last; field++) {
            ticks += Long.parseLong(fields[field - 3]);
        }
        return ticks;
    }

    /** Linux's USER_HZ: 100 on every architecture Java runs on there. */
    private static final int CLOCK_TICKS = 100;

    /** Waits (at most 5 s) until a forking server has reaped the child that served the upload. */
    private static void awaitNoChildren(long pid) throws InterruptedException {
        Path children = PROC.resolve(pid + "/task/" + pid + "/children");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readString(children).isBlank()) {
                    return;
                }
            } catch (IOException e) {
                return; // no /proc here, or no children file: nothing to wait for
            }
            TimeUnit.MILLISECONDS.sleep(10); // polling /proc: there is no event to wait on
        }
    }

    /** Copies the bench's Python pair into {@code dir}; returns the directory. */
    static Path pythonPair(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : List.of("xfer_server.py", "xfer_client.py")) {
            try (InputStream in = Processes.class.getResourceAsStream("python/" + name)) {
                if (in == null) {
                    throw new IOException("python/" + name + " is missing from the bench's jar");
                }
                Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }
}
