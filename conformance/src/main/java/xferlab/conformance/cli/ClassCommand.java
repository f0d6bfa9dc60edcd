package xferlab.conformance.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xferlab.conformance.grade.CaseOutcome;
import xferlab.conformance.grade.ClassGrades;
import xferlab.conformance.grade.ClassRun;
import xferlab.conformance.grade.GradesPage;
import xferlab.conformance.grade.Weights;
import xferlab.conformance.grade.Grade;
import xferlab.conformance.grade.Roster;
import xferlab.conformance.report.Json;
import xferlab.conformance.report.Verdict;
import xferlab.conformance.run.PlannedCase;
import xferlab.conformance.run.Selection;
import xferlab.spec.Catalogue;

/**
 * Grades a whole class: runs the suite against every submission of a roster,
 * each in a JVM of its own (a submission that wedges or crashes the suite
 * harms only its own row), a few at a time, with the same seed for all.
 */
@Command(name = "class",
        mixinStandardHelpOptions = true,
        description = "Grades a class: runs the server (or client) suite against every submission in a roster, a "
            + "few at a time, with one seed for all, and writes grades.csv and grades.html (scores, levels, and "
            + "each student's standing on each requirement, what to re-teach) plus each submission's own reports.",
        footerHeading = "%nRoster (one submission per line; # starts a comment):%n",
        footer = {
            "  alice: python3 subs/alice/server.py --port {port} --dir {dir} --idle-timeout {idle}",
            "  bob: java -jar subs/bob/server.jar {port} {dir}",
            "  carol: docker:carol-xfer-server:1     (the image's entrypoint; needs a Docker engine)",
            "",
            "Example:",
            "  java -jar xfer-conformance.jar class --roster roster.txt --report grades --weights weights.properties",
            "  java -jar xfer-conformance.jar class --roster roster.txt --isolate docker --image python:3.12-slim \\",
            "      --image-mount $PWD/subs:/subs      (roster commands then name /subs/... paths)",
            "",
            "Exit status:",
            "  0   every submission was graded (whatever its score)",
            "  1   some submission could not be graded in full: it never started, started and exited before it",
            "      listened, or was stopped by --submission-timeout (see the note in its row)",
            "  2   usage error (a bad roster, weights file or option), or no Docker engine for containers"})
final class ClassCommand implements Callable<Integer> {

    enum Suite { SERVER, CLIENT }

    enum Isolation { NONE, DOCKER }

    @Option(names = "--roster", paramLabel = "FILE", required = true,
            description = "The submissions: one 'name: launch command' per line.")
    Path roster;

