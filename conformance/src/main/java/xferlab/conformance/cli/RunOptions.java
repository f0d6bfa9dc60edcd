package xferlab.conformance.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Option;
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

    @Option(names = "--seed", paramLabel = "N", description = "Seed for generated data and faults (default: random, printed).")
    Long seed;

    @Option(names = "--verbose", description = "Print every connection's full transcript.")
    boolean verbose;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write junit.xml, summary.json and report.html into DIR.")
    Path reportDir;

    @Option(names = "--rerun", paramLabel = "N", defaultValue = "0",
            description = "Run each failing case N more times, to tell a steady failure from a flaky one.")
    int reruns;

    /** Checks the options; a bad one is a usage error (exit 2). */
    void validate(CommandLine commandLine, Catalogue catalogue, java.util.Set<String> caseIds) {
        if (level != null && (level < 1 || level > 3)) {
            throw new CommandLine.ParameterException(commandLine, "--level must be 1, 2 or 3");
        }
        if (reruns < 0) {
            throw new CommandLine.ParameterException(commandLine, "--rerun must be 0 or more");
        }
        for (String id : only) {
            if (id.startsWith("XFER-") && catalogue.find(id).isEmpty()
                    && catalogue.all().stream().noneMatch(r -> Selection.group(r.id()).equals(id))) {
                throw new CommandLine.ParameterException(commandLine, "--only: no requirement or group " + id + " in the spec");
            }
            // A misspelt case name would otherwise select nothing and pass.
            if (!id.startsWith("XFER-") && !caseIds.contains(id)) {
                throw new CommandLine.ParameterException(commandLine, "--only: no case named " + id
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

    Selection selection() {
        return new Selection(level == null ? 3 : level, new LinkedHashSet<>(only));
    }
}
