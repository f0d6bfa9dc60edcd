package xferlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import xferlab.conformance.target.ProcessGroup;
import xferlab.conformance.target.Python;

/**
 * Every shell block of the stage sheets that runs the suite is run as written, in a
 * directory that holds what a student's directory holds: {@code xfer-conformance.jar}
 * and the two files of a language's skeleton. The cases each command fails, leaves
 * not reached and warns about must be exactly the ones the sheet's claims file lists
 * as such ({@link Sheets#claims}), every other case must pass, the exit status must
 * follow (a case not reached fails the run, a warning does not), and each excerpt of
 * suite output that the sheet quotes must appear in what those runs printed.
 *
 * <p>Two liberties are taken with "as written": {@code --seed} is added to each suite
 * command (when a claim breaks, the failure replays), and the runs go two at a time,
 * each in a directory of its own, to keep the build near two minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SheetCommandsTest {
    /** A fixed seed, so that a broken claim fails the same way on the next build. */
    static final String SEED = "20251125";
    /** A bound on one block's run: the longest (stage 6, the Java client) takes about 40 s. */
    private static final long BLOCK_BOUND_SECONDS = 240;
    private static final Pattern CASE_LINE = Pattern.compile("^  (ok|FAIL|WARN|----|TIME|ERR|skip)\\s+(\\S+) \\[");

    /** One shell block of a stage sheet that runs the suite, and what it printed. */
    record Block(Path sheet, int index, List<String> commands) {
        String label() {
            return sheet.getFileName() + " block " + index;
        }

        String suiteCommand() {
            List<String> suite = commands.stream().filter(c -> c.startsWith(Sheets.SUITE)).toList();
            assertThat(suite).as("one suite command per block in " + label()).hasSize(1);
            return suite.get(0);
        }
    }

    /** What the commands of a block did: the suite's exit status and output, and the cases' verdicts. */
    record Ran(int exit, String output, Map<String, String> verdicts, long millis) {
        /** The cases that broke a requirement they own: {@code FAIL}, or {@code TIME} (no answer in time). */
        Set<String> failing() {
            return with("FAIL", "TIME");
        }

        /** The cases that never got to their own check: {@code ----}. */
        Set<String> notReached() {
            return with("----");
        }

        /** The cases that missed a SHOULD: {@code WARN}. */
        Set<String> warned() {
            return with("WARN");
        }

        private Set<String> with(String... labels) {
            Set<String> cases = new LinkedHashSet<>();
            verdicts.forEach((id, verdict) -> {
                if (List.of(labels).contains(verdict)) {
                    cases.add(id);
                }
            });
            return cases;
        }
    }

    private final List<Block> blocks = new ArrayList<>();
    private final Map<Block, CompletableFuture<Ran>> runs = new LinkedHashMap<>();
    private ExecutorService pool;
    private Path work;

    @BeforeAll
    void startEveryRun() throws IOException {
        Assumptions.assumeTrue(Python.available(),
                "python3 does not run here: the sheets' Python commands cannot be checked");
        Path jar = Path.of(System.getProperty("xfer.conformance.jar", "../conformance/target/xfer-conformance.jar"));
        assertThat(jar).as("the suite's jar: build it first (mvn -B -o install -DskipTests)").isRegularFile();
        work = Files.createTempDirectory("xfer-labs-");
        for (Path sheet : Sheets.stageSheets()) {
            List<List<String>> shell = Sheets.shellBlocks(sheet);
            for (int i = 0; i < shell.size(); i++) {
                if (shell.get(i).stream().anyMatch(c -> c.startsWith(Sheets.SUITE))) {
                    blocks.add(new Block(sheet, i + 1, shell.get(i)));
                }
            }
        }
        // Two at a time: the machine has two cores, and the suite's timing cases need some slack.
        pool = Executors.newFixedThreadPool(2);
        // The slowest first, so that the two lanes end close together.
        List<Block> order = new ArrayList<>(blocks);
        order.sort(Comparator.comparing((Block b) -> b.suiteCommand().contains("XferClient") ? 0
                : Sheets.stageOf(b.sheet()) == 4 || Sheets.stageOf(b.sheet()) == 2 ? 1 : 2));
        for (Block block : order) {
            Path dir = Files.createDirectory(work.resolve(block.sheet().getFileName() + "-" + block.index()));
            runs.put(block, CompletableFuture.supplyAsync(() -> run(block, dir, jar.toAbsolutePath()), pool));
        }
    }

    @AfterAll
    void stop() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @TestFactory
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    Stream<DynamicTest> eachSuiteCommandFailsExactlyTheCasesItsSheetClaims() {
        assertThat(blocks).as("suite commands in the stage sheets").hasSizeGreaterThanOrEqualTo(2 * 6);
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.label() + ": " + block.suiteCommand(), () -> {
            Ran ran = runs.get(block).get(BLOCK_BOUND_SECONDS + 30, TimeUnit.SECONDS);
            int stage = Sheets.stageOf(block.sheet());
            Sheets.Skeleton skeleton = Sheets.Skeleton.of(block.suiteCommand());
            String claimFile = skeleton.claimFile(stage);
            assertThat(Sheets.includedClaims(block.sheet())).as(block.label() + " shows its claim")
                    .contains(claimFile);
            Sheets.Claims claims = Sheets.claims(claimFile);
            String context = block.label() + " (" + ran.millis() + " ms)\n" + ran.output();

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(ran.verdicts()).as("cases that ran\n" + context).isNotEmpty();
            soft.assertThat(ran.verdicts().keySet()).as("every claimed case runs, in " + claimFile + "\n" + context)
                    .containsAll(claims.all());
            Set<String> failing = new LinkedHashSet<>(ran.failing());
            failing.removeAll(claims.sometimes());
            soft.assertThat(failing).as("the failing cases (FAIL, TIME) are exactly those " + claimFile
                    + " lists without a prefix\n" + context).containsExactlyInAnyOrderElementsOf(claims.failing());
            claims.sometimes().forEach(id -> soft.assertThat(ran.verdicts().get(id))
                    .as(id + " passes or fails, as 'sometimes:' in " + claimFile + " says\n" + context)
                    .isIn("ok", "FAIL", "TIME"));
            soft.assertThat(ran.notReached()).as("the cases not reached (----) are exactly the 'not reached:' lines of "
                    + claimFile + "\n" + context).containsExactlyInAnyOrderElementsOf(claims.notReached());
            soft.assertThat(ran.warned()).as("the warnings (WARN) are exactly the 'warn:' lines of " + claimFile
                    + "\n" + context).containsExactlyInAnyOrderElementsOf(claims.warned());
            ran.verdicts().forEach((id, verdict) -> {
                if (!claims.all().contains(id)) {
                    soft.assertThat(verdict).as(id + " is not claimed in " + claimFile + ", so it passes\n" + context)
                            .isEqualTo("ok");
                }
            });
            // A case not reached fails the run; a warning does not (the suite's default, without --strict).
            boolean fails = claims.runFails() || !ran.failing().isEmpty();
            soft.assertThat(ran.exit()).as("exit status\n" + context).isEqualTo(fails ? 1 : 0);
            soft.assertAll();
        }));
    }

    /**
     * A stage sheet's excerpts must appear in what its own commands printed; the index's,
     * which explain the output in general, in what any stage sheet's commands printed.
     */
    @TestFactory
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    Stream<DynamicTest> eachQuotedExcerptOfSuiteOutputAppearsInItsSheetsRuns() {
        List<Path> sheets = new ArrayList<>(Sheets.stageSheets());
        sheets.add(Sheets.docs().resolve("index.adoc"));
        return sheets.stream().flatMap(sheet -> {
            List<List<String>> excerpts = Sheets.outputExcerpts(sheet);
            boolean index = sheet.getFileName().toString().equals("index.adoc");
            return java.util.stream.IntStream.range(0, excerpts.size()).mapToObj(i -> DynamicTest.dynamicTest(
                    sheet.getFileName() + " excerpt " + (i + 1), () -> {
                        StringBuilder printed = new StringBuilder();
                        for (Map.Entry<Block, CompletableFuture<Ran>> entry : runs.entrySet()) {
                            if (index || entry.getKey().sheet().equals(sheet)) {
                                printed.append(entry.getValue().get(BLOCK_BOUND_SECONDS + 30, TimeUnit.SECONDS).output());
                            }
                        }
                        String all = printed.toString();
                        assertThat(all).as(sheet.getFileName() + " has suite runs").isNotEmpty();
                        for (String line : excerpts.get(i)) {
                            assertThat(Sheets.excerptLine(line).matcher(all).find())
                                    .as("the quoted line appears in what the sheet's commands printed:\n" + line)
                                    .isTrue();
                        }
                    }));
        });
    }

    /** Runs a block's commands in order, in its own directory set up like a student's. */
    private static Ran run(Block block, Path dir, Path jar) {
        long started = System.nanoTime();
        try {
            Files.createSymbolicLink(dir.resolve("xfer-conformance.jar"), jar);
            for (Sheets.Skeleton skeleton : Sheets.Skeleton.values()) {
                Path source = Sheets.skeletons().resolve(skeleton.source).toAbsolutePath();
                Files.createSymbolicLink(dir.resolve(source.getFileName()), source);
            }
            StringBuilder output = new StringBuilder();
            int suiteExit = -1;
            for (String command : block.commands()) {
                boolean suite = command.startsWith(Sheets.SUITE);
                String line = suite && !command.contains("--seed") ? command + " --seed " + SEED : command;
                Result result = shell(line, dir, BLOCK_BOUND_SECONDS);
                output.append("$ ").append(line).append('\n').append(result.output());
                if (suite) {
                    suiteExit = result.exit();
                } else if (result.exit() != 0) {
                    throw new AssertionError(block.label() + ": `" + command + "` exited " + result.exit()
                            + "\n" + result.output());
                }
            }
            Map<String, String> verdicts = new LinkedHashMap<>();
            for (String line : output.toString().lines().toList()) {
                Matcher matcher = CASE_LINE.matcher(line);
                if (matcher.find()) {
                    verdicts.put(matcher.group(2), matcher.group(1));
                }
            }
            return new Ran(suiteExit, output.toString(), verdicts, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String output) {
    }

    /**
     * {@code bash -c LINE} in {@code dir}, with {@code PWD} naming it (the sheets' commands
     * say {@code $PWD/server.py}); killed with everything it started past the bound.
     */
    static Result shell(String line, Path dir, long boundSeconds) throws IOException {
        Path log = Files.createTempFile(dir, "output-", ".txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", line).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PWD", dir.toAbsolutePath().toString());
        Process process = builder.start();
        try {
            if (!process.waitFor(boundSeconds, TimeUnit.SECONDS)) {
                ProcessGroup.of(process).stop(Duration.ZERO);
                throw new AssertionError("still running after " + boundSeconds + " s: " + line + "\n"
                        + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessGroup.of(process).stop(Duration.ZERO);
            throw new AssertionError("interrupted while running " + line, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