    @Option(names = "--suite", paramLabel = "SUITE", defaultValue = "server",
            description = "Which suite to run: server or client (default: ${DEFAULT-VALUE}).")
    Suite suite;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "grades",
            description = "Where grades.csv, grades.html and one directory per submission go "
                    + "(default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
            description = "How many submissions run at once (default: ${DEFAULT-VALUE}; each runs a suite JVM "
                    + "and the submission).")
    int parallel;

    @Option(names = "--submission-timeout", paramLabel = "S", defaultValue = "900",
            description = "Longest a submission's whole run may take before it is stopped and scored zero; at "
                    + "least 10 (default: ${DEFAULT-VALUE}). A full server run takes about 20 s for a correct "
                    + "server and 2 to 5 minutes for one that answers nothing.")
    long submissionTimeoutSeconds;

    @Option(names = "--level", paramLabel = "N", description = "Grade levels 1 to N only (default: all).")
    Integer level;

    @Option(names = "--only", paramLabel = "ID", split = ",",
            description = "Grade only these cases, requirement IDs or groups, as the suites take them.")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "ID", split = ",",
            description = "Leave these cases out of the grade: case names, requirement IDs or groups.")
    List<String> skip = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "One seed for every submission (default: random, printed).")
    Long seed;

    @Option(names = "--weights", paramLabel = "FILE", description = "Grading weights (default: the built-in ones).")
    Path weightsFile;

    @Option(names = "--isolate", paramLabel = "HOW", defaultValue = "none",
            description = "none: run each roster command on this machine (default); docker: run it in a container "
                    + "of --image, as sh -c COMMAND (needs a Docker engine). A roster line 'name: docker:IMAGE' "
                    + "always runs IMAGE's own entrypoint in a container.")
    Isolation isolate;

    @CommandLine.ArgGroup(exclusive = false, heading = "%nContainers (with --isolate docker or docker:IMAGE lines):%n")
    ImageOptions image;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The points a perfect submission scores, for rows the suite could not grade. */
    private double total;

    /** The weights read and checked once, for the stage points at the top of grades.html. */
    private Weights weights;

    /** The cases the selection runs, before any submission ran them. */
    private List<PlannedCase> planned = List.of();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Roster submissions = loadRoster();
        checkOptions();
        checkContainers(submissions);
        if (submissions.submissions().stream().anyMatch(submission -> containers().inContainer(submission.command()))) {
            String problem = ImageOptions.engineProblem();
            if (problem != null) {
                System.err.println(problem);
                return 2;
            }
        }
        long runSeed = seed != null ? seed : new java.util.Random().nextLong() & Long.MAX_VALUE;
        Instant startedAt = Instant.now();
        Files.createDirectories(reportDir);
        out.printf("Grading %d submission%s with the %s suite, %d at a time, seed %d%n",
                submissions.submissions().size(), submissions.submissions().size() == 1 ? "" : "s",
                suite.name().toLowerCase(), parallel, runSeed);

        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<ClassGrades.Row>> futures = new ArrayList<>();
        try {
            for (Roster.Submission submission : submissions.submissions()) {
                futures.add(pool.submit(() -> {
                    // A line when each submission starts and one when it ends: a class takes minutes.
                    synchronized (out) {
                        out.printf("  %-20s started%n", submission.name());
                        out.flush();
                    }
                    long started = System.nanoTime();
                    ClassGrades.Row row = grade(submission, runSeed);
                    synchronized (out) {
                        out.printf("  %-20s %7s / %s  level %d  (%d s)%s%n", row.name(), Grade.format(row.score()),
                                Grade.format(row.maxScore()), row.levelReached(),
                                (System.nanoTime() - started) / 1_000_000_000L,
                                row.note().isEmpty() ? "" : "  (" + row.note() + ")");
                        out.flush();
                    }
                    return row;
                }));
            }
            List<ClassGrades.Row> rows = new ArrayList<>();
            for (Future<ClassGrades.Row> future : futures) {
                rows.add(future.get());
            }
            Path csv = reportDir.resolve("grades.csv");
            Path html = reportDir.resolve("grades.html");
            Catalogue catalogue = Catalogue.load();
            ClassRun run = classRun(rows, runSeed, startedAt, catalogue);
            Files.writeString(csv, ClassGrades.csv(rows, run.requirements()), StandardCharsets.UTF_8);
            Files.writeString(html, GradesPage.html(rows, run, catalogue), StandardCharsets.UTF_8);
            out.println("wrote " + csv);
            out.println("wrote " + html);
            // 1 when a submission could not be graded in full: stopped by the timeout, or never got going.
            return rows.stream().anyMatch(r -> r.exit() < 0 || r.exit() >= 2) ? 1 : 0;
        } finally {
            pool.shutdownNow();
        }
    }

    private Roster loadRoster() {
        try {
            return Roster.load(roster);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--roster: cannot read " + roster + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--roster: " + e.getMessage());
        }
    }

    /** Bad options are refused here, once, not once per submission. */
    private void checkOptions() {
        CommandLine commandLine = spec.commandLine();
        if (parallel < 1 || parallel > 16) {
            throw new CommandLine.ParameterException(commandLine, "--parallel must be 1 to 16");
        }
        if (submissionTimeoutSeconds < 10) {
            throw new CommandLine.ParameterException(commandLine, "--submission-timeout must be at least 10");
        }
        RunOptions options = new RunOptions();
        options.level = level;
        options.only = only;
        options.skip = skip;
        options.weightsFile = weightsFile;
        options.formats = List.of(RunOptions.Format.GRADESCOPE);
        String casesPackage = suite == Suite.SERVER ? ServerSuiteCommand.CASES : ClientSuiteCommand.CASES;
        var runner = new xferlab.conformance.run.SuiteRunner(casesPackage);
        Catalogue catalogue = Catalogue.load();
        options.validate(commandLine, catalogue, runner.caseIds());
        // The weights were read and checked just now: the total for rows the suite could not grade.
        weights = options.weights();
        total = weights.total();
        Selection selection = options.selection();
        planned = runner.plan(catalogue, selection);
        if (planned.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, "no case matches the selection (--level, --only, --skip)");
        }
    }

    /**
     * How the class was graded, for the top of grades.html. The stage points come from
     * the cases a submission's run actually graded (the server suite adds a last check
     * after its cases), or from the plan when no run wrote any.
     */
    private ClassRun classRun(List<ClassGrades.Row> rows, long runSeed, Instant startedAt, Catalogue catalogue) {
        List<List<String>> cases = rows.stream().map(ClassGrades.Row::cases).filter(c -> !c.isEmpty()).findFirst()
                .map(c -> c.stream().map(CaseOutcome::requirements).toList())
                .orElse(planned.stream().map(PlannedCase::requirements).toList());
        Map<Integer, Double> points = weights.points(cases, suite == Suite.CLIENT, catalogue);
        List<ClassRun.StagePoints> stages = weights.stages().stream().filter(s -> points.containsKey(s.number()))
                .map(s -> new ClassRun.StagePoints(s.number(), points.get(s.number()), s.covers())).toList();
        String version = String.join(" ", spec.root().version());
        String source = weightsFile == null ? "the built-in defaults (print them with: weights)"
                : weightsFile.toString();
        List<String> requirements = ClassGrades.requirements(rows,
                planned.stream().flatMap(c -> c.requirements().stream()).toList(), catalogue);
        return new ClassRun(suite.name().toLowerCase(), version, runSeed, startedAt, source, stages, requirements);
    }

    private RosterContainers containers() {
        return new RosterContainers(isolate == Isolation.DOCKER, image);
    }

    private void checkContainers(Roster submissions) {
        CommandLine commandLine = spec.commandLine();
        if (image != null && image.command != null) {
            throw new CommandLine.ParameterException(commandLine,
                    "--image-cmd: in class mode the roster gives each submission's command");
        }
        if (image != null) {
            image.spec(commandLine); // a bad limit or mount is refused here, once
        }
        for (Roster.Submission submission : submissions.submissions()) {
            containers().check(commandLine, "--roster: ", submission.name(), submission.command());
        }
    }

    /** Runs the suite on one submission in a JVM of its own and reads back its grade. */
    private ClassGrades.Row grade(Roster.Submission submission, long runSeed) throws IOException, InterruptedException {
        Path dir = reportDir.resolve(submission.name());
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("results.json"));
        Files.deleteIfExists(dir.resolve("summary.json"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ConformanceMain.class.getName(), suite.name().toLowerCase()));
        command.addAll(containers().suiteTarget(submission.command()));
        command.addAll(List.of("--seed", String.valueOf(runSeed), "--report", dir.toString(), "--format", "gradescope"));
        if (level != null) {
            command.addAll(List.of("--level", String.valueOf(level)));
        }
        if (!only.isEmpty()) {
            command.addAll(List.of("--only", String.join(",", only)));
        }
        if (!skip.isEmpty()) {
            command.addAll(List.of("--skip", String.join(",", skip)));
        }
        if (weightsFile != null) {
            command.addAll(List.of("--weights", weightsFile.toString()));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile())
                .start();
        int exit;
        String note = "";
        if (process.waitFor(submissionTimeoutSeconds, TimeUnit.SECONDS)) {
            exit = process.exitValue();
        } else {
            // The whole tree: the suite's own launched server would outlive a killed suite.
            xferlab.conformance.target.ProcessGroup.of(process).stop(java.time.Duration.ZERO);
            exit = -1;
            note = "stopped after " + submissionTimeoutSeconds + " s (--submission-timeout): scored zero of "
                    + Grade.format(total);
        }
        ClassGrades.Row row = row(submission.name(), dir, exit, note);
        if (exit < 0) {
            // Out of the same total as everyone else, so the table's columns still add up.
            row = new ClassGrades.Row(row.name(), 0, total, 0, row.levels(), row.counts(), exit, row.note(),
                    List.of());
        }
        return row;
    }

    /**
     * Why the suite could not start a submission, in its own words: a command that
     * could not run at all, or one that ran and exited before it listened.
     */
    private static String launchError(Path console) throws IOException {
        String prefix = "xfer-conformance: launch error: ";
        if (Files.exists(console)) {
            for (String line : Files.readAllLines(console)) {
                if (line.startsWith(prefix)) {
                    String reason = line.substring(prefix.length());
                    return (reason.contains("exited with status") ? "started, then exited: " : "never started: ")
                            + reason;
                }
            }
        }
        return "never started: the launch command could not be run";
    }

    /** What class mode reads of a submission's results.json: each test's points. */
    record GradescopeFile(List<GradescopeTest> tests) {
    }

    /** One test of results.json. */
    record GradescopeTest(double score, double max_score) {
    }

    /** A case the suite never ran, the submission having never started, says so in its message. */
    private static final String NOT_RUN = "not run: ";

    /**
     * What class mode reads of a submission's summary.json: each case's name, level,
     * requirements and verdict, and what a failure cites.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> summaryCases(Path summary) throws IOException {
        Object root = Json.parse(Files.readString(summary, StandardCharsets.UTF_8));
        Object cases = root instanceof Map<?, ?> map ? map.get("cases") : null;
        if (!(cases instanceof List<?> list)) {
            throw new IOException(summary + " lists no cases");
        }
        return (List<Map<String, Object>>) list;
    }

    private static CaseOutcome outcome(Map<String, Object> c) {
        Verdict verdict = Verdict.valueOf(String.valueOf(c.get("verdict")).toUpperCase(java.util.Locale.ROOT));
        List<String> requirements = c.get("requirements") instanceof List<?> ids
                ? ids.stream().map(String::valueOf).toList() : List.of();
        String cited = c.get("cited") instanceof String s ? s : "";
        String message = c.get("message") instanceof String s ? s : "";
        return new CaseOutcome(String.valueOf(c.get("case")), requirements, verdict, cited,
                !message.startsWith(NOT_RUN));
    }

    private static ClassGrades.Row row(String name, Path dir, int exit, String note) throws IOException {
        Path results = dir.resolve("results.json");
        Path summary = dir.resolve("summary.json");
        double score = 0;
        double max = 0;
        int[][] levels = new int[3][2];
        Map<String, Long> counts = new LinkedHashMap<>();
        List<CaseOutcome> cases = new ArrayList<>();
        if (exit >= 0 && Files.exists(results)) {
            for (GradescopeTest test : Json.read(Files.readString(results), GradescopeFile.class).tests()) {
                score += test.score();
                max += test.max_score();
            }
        } else if (note.isEmpty()) {
            note = "the suite wrote no grade (exit " + exit + "): see " + dir.resolve("console.txt");
        }
        if (exit >= 0 && Files.exists(summary)) {
            for (Map<String, Object> c : summaryCases(summary)) {
                int level = ((Number) c.get("level")).intValue();
                String verdict = String.valueOf(c.get("verdict"));
                levels[level - 1][1]++;
                levels[level - 1][0] += "passed".equals(verdict) ? 1 : 0;
                counts.merge(verdict, 1L, Long::sum);
                cases.add(outcome(c));
            }
        }
        if (exit == 2 && note.isEmpty()) {
            note = launchError(dir.resolve("console.txt"));
        }
        return new ClassGrades.Row(name, Grade.round(score), Grade.round(max), Grade.reached(levels), levels, counts,
                exit, note, List.copyOf(cases));
    }
}
