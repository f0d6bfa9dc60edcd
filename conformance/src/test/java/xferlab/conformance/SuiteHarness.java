package xferlab.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.cases.Timing;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.run.Selection;
import xferlab.conformance.run.SuiteRunner;
import xferlab.conformance.target.LaunchException;
import xferlab.conformance.target.Target;
import xferlab.spec.Catalogue;

/** Runs the server suite in process against a target, the way the command line does. */
public final class SuiteHarness {
    /** A short idle timeout keeps the suite's own tests quick. */
    public static final Duration IDLE = Duration.ofSeconds(1);
    public static final long SEED = 20261125L;

    private SuiteHarness() {
    }

    public static List<CaseResult> run(Target target, Set<String> only) throws LaunchException {
        target.start();
        try {
            SuiteContext context = SuiteContext.forServer(target, SEED, Timing.forIdle(IDLE), Catalogue.load());
            Function<String, String> rerun = caseId -> "--only " + caseId;
            return new SuiteRunner("xferlab.conformance.cases.server")
                    .run(context, new Selection(3, only), rerun, result -> { });
        } finally {
            target.close();
        }
    }

    public static Catalogue catalogue() {
        return Catalogue.load();
    }

    public static Path storage(Path temp) {
        return temp.resolve("storage");
    }
}
