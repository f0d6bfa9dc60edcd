package xferlab.conformance.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.ConsoleReport;
import xferlab.conformance.run.Selection;
import xferlab.conformance.run.SuiteRunner;

/** {@code --rerun N}: runs each failing case again, with the same seed, and says whether it fails steadily. */
final class Reruns {
    private Reruns() {
    }

    static List<CaseResult> judge(SuiteRunner runner, SuiteContext context, List<CaseResult> results, int times,
                                  ConsoleReport console) {
        List<CaseResult> judged = new ArrayList<>();
        boolean announced = false;
        for (CaseResult result : results) {
            if (!result.verdict().isFailure()) {
                judged.add(result);
                continue;
            }
            if (!announced) {
                console.line("");
                console.line("Reruns (" + times + " each, same seed)");
                announced = true;
            }
            int failed = 0;
            for (int i = 0; i < times; i++) {
                List<CaseResult> again = runner.run(context, new Selection(3, Set.of(result.caseId())),
                        caseId -> result.rerun(), ignored -> { });
                if (again.isEmpty() || again.get(0).verdict().isFailure()) {
                    failed++;
                }
            }
            String stability = (failed == times ? "steady: " : "flaky: ") + "failed " + failed + " of " + times
                    + " reruns";
            console.line("  " + result.caseId() + ": " + stability);
            judged.add(result.withStability(stability));
        }
        return judged;
    }
}
