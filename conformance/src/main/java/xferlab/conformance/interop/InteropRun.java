package xferlab.conformance.interop;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the matrix: every client against every server, a few pairs at a time, a
 * line per pair as it ends; then each side of a failing pair once through its own
 * suite, so that the blame rests on the suites' checks as well as on the exchange.
 */
public final class InteropRun {

    /**
     * What a run needs besides the implementations.
     *
     * @param launchers     how implementations start
     * @param set           the files to upload
     * @param clientTimeout the timeout each client is told ({@code {timeout}})
     * @param pairTimeout   how long one pair may take
     * @param jobs          how many pairs (and suites) run at once
     * @param suiteLevel    the level each side's own suite runs to; 0 not to run them
     * @param suiteTimeout  how long one side's suite may take
     * @param seed          the suites' seed
     */
    public record Settings(Launchers launchers, UploadSet set, Duration clientTimeout, Duration pairTimeout, int jobs,
                           int suiteLevel, Duration suiteTimeout, long seed) {
    }

    private final List<Implementation> servers;
    private final List<Implementation> clients;
    private final Settings settings;
    private final java.util.function.BiFunction<Side, Implementation, List<String>> suiteTarget;
    private final PrintStream out;

    /**
     * @param suiteTarget the options that point a child suite at an implementation ({@code --launch CMD}, or a
     *                    container's), empty for the reference; given the side, since the suites name them alike
     */
    public InteropRun(List<Implementation> servers, List<Implementation> clients, Settings settings,
                      java.util.function.BiFunction<Side, Implementation, List<String>> suiteTarget, PrintStream out) {
        this.servers = List.copyOf(servers);
        this.clients = List.copyOf(clients);
        this.settings = settings;
        this.suiteTarget = suiteTarget;
        this.out = out;
    }

    /** Runs every pair, then the suites of failing pairs' sides; reports go under {@code reports}. */
    public Matrix run(Path work, Path reports) throws IOException, InterruptedException {
        Path files = work.resolve("files");
        settings.set().writeTo(files);
        PairRun pairRun = new PairRun(settings.launchers(), settings.set(), files, settings.clientTimeout(),
                settings.pairTimeout());
        int width = (servers.stream().mapToInt(i -> i.name().length()).max().orElse(0)
                + clients.stream().mapToInt(i -> i.name().length()).max().orElse(0) + 3);
        List<Callable<PairResult>> tasks = new ArrayList<>();
        for (Implementation server : servers) {
            for (Implementation client : clients) {
                tasks.add(() -> {
                    PairResult result;
                    try {
                        result = pairRun.run(server, client, work.resolve("pairs").resolve(server.name()
                                + "--" + client.name()));
                    } catch (RuntimeException e) {
                        // One pair's trouble (an engine that lost a container, say) is that cell's, not the matrix's.
                        result = new PairResult(server, client, List.of(), "the pair could not run: " + e,
                                null, "", 0);
                    }
                    synchronized (out) {
                        out.printf("  %-" + width + "s  %s  (%.1f s)%n", server.name() + " x " + client.name(),
                                result.passed() ? "pass" : "FAIL  " + firstWords(result),
                                result.millis() / 1000.0);
                        out.flush();
                    }
                    return result;
                });
            }
        }
        List<PairResult> pairs = all(tasks);

        Map<String, SuiteVerdict> verdicts = new LinkedHashMap<>();
        if (settings.suiteLevel() > 0) {
            SuiteVerdicts suites = new SuiteVerdicts(reports.resolve("suites"), settings.suiteLevel(), settings.seed(),
                    settings.suiteTimeout());
            Set<String> wanted = new LinkedHashSet<>();
            List<Callable<SuiteVerdict>> runs = new ArrayList<>();
            for (PairResult pair : pairs) {
                if (pair.passed()) {
                    continue;
                }
                for (Side side : List.of(Side.SERVER, Side.CLIENT)) {
                    Implementation implementation = side == Side.SERVER ? pair.server() : pair.client();
                    if (wanted.add(side.word() + "/" + implementation.name())) {
                        runs.add(() -> {
                            SuiteVerdict verdict = suites.of(side, implementation,
                                    suiteTarget.apply(side, implementation));
                            synchronized (out) {
                                out.printf("  %-" + width + "s  %s%n", side.word() + " " + implementation.name(),
                                        verdict.describe(settings.suiteLevel()));
                                out.flush();
                            }
                            return verdict;
                        });
                    }
                }
            }
            if (!runs.isEmpty()) {
                out.println("Each side of a failing pair, through its own suite (level 1"
                        + (settings.suiteLevel() > 1 ? " to " + settings.suiteLevel() : "") + "):");
                for (SuiteVerdict verdict : all(runs)) {
                    verdicts.put(verdict.side().word() + "/" + verdict.name(), verdict);
                }
            }
        }
        Map<String, Blame> blames = new LinkedHashMap<>();
        for (PairResult pair : pairs) {
            blames.put(pair.slug(), Blame.of(pair, verdicts.get("server/" + pair.server().name()),
                    verdicts.get("client/" + pair.client().name()), settings.suiteLevel()));
        }
        return new Matrix(servers, clients, pairs, blames, List.copyOf(verdicts.values()), settings.set(),
                settings.seed(), settings.suiteLevel());
    }

    /** The first rule the exchange shows broken, or the first thing that failed. */
    private static String firstWords(PairResult result) {
        List<Breach> breaches = result.breaches();
        if (!breaches.isEmpty()) {
            Breach first = breaches.get(0);
            return first.side().word() + (first.requirement().isEmpty() ? "" : " " + first.requirement()) + ": "
                    + shorten(first.what());
        }
        if (!result.problem().isEmpty()) {
            return shorten(result.problem());
        }
        return result.uploads().stream().filter(u -> !u.passed()).findFirst()
                .map(u -> u.file().name() + ": " + shorten(u.failures().get(0))).orElse("");
    }

    private static String shorten(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 100 ? line.substring(0, 100) + "..." : line;
    }

    /** Runs the tasks, {@code jobs} at a time, and returns their results in order. */
    private <T> List<T> all(List<Callable<T>> tasks) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(settings.jobs());
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    throw new IllegalStateException("a pair's run failed: " + e.getCause(), e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
