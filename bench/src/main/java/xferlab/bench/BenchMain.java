package xferlab.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar bench/target/xfer-bench.jar}: every benchmark in one run, so that
 * the ratios compare figures taken on the same machine at the same time. These
 * machines are shared and noisy; an absolute figure says little about another run,
 * a ratio says much more.
 */
@Command(name = "xfer-bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measures the machine's limits, an rsync daemon, the reference XFER server and client,",
            "a naive implementation, many concurrent and idle clients, and the conformance suites,",
            "in one run, and prints tables with the ratios and the issue's targets.",
            "",
            "Benchmarks (for --only):",
            "  limit        plain socket copy over loopback, fsynced write to disk, SHA-256 in memory",
            "  rsync        an rsync daemon on loopback receiving the same file (--whole-file, with and",
            "               without --fsync), client and daemon as processes",
            "  reference    reference client to reference server as two processes, SIZE and SMALL-SIZE,",
            "               and the same in this process",
            "  python       a careful Python pair (64 KiB, SHA-256 both ends, fsync, rename), two processes",
            "  naive        4 KiB reads and writes, one client at a time, digest inline",
            "  concurrency  CLIENTS clients at once, each uploading CLIENT-SIZE",
            "  idle         IDLE connections held open while a new client uploads",
            "  suite        a full server suite and a full client suite against the reference",
            "",
            "Throughput rows are the median of ROUNDS rounds; the rounds interleave the rows, so",
            "that a slow minute of a noisy machine costs every row alike. The full run takes about",
            "3 minutes and needs 2 x SIZE of free space in the work directory."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every benchmark ran (targets missed are reported, not failed)",
            "1:a benchmark could not run or lost data",
            "2:usage error"})
public final class BenchMain implements Callable<Integer> {
    static final List<String> BENCHMARKS = List.of("limit", "rsync", "reference", "python", "naive", "concurrency", "idle",
            "suite");

