package xferlab.conformance.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import xferlab.conformance.grade.Weights;
import xferlab.conformance.run.Outputs;
import xferlab.conformance.run.RunSettings;
import xferlab.conformance.run.Selection;
import xferlab.spec.Catalogue;

/** The options both suites share: what to run, with which seed, and what to report. */
final class RunOptions {
    @Option(names = "--level", paramLabel = "N", description = "Run the cases of levels 1 to N only (1, 2 or 3; default: all).")
    Integer level;

    @Option(names = "--only", paramLabel = "ID", split = ",",
            description = "Run only these cases: case names, requirement IDs, or groups of IDs "
                    + "(XFER-LINE selects XFER-LINE-01, -02, ...), comma-separated.")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "ID", split = ",",
            description = "Leave out these cases, even where --only or --level takes them: case names, requirement "
                    + "IDs or groups, comma-separated.")
    List<String> skip = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for generated data and faults (default: random, printed).")
    Long seed;

    @Option(names = "--verbose", description = "Print every connection's full transcript.")
    boolean verbose;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write junit.xml, summary.json, report.html and conformance.adoc (for a lab "
                    + "report) into DIR.")
    Path reportDir;

    @Option(names = "--spec-url", paramLabel = "URL", defaultValue = xferlab.conformance.report.ReportFiles.SPEC_URL,
            description = "Where report.html links each requirement ID: the spec's HTML (default: ${DEFAULT-VALUE}, "
                    + "the spec beside a site's reports).")
    String specUrl = xferlab.conformance.report.ReportFiles.SPEC_URL;

    /** Grading outputs an instructor's platform reads. */
    enum Format { GRADESCOPE, CLASSROOM }

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "Also write grading output: gradescope (results.json, for Gradescope's autograder), "
                    + "classroom (deprecated, as GitHub Classroom is: classroom-result.json, and result=BASE64 "
                    + "appended to $GITHUB_OUTPUT when set, for its grading reporter). Into the --report directory, "
                    + "else the current one. Any CI reads junit.xml and summary.md from --report.")
    List<Format> formats = new ArrayList<>();

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Grading weights for --format (default: the built-in ones; print them with: "
                    + "xfer-conformance weights).")
    Path weightsFile;

    private Weights weights;

    @Option(names = "--strict",
            description = "Count a missed SHOULD as a failure: without it, a warning is shown apart and the run "
                    + "still passes (exit 0).")
    boolean strict;

    @Option(names = "--dry-run",
            description = "Check the options (and the --weights file), list the cases that would run, and exit "
                    + "without starting anything: 0 if the options are good, 2 if not.")
    boolean dryRun;

    @Option(names = "--rerun", paramLabel = "N", defaultValue = "0",
            description = "Run each failing case N more times, to tell a steady failure from a flaky one.")
    int reruns;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run every selected case N times, passing ones too: a case whose verdicts differ is "
                    + "flaky, and counts as failed (a race that loses only sometimes is still a race).")
    int repeats = 1;

    /** Checks the options; a bad one is a usage error (exit 2). */
    void validate(CommandLine commandLine, Catalogue catalogue, java.util.Set<String> caseIds) {
        if (level != null && (level < 1 || level > 3)) {
            throw new CommandLine.ParameterException(commandLine, "--level must be 1, 2 or 3");
        }
        if (weightsFile != null && formats.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, "--weights needs --format gradescope or classroom");
        }
        try {
            weights = weightsFile == null ? Weights.defaults(catalogue) : Weights.load(weightsFile, catalogue);
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(commandLine, "--weights: cannot read " + weightsFile + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--weights: " + e.getMessage());
        }
        if (reruns < 0) {
            throw new CommandLine.ParameterException(commandLine, "--rerun must be 0 or more");
        }
        if (repeats < 1) {
            throw new CommandLine.ParameterException(commandLine, "--repeat must be 1 or more");
        }
        checkNames(commandLine, "--only", only, catalogue, caseIds);
        checkNames(commandLine, "--skip", skip, catalogue, caseIds);
    }

    /**
     * For {@code --dry-run}: lists the selected cases.
     *
     * @return 0, or 2 when the selection takes no case
     */
    int listSelected(String casesPackage, Catalogue catalogue, java.io.PrintStream out) {
        var planned = new xferlab.conformance.run.SuiteRunner(casesPackage).plan(catalogue, selection());
        planned.forEach(c -> out.println(c.caseId() + " [" + String.join(", ", c.requirements()) + "]"));
        out.println(planned.size() + " case" + (planned.size() == 1 ? "" : "s") + " selected; the options are valid");
        return planned.isEmpty() ? 2 : 0;
    }

    Weights weights() {
        return weights;
    }

    /** A misspelt name would otherwise select (or leave out) nothing, and the run would pass. */
    private static void checkNames(CommandLine commandLine, String option, List<String> names, Catalogue catalogue,
                                   java.util.Set<String> caseIds) {
        for (String id : names) {
            if (id.startsWith("XFER-") && catalogue.find(id).isEmpty()
                    && catalogue.all().stream().noneMatch(r -> Selection.group(r.id()).equals(id))) {
                throw new CommandLine.ParameterException(commandLine, option + ": no requirement or group " + id
                        + " in the spec");
            }
            if (!id.startsWith("XFER-") && !caseIds.contains(id)) {
                throw new CommandLine.ParameterException(commandLine, option + ": no case named " + id
                        + " (the names are in the console report, or run with --verbose)");
            }
        }
    }

    long runSeed() {
        if (seed == null) {
            seed = new java.util.Random().nextLong() & Long.MAX_VALUE;
        }
        return seed;
    }

    /** The options that chose this run's cases, as words a rerun of the whole run repeats. */
    String selectionWords() {
        List<String> words = new ArrayList<>();
        if (level != null) {
            words.addAll(List.of("--level", String.valueOf(level)));
        }
        if (!only.isEmpty()) {
            words.addAll(List.of("--only", String.join(",", only)));
        }
        if (!skip.isEmpty()) {
            words.addAll(List.of("--skip", String.join(",", skip)));
        }
        return String.join(" ", words);
    }

    /** The run these options ask for, with the seed and the catalogue they were checked against. */
    RunSettings settings(Catalogue catalogue) {
        Outputs outputs = new Outputs(reportDir, specUrl, formats.contains(Format.GRADESCOPE),
                formats.contains(Format.CLASSROOM), weights);
        return new RunSettings(catalogue, runSeed(), selection(), verbose, repeats, reruns, strict, outputs);
    }

    Selection selection() {
        return new Selection(level == null ? 3 : level, new LinkedHashSet<>(only), new LinkedHashSet<>(skip));
    }
}
