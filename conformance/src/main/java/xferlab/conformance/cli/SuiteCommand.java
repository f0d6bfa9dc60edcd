package xferlab.conformance.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import xferlab.conformance.run.RerunCommands;
import xferlab.conformance.run.SuiteRun;
import xferlab.conformance.run.SuiteRunner;
import xferlab.conformance.run.WorkDirs;
import xferlab.conformance.target.ContainerSpec;
import xferlab.spec.Catalogue;

/**
 * What the server and client commands share: the run options checked, a dry run
 * answered, the image's engine looked for, and the run handed to {@link SuiteRun} in a
 * work directory that is deleted afterwards. Each command adds only its target (its
 * {@code @Command} adds to this one).
 */
@CommandLine.Command(mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        exitCodeListHeading = "%nExit status:%n")
abstract class SuiteCommand implements Callable<Integer> {
    /** The first line of both commands' exit statuses. */
    static final String EXIT_PASSED = "0:every selected case passed (skipped cases aside)";

    @CommandLine.Mixin
    RunOptions options = new RunOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final String suite;
    private final String casesPackage;

    /**
     * @param suite        {@code server} or {@code client}
     * @param casesPackage the package of its cases
     */
    SuiteCommand(String suite, String casesPackage) {
        this.suite = suite;
        this.casesPackage = casesPackage;
    }

    /** {@code --image} and its options, or null. */
    abstract ImageOptions image();

    /** Refuses the command's own bad options (a usage error). */
    abstract void checkTargetOptions();

    /** Adds the command's own options that shape the run ({@code --launch} and the like) to a rerun command. */
    abstract RerunLine withTargetOptions(RerunLine line);

    /**
     * Runs the suite against the target the options name.
     *
     * @param work  a directory of the run's own, deleted afterwards
     * @param image the image to run, or null
     * @return the exit status
     */
    abstract int run(SuiteRun run, Path work, ContainerSpec image) throws IOException;

    @Override
    public final Integer call() throws IOException {
        PrintStream out = System.out;
        checkTargetOptions();
        Catalogue catalogue = Catalogue.load();
        options.validate(spec.commandLine(), catalogue, new SuiteRunner(casesPackage).caseIds());
        if (options.dryRun) {
            return options.listSelected(casesPackage, catalogue, out);
        }
        ContainerSpec image = image() == null ? null : image().spec(spec.commandLine());
        String noEngine = image == null ? null : ImageOptions.engineProblem();
        if (noEngine != null) {
            System.err.println(noEngine);
            return 2;
        }
        var settings = options.settings(catalogue);
        Path work = Files.createTempDirectory("xfer-suite-");
        try {
            return run(new SuiteRun(suite, casesPackage, settings, reruns(settings.seed()), out), work, image);
        } finally {
            WorkDirs.delete(work);
        }
    }

    /** The commands that rerun a case, or the run, the way this run ran. */
    private RerunCommands reruns(long seed) {
        RerunLine line = RerunLine.of(suite).words(image() == null ? List.of() : image().words());
        return withTargetOptions(line).commands(options.selectionWords(), seed);
    }

    /** A usage error (exit 2) about this command's options. */
    CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