    @Option(names = "--quick", description = "Smaller and shorter: 256MiB, 1 round, 100 clients, 1000 idle "
            + "connections with a 5 s idle timeout (options given explicitly still win).")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "Run only these benchmarks (comma-separated; default: all).")
    List<String> only;

    @Option(names = "--size", paramLabel = "SIZE", converter = Sizes.class,
            description = "Size of the big upload (default: 1GiB).")
    Long size;

    @Option(names = "--small-size", paramLabel = "SIZE", converter = Sizes.class,
            description = "Size of the second reference upload (default: 100MiB).")
    Long smallSize;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds of the throughput rows (default: 3).")
    Integer rounds;

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent clients (default: 1000).")
    Integer clients;

    @Option(names = "--client-size", paramLabel = "SIZE", converter = Sizes.class,
            description = "What each concurrent client uploads (default: 1MiB).")
    Long clientSize;

    @Option(names = "--idle", paramLabel = "N", description = "Idle connections to hold (default: 10000).")
    Integer idle;

    @Option(names = "--idle-timeout", paramLabel = "S",
            description = "The idle timeout of the server under the idle benchmark (default: 30, the spec's).")
    Integer idleTimeout;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the temporary files go; deleted at the end (default: the system's temporary directory).")
    Path workDir;

    @Option(names = "--xfer-jar", paramLabel = "JAR",
            description = "Run the server process from this jar (default: the reference classes in this program).")
    Path xferJar;

    @Option(names = "--conformance-jar", paramLabel = "JAR",
            description = "The conformance suite (default: conformance/target/xfer-conformance.jar of the project).")
    Path conformanceJar;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Report report;
    private final Map<String, String> targets = new LinkedHashMap<>();
    private boolean broken;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        // The description's lines are laid out by hand, wider than 80 columns: as wide as
        // the terminal, and in a pipe wide enough that none is broken again.
        CommandLine commandLine = new CommandLine(new BenchMain());
        return System.console() != null ? commandLine.setUsageHelpAutoWidth(true) : commandLine.setUsageHelpWidth(160);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Set<String> selected = new LinkedHashSet<>(only == null ? BENCHMARKS : only);
        for (String name : selected) {
            if (!BENCHMARKS.contains(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no benchmark named " + name + "; there are " + String.join(", ", BENCHMARKS));
            }
        }
        size = orElse(size, quick ? 256L << 20 : 1L << 30);
        smallSize = orElse(smallSize, quick ? 32L << 20 : 100L << 20);
        rounds = orElse(rounds, quick ? 1 : 3);
        clients = orElse(clients, quick ? 100 : 1000);
        clientSize = orElse(clientSize, 1L << 20);
        idle = orElse(idle, quick ? 1000 : 10_000);
        idleTimeout = orElse(idleTimeout, quick ? 5 : 30);
        if (size < 1 || smallSize < 1 || rounds < 1 || clients < 1 || clientSize < 0 || idle < 0 || idleTimeout < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "sizes, rounds, counts and the idle timeout "
                    + "must be positive");
        }
        report = new Report(spec.commandLine().getOut());
        machine();
        Path work = Files.createTempDirectory(workDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDir,
                "xfer-bench-");
        long started = System.nanoTime();
        try {
            if (selected.stream().anyMatch(List.of("limit", "rsync", "reference", "python", "naive")::contains)) {
                throughput(selected, work);
            }
            if (selected.contains("concurrency")) {
                concurrency(work.resolve("concurrency"));
            }
            if (selected.contains("idle")) {
                idle(work.resolve("idle"));
            }
            if (selected.contains("suite")) {
                suites(work.resolve("suite"));
            }
        } finally {
            deleteTree(work);
        }
        summary((System.nanoTime() - started) / 1e9);
        return broken ? 1 : 0;
    }

    private static <T> T orElse(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private void machine() throws IOException {
        report.heading("Machine");
        String cpu = "unknown";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        }
        report.line("date     " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        report.line("cpu      " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu);
        report.line("os       " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.line("java     " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.line("load     " + loadAverage() + " (1, 5, 15 min) at the start");
    }

    // ---- throughput ----------------------------------------------------------------

    private interface Measurement {
        Processes.Sample sample() throws IOException, InterruptedException;
    }

    /** A measurement made inside this process: wall time only. */
    private interface InProcess {
        double seconds() throws IOException, InterruptedException;
    }

    private static Measurement inProcess(InProcess measurement) {
        return () -> new Processes.Sample(measurement.seconds(), Double.NaN, Double.NaN, Double.NaN);
    }

    private record Planned(String bench, String what, long octets, Measurement measurement) {
    }

    private record Row(String bench, String what, long octets, List<Processes.Sample> samples, String problem) {
        double median() {
            return median(samples.stream().map(Processes.Sample::seconds).toList());
        }

        /** Median CPU seconds per GiB of one side, or NaN where it was not measured. */
        double cpuPerGib(boolean client) {
            return perGib(client ? Processes.Sample::clientCpu : Processes.Sample::serverCpu);
        }

        /** Median seconds per GiB of one figure of the samples, or NaN where it was not measured. */
        double perGib(ToDoubleFunction<Processes.Sample> figure) {
            List<Double> cpu = samples.stream().map(figure::applyAsDouble).toList();
            return cpu.stream().anyMatch(c -> c.isNaN()) ? Double.NaN : median(cpu) / (octets / (double) (1L << 30));
        }

        static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }

        String range() {
            DoubleSummaryStatistics s = samples.stream().mapToDouble(Processes.Sample::seconds).summaryStatistics();
            return Report.rate(octets, s.getMax()) + "-" + Report.rate(octets, s.getMin());
        }
    }

    private void throughput(Set<String> selected, Path work) throws IOException, InterruptedException {
        report.heading("Throughput: one upload at a time (median of " + rounds + " round" + (rounds > 1 ? "s" : "")
                + "; GB/s = 10^9 octets per second; CPU = user + system seconds per GiB)");
        long free = Files.getFileStore(work).getUsableSpace();
        long need = size + smallSize + size + (64L << 20);
        if (free < need) {
            report.line("skipped: the work directory " + work + " has " + Sizes.format(free) + " free, these rows need "
                    + Sizes.format(need) + "; give --work-dir or a smaller --size");
            broken = true;
            return;
        }
        Path data = Throughput.randomFile(work.resolve("data-" + Sizes.format(size).replace(" ", "") + ".bin"),
                size, 42);
        Path small = Throughput.randomFile(work.resolve("data-" + Sizes.format(smallSize).replace(" ", "") + ".bin"),
                smallSize, 43);
        Path storage = Files.createDirectories(work.resolve("storage"));
        Path rsyncProgram = Rsync.find();
        Rsync rsync = null;
        List<Planned> plan = new ArrayList<>();
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> java = ServerProcess.launcher(xferJar);
        try {
            if (selected.contains("limit")) {
                plan.add(new Planned("limit", "plain socket copy over loopback (in process)", size,
                        inProcess(() -> Throughput.socketCopy(data))));
                plan.add(new Planned("limit", "fsynced write to disk (in process)", size,
                        inProcess(() -> Throughput.fsyncedWrite(data, work))));
                plan.add(new Planned("limit", "SHA-256 in memory, one core (in process)", size,
                        inProcess(() -> Throughput.sha256(size))));
            }
            if (selected.contains("reference")) {
                for (long octets : List.of(size, smallSize)) {
                    Path file = octets == size ? data : small;
                    plan.add(new Planned("reference", "reference pair, two processes", octets,
                            () -> Throughput.pair(with(java, "server", "--port", "0", "--dir"),
                                    with(java, "client", "-q"), file, work)));
                }
            }
            if (selected.contains("python")) {
                Path python = xferlab.conformance.target.Python.python3().orElse(null);
                if (python == null) {
                    report.line("python: skipped, no python3 on the PATH (install it: apt-get install python3)");
                } else {
                    Path scripts = Processes.pythonPair(work.resolve("python"));
                    for (long octets : List.of(size, smallSize)) {
                        Path file = octets == size ? data : small;
                        plan.add(new Planned("python", "Python pair, two processes", octets,
                                () -> Throughput.pair(
                                        List.of(python.toString(), scripts.resolve("xfer_server.py").toString(), "0"),
                                        List.of(python.toString(), scripts.resolve("xfer_client.py").toString()),
                                        file, work)));
                    }
                }
            }
            if (selected.contains("rsync")) {
                if (rsyncProgram == null) {
                    report.line("rsync: skipped, no rsync on the PATH (install it: apt-get install rsync)");
                } else {
                    rsync = new Rsync(rsyncProgram, work.resolve("rsync"));
                    Rsync daemon = rsync;
                    plan.add(new Planned("rsync", "rsync daemon, --whole-file --fsync", size,
                            () -> daemon.upload(rsyncProgram, data, true)));
                    plan.add(new Planned("rsync", "rsync daemon, --whole-file", size,
                            () -> daemon.upload(rsyncProgram, data, false)));
                }
            }
            if (selected.contains("reference")) {
                plan.add(new Planned("reference", "reference upload (in process)", size,
                        inProcess(() -> Throughput.reference(data, storage))));
                plan.add(new Planned("reference", "reference upload (in process)", smallSize,
                        inProcess(() -> Throughput.reference(small, storage))));
            }
            if (selected.contains("naive")) {
                plan.add(new Planned("naive", "naive upload (4 KiB, inline digest, in process)", size,
                        inProcess(() -> Throughput.naive(data, work.resolve("naive")))));
            }
            for (int round = 1; round <= rounds; round++) {
                report.line("round " + round + ", load average " + loadAverage());
                for (Planned planned : plan) {
                    String key = planned.bench() + "|" + planned.what() + "|" + planned.octets();
                    Row row = rows.computeIfAbsent(key, k -> new Row(planned.bench(), planned.what(), planned.octets(),
                            new ArrayList<>(), null));
                    if (row.problem() != null) {
                        continue;
                    }
                    try {
                        Processes.Sample sample = planned.measurement().sample();
                        row.samples().add(sample);
                        report.line(String.format(Locale.ROOT, "round %d  %-48s %8s %7s s %6s GB/s%s%s", round,
                                planned.what(), Sizes.format(planned.octets()), Report.seconds(sample.seconds()),
                                Report.rate(planned.octets(), sample.seconds()),
                                Double.isNaN(sample.clientCpu()) ? "" : String.format(Locale.ROOT,
                                        "  CPU client %.2f s, server %.2f s", sample.clientCpu(), sample.serverCpu()),
                                sample.serverJitCpu() > 0 ? String.format(Locale.ROOT,
                                        " (JIT compiler %.2f s)", sample.serverJitCpu()) : ""));
                    } catch (IOException e) {
                        rows.put(key, new Row(row.bench(), row.what(), row.octets(), row.samples(), e.getMessage()));
                        report.line("round " + round + "  " + planned.what() + ": FAILED: " + e.getMessage());
                        broken = true;
                    }
                }
            }
        } finally {
            if (rsync != null) {
                rsync.close();
            }
        }
        printThroughput(rows);
    }

    private static List<String> with(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    /** The 1, 5 and 15 minute load averages, as the kernel reports them (other programs share these cores). */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void printThroughput(Map<String, Row> rows) {
        Row socket = find(rows, "limit", "plain socket copy", size);
        Row disk = find(rows, "limit", "fsynced write", size);
        Double limit = null;
        if (ok(socket) && ok(disk)) {
            limit = Math.min(socket.octets() / socket.median(), disk.octets() / disk.median());
        }
        List<List<String>> table = Report.rows(List.of("benchmark", "what", "size", "seconds", "GB/s", "range GB/s",
                "vs limit", "client CPU s/GiB", "server CPU s/GiB", "of which JIT"));
        for (Row row : rows.values()) {
            if (!ok(row)) {
                table.add(List.of(row.bench(), row.what(), Sizes.format(row.octets()), "-", "-", "-",
                        row.problem() == null ? "no figure" : "FAILED", "-", "-", "-"));
                continue;
            }
            double rate = row.octets() / row.median();
            String versus = limit == null || row.what().startsWith("SHA") ? "" : Report.ratio(rate / limit);
            table.add(List.of(row.bench(), row.what(), Sizes.format(row.octets()), Report.seconds(row.median()),
                    Report.rate(row.octets(), row.median()), row.range(), versus, cpu(row.cpuPerGib(true)),
                    cpu(row.cpuPerGib(false)), jit(row.perGib(Processes.Sample::serverJitCpu))));
        }
        report.line("");
        report.table(table);
        if (limit != null) {
            report.line(String.format(Locale.ROOT, "limit = the slower of socket copy and fsynced write = %.2f GB/s "
                    + "(disk: fsynced write at %s GB/s)", limit / 1e9, Report.rate(disk.octets(), disk.median())));
        }

        Row pair = find(rows, "reference", "reference pair", size);
        Row python = find(rows, "python", "Python pair", size);
        Row rsyncFsync = find(rows, "rsync", "rsync daemon, --whole-file --fsync", size);
        Row rsync = find(rows, "rsync", "rsync daemon, --whole-file", size);
        Row inProcess = find(rows, "reference", "reference upload", size);
        Row naive = find(rows, "naive", "naive", size);
        Row sha = find(rows, "limit", "SHA-256", size);
        String name = "reference " + Sizes.format(size) + " pair";
        List<List<String>> ratios = Report.rows(List.of("ratio (throughput, unless CPU)", "value"));
        if (ok(pair) && ok(python)) {
            double r = python.median() / pair.median();
            ratios.add(List.of("reference pair / Python pair", Report.ratio(r)));
            target(name + " >= 1.0 x the Python pair", r, 1.0);
            double client = pair.cpuPerGib(true) / python.cpuPerGib(true);
            double server = pair.cpuPerGib(false) / python.cpuPerGib(false);
            if (!Double.isNaN(client) && !Double.isNaN(server)) {
                ratios.add(List.of("CPU: reference client / Python client", Report.ratio(client)));
                ratios.add(List.of("CPU: reference server / Python server", Report.ratio(server)));
                target(name + ": client CPU per GiB <= the Python client's", cpu(pair.cpuPerGib(true)) + " s against "
                        + cpu(python.cpuPerGib(true)) + " s", client <= 1.0);
                target(name + ": server CPU per GiB <= the Python server's", cpu(pair.cpuPerGib(false)) + " s against "
                        + cpu(python.cpuPerGib(false)) + " s (JIT compiler "
                        + cpu(pair.perGib(Processes.Sample::serverJitCpu)) + " s)", server <= 1.0);
            }
        }
        if (ok(pair) && limit != null) {
            double r = pair.octets() / pair.median() / limit;
            ratios.add(List.of("reference pair / limit", Report.ratio(r)));
            target(name + " >= 0.80 of the limit", r, 0.80);
        }
        if (ok(pair) && ok(rsyncFsync)) {
            double r = rsyncFsync.median() / pair.median();
            ratios.add(List.of("reference pair / rsync daemon with --fsync", Report.ratio(r)));
            target(name + " >= rsync daemon with --fsync", r, 1.0);
        }
        if (ok(pair) && ok(rsync)) {
            ratios.add(List.of("reference pair / rsync daemon (no flush)", Report.ratio(rsync.median() / pair.median())));
        }
        if (ok(inProcess) && limit != null) {
            ratios.add(List.of("reference in process / limit",
                    Report.ratio(inProcess.octets() / inProcess.median() / limit)));
        }
        if (ok(inProcess) && ok(naive)) {
            ratios.add(List.of("naive / reference in process", Report.ratio(inProcess.median() / naive.median())));
        }
        if (ok(pair) && ok(sha)) {
            ratios.add(List.of("reference pair / SHA-256 on one core", Report.ratio(sha.median() / pair.median())));
        }
        if (ratios.size() > 1) {
            report.line("");
            report.table(ratios);
        }
    }

    private static String cpu(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.2f", seconds);
    }

    /** A server's JIT share: blank for one without a JIT compiler (Python, rsync). */
    private static String jit(double seconds) {
        return seconds > 0 ? cpu(seconds) : "";
    }

    /** The row of {@code bench} whose description starts with {@code what} (the shortest such), for {@code octets}. */
    private static Row find(Map<String, Row> rows, String bench, String what, long octets) {
        return rows.values().stream()
                .filter(r -> r.bench().equals(bench) && r.what().startsWith(what) && r.octets() == octets)
                .min((a, b) -> Integer.compare(a.what().length(), b.what().length()))
                .orElse(null);
    }

    private static boolean ok(Row row) {
        return row != null && row.problem() == null && !row.samples().isEmpty();
    }

    private void target(String what, double value, double atLeast) {
        targets.put(what, String.format(Locale.ROOT, "%.3f", value) + (value >= atLeast ? "  holds" : "  MISSED"));
    }

    private void target(String what, String value, boolean holds) {
        targets.put(what, value + (holds ? "  holds" : "  MISSED"));
    }

    // ---- concurrency, idle connections -----------------------------------------------

    private void concurrency(Path work) throws IOException, InterruptedException {
        report.heading("Concurrency: " + clients + " clients at once, " + Sizes.format(clientSize)
                + " each, server in its own process with -Xmx" + ServerProcess.MAX_HEAP);
        Path storage = Files.createDirectories(work.resolve("storage"));
        Path file = Throughput.randomFile(work.resolve("client.bin"), clientSize, 44);
        Concurrency.Uploads uploads;
        ServerProcess.Heap heap;
        ServerProcess server = new ServerProcess(ServerProcess.launcher(xferJar), work, storage, Duration.ofSeconds(30));
        try {
            uploads = Concurrency.uploads(server.port(), file, storage, clients, Duration.ofMinutes(3));
        } finally {
            server.close();
        }
        heap = server.heap();
        List<List<String>> table = Report.rows(List.of("clients", "completed", "failed", "stored intact", "wall s",
                "peak heap MiB", "peak live heap MiB", "GCs", "peak threads", "peak RSS MiB"));
        table.add(List.of(String.valueOf(uploads.clients()), String.valueOf(uploads.completed()),
                String.valueOf(uploads.failed()), String.valueOf(uploads.storedIntact()),
                Report.seconds(uploads.seconds()), String.valueOf(heap.peakUsedMib()), String.valueOf(heap.peakLiveMib()),
                String.valueOf(heap.collections()), String.valueOf(server.peakThreads()),
                String.valueOf(server.peakRssKib() >> 10)));
        report.table(table);
        if (uploads.failed() > 0) {
            report.line("first failure: " + uploads.firstFailure());
        }
        server.problems().forEach(p -> report.line("server: " + p));
        boolean holds = uploads.failed() == 0 && uploads.storedIntact() == clients && heap.peakUsedMib() < 256;
        target(clients + " concurrent uploads: zero failures, heap < 256 MiB",
                uploads.failed() + " failed, " + heap.peakUsedMib() + " MiB", holds);
        if (uploads.storedIntact() != uploads.completed()) {
            report.line("LOST DATA: " + uploads.completed() + " completed but " + uploads.storedIntact() + " stored intact");
            broken = true;
        }
    }

    private void idle(Path work) throws IOException, InterruptedException {
        report.heading("Idle connections: " + idle + " held open, idle timeout " + idleTimeout
                + " s, server in its own process with -Xmx" + ServerProcess.MAX_HEAP);
        Path storage = Files.createDirectories(work.resolve("storage"));
        Path file = Throughput.randomFile(work.resolve("client.bin"), clientSize, 45);
        Concurrency.Idle result;
        ServerProcess server = new ServerProcess(ServerProcess.launcher(xferJar), work, storage,
                Duration.ofSeconds(idleTimeout));
        try {
            result = Concurrency.idle(server, server.port(), file, idle, Duration.ofSeconds(idleTimeout),
                    Duration.ofSeconds(30));
        } finally {
            server.close();
        }
        ServerProcess.Heap heap = server.heap();
        List<List<String>> table = Report.rows(List.of("held", "refused", "open s", "new upload", "upload s",
                "server up", "ERROR 408", "closed other", "still open", "closed within s", "peak heap MiB",
                "peak threads", "peak RSS MiB"));
        table.add(List.of(String.valueOf(result.opened()), String.valueOf(result.refused()),
                Report.seconds(result.openSeconds()), result.uploadOk() ? "ok" : "FAILED",
                Report.seconds(result.uploadSeconds()), result.aliveAfter() ? "yes" : "NO",
                String.valueOf(result.timedOutWith408()), String.valueOf(result.closedOtherwise()),
                String.valueOf(result.stillOpen()), Report.seconds(result.closeSeconds()),
                String.valueOf(heap.peakUsedMib()), String.valueOf(server.peakThreads()),
                String.valueOf(server.peakRssKib() >> 10)));
        report.table(table);
        if (!result.uploadOk()) {
            report.line("the new upload failed: " + result.uploadProblem());
        }
        server.problems().forEach(p -> report.line("server: " + p));
        boolean holds = result.refused() == 0 && result.uploadOk() && result.aliveAfter() && result.stillOpen() == 0;
        target(idle + " idle connections: server up, new upload served, idle ones timed out",
                result.refused() + " refused, upload " + (result.uploadOk() ? "ok" : "failed") + ", "
                        + result.stillOpen() + " never timed out", holds);
    }

    // ---- suites -----------------------------------------------------------------------

    private void suites(Path work) throws IOException, InterruptedException {
        report.heading("Conformance suites against the bundled reference");
        Path jar = conformanceJar != null ? conformanceJar : findInProject("conformance/target/xfer-conformance.jar");
        if (jar == null || !Files.isRegularFile(jar)) {
            report.line("suite: skipped, no conformance jar" + (jar == null ? "" : " at " + jar)
                    + " (build it: mvn -B -q package -DskipTests, or give --conformance-jar)");
            return;
        }
        List<List<String>> table = Report.rows(List.of("suite", "exit", "wall s", "verdicts"));
        for (String suite : List.of("server", "client")) {
            Suite.Run run = Suite.run(jar, suite, List.of(), Files.createDirectories(work), Duration.ofMinutes(5));
            table.add(List.of(suite, String.valueOf(run.exitStatus()), Report.seconds(run.seconds()),
                    run.counts().isEmpty() ? "no summary.json" : run.counts().toString()));
            target("full " + suite + " suite <= 60 s", Report.seconds(run.seconds()) + " s, exit " + run.exitStatus(),
                    run.seconds() <= 60 && run.exitStatus() == 0);
        }
        report.table(table);
    }

    /** A file of the project, looked for above the working directory and above this program's jar. */
    private static Path findInProject(String relative) {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // the working directory will do
        }
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(relative);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    // ---- summary ----------------------------------------------------------------------

    private void summary(double seconds) {
        report.heading("Targets");
        if (targets.isEmpty()) {
            report.line("(none measured in this run)");
        } else {
            List<List<String>> table = Report.rows(List.of("target", "measured"));
            targets.forEach((what, value) -> table.add(Arrays.asList(what, value)));
            report.table(table);
        }
        report.line("");
        report.line(String.format(Locale.ROOT, "benchmarks took %.0f s; load average at the end %s", seconds,
                loadAverage()));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
