package xferlab.conformance.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.ConsoleReport;

/**
 * {@code --rerun N}: runs each failing case again, with the same seed, and says whether
 * it fails steadily. {@code --repeat N}: runs every case N times, so that a case that
 * passes only sometimes shows too.
 */
final class Reruns {
    private Reruns() {
    }

    /**
     * Runs the whole selection {@code times - 1} more times after the first run. A case
     * whose verdicts differ is flaky: it keeps the first failing result, marked so.
     */
    static List<CaseResult> repeat(SuiteRunner runner, SuiteContext context, Selection selection,
                                   List<CaseResult> first, int times, RerunCommands rerun,
                                   ConsoleReport console) {
        java.util.Map<String, List<CaseResult>> byCase = new java.util.LinkedHashMap<>();
        first.forEach(r -> byCase.computeIfAbsent(r.caseId(), id -> new ArrayList<>()).add(r));
        console.line("");
        console.line("Repeats (" + times + " runs of every case, same seed)");
        for (int i = 2; i <= times; i++) {
            for (CaseResult again : runner.run(context, selection, rerun::forCase, ignored -> { })) {
                byCase.computeIfAbsent(again.caseId(), id -> new ArrayList<>()).add(again);
            }
            console.line("  run " + i + " of " + times + " done");
        }
        List<CaseResult> judged = new ArrayList<>();
        for (List<CaseResult> runs : byCase.values()) {
            long failed = runs.stream().filter(r -> r.verdict().isFailure()).count();
            CaseResult shown = runs.stream().filter(r -> r.verdict().isFailure()).findFirst().orElse(runs.get(0));
            if (failed == 0) {
                judged.add(shown);
            } else if (failed == runs.size()) {
                judged.add(shown.withStability("steady: failed " + failed + " of " + runs.size() + " runs"));
            } else {
                String stability = "flaky: failed " + failed + " of " + runs.size() + " runs";
                console.line("  " + shown.caseId() + ": " + stability);
                if (!runs.get(0).verdict().isFailure()) {
                    // The first run printed a pass: show the failure it hid.
                    console.caseFinished(shown.withStability(stability));
                }
                judged.add(shown.withStability(stability));
            }
        }
        return judged;
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
