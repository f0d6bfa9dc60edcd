package xferlab.conformance.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.junit.jupiter.api.DisplayName;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.TestAbortedException;

import xferlab.conformance.cases.CaseScope;
import xferlab.conformance.cases.RunningCases;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.cases.Violation;
import xferlab.conformance.report.CaseListener;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.Verdict;
import xferlab.conformance.wire.Transcript;
import xferlab.conformance.wire.WriteStalledException;
import xferlab.spec.Requirement;

/** Turns what the JUnit Platform reports into {@link CaseResult}s. */
final class ResultCollector implements TestExecutionListener {
    private final RunningCases running;
    private final SuiteContext context;
    private final Function<String, String> rerun;
    private final CaseListener listener;
    private int total;
    private int index;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, StringBuilder> reports = new ConcurrentHashMap<>();
    private final List<CaseResult> results = new ArrayList<>();

    ResultCollector(RunningCases running, Function<String, String> rerun, CaseListener listener) {
        this.running = running;
        this.context = running.context();
        this.rerun = rerun;
        this.listener = listener;
    }

    @Override
    public void testPlanExecutionStarted(org.junit.platform.launcher.TestPlan plan) {
        total = (int) plan.countTestIdentifiers(TestIdentifier::isTest);
    }

    List<CaseResult> results() {
        return List.copyOf(results);
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        started.put(test.getUniqueId(), System.nanoTime());
        if (test.isTest()) {
            methodOf(test).ifPresent(method -> {
                Section section = method.getDeclaringClass().getAnnotation(Section.class);
                listener.caseStarted(CaseScope.caseId(method), section != null ? section.value()
                        : method.getDeclaringClass().getSimpleName(), ++index, total);
            });
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        StringBuilder report = reports.computeIfAbsent(test.getUniqueId(), id -> new StringBuilder());
        entry.getKeyValuePairs().forEach((key, value) -> report.append(key).append(": ").append(value).append('\n'));
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            methodOf(test).ifPresent(method -> add(build(test, method, Verdict.SKIPPED, null, reason)));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        Optional<Method> method = methodOf(test);
        if (method.isEmpty()) {
            return;
        }
        Throwable failure = result.getThrowable().orElse(null);
        Verdict verdict = switch (result.getStatus()) {
            case SUCCESSFUL -> Verdict.PASSED;
            case ABORTED -> Verdict.SKIPPED;
            case FAILED -> verdictOf(failure);
        };
        add(build(test, method.get(), verdict, failure, failure instanceof TestAbortedException ? failure.getMessage() : ""));
    }

    private void add(CaseResult result) {
        results.add(result);
        listener.caseFinished(result);
    }

    private static Verdict verdictOf(Throwable failure) {
        Violation violation = violationIn(failure);
        if (violation != null) {
            return Verdict.FAILED; // judged against the case's requirements in build
        }
        if (failure instanceof AssertionError) {
            return Verdict.FAILED;
        }
        if (failure instanceof WriteStalledException) {
            return Verdict.TIMED_OUT;
        }
        // A connection that breaks under the suite (broken pipe, reset, a stored file
        // that is not there) is the implementation's doing, not the suite's.
        if (failure instanceof IOException) {
            return Verdict.FAILED;
        }
        return Verdict.HARNESS_ERROR;
    }

    /** The violation behind a failure: thrown directly, as a cause, or added by the liveness check. */
    private static Violation violationIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Violation violation) {
                return violation;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof Violation violation) {
                    return violation;
                }
            }
        }
        return null;
    }

    /** Every violation in a failure: the case's own and, suppressed under it, the liveness check's. */
    private static List<Violation> allViolations(Throwable failure) {
        List<Violation> all = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Violation violation) {
                all.add(violation);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof Violation violation) {
                    all.add(violation);
                }
            }
        }
        return all;
    }

    private CaseResult build(TestIdentifier test, Method method, Verdict verdict, Throwable failure, String note) {
        List<String> ids = CaseScope.covers(method);
        Section section = method.getDeclaringClass().getAnnotation(Section.class);
        String title = title(method, test);
        String caseId = CaseScope.caseId(method);
        CaseScope scope = running.scopeOf(method.getDeclaringClass().getName(), method.getName()).orElse(null);
        long seed = scope == null ? context.seedFor(caseId) : scope.seed();
        List<Transcript> transcripts = scope == null ? List.of() : scope.transcripts();

        Violation violation = violationIn(failure);
        String cited = "";
        String expected = "";
        String actual = "";
        String hint = "";
        long divergence = -1;
        String message = note == null ? "" : note;
        if (violation != null) {
            for (Violation also : allViolations(failure)) {
                if (also != violation) {
                    message += (message.isEmpty() ? "" : "\n") + "also broken: " + also.requirement() + ": "
                            + also.expected() + "; " + also.actual();
                }
            }
            cited = violation.requirement();
            verdict = judge(violation, ids);
            expected = violation.expected();
            actual = violation.actual();
            hint = violation.hint();
            divergence = violation.divergence();
        } else if (failure != null && verdict != Verdict.SKIPPED) {
            cited = ids.isEmpty() ? "" : ids.get(0);
            if (verdict == Verdict.HARNESS_ERROR) {
                message = "the suite itself failed (not your implementation's fault): " + stackTrace(failure);
            } else if (failure instanceof IOException) {
                message = "the connection broke while the suite was still using it (the server closed or reset "
                        + "it): " + failure.getMessage();
            } else {
                message = String.valueOf(failure.getMessage());
            }
        }
        String sentence = cited.isEmpty() ? "" : context.catalogue().find(cited)
                .map(r -> describe(r)).orElse("");
        Long start = started.get(test.getUniqueId());
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        return new CaseResult(
                caseId,
                title,
                section != null ? section.value() : method.getDeclaringClass().getSimpleName(),
                SuiteRunner.levelOf(context.catalogue(), ids),
                ids,
                verdict,
                verdict.needsDetails() ? cited : "",
                verdict.needsDetails() ? sentence : "",
                expected,
                actual,
                divergence,
                hint,
                message,
                transcripts.stream().map(Transcript::summary).toList(),
                transcripts.stream().map(Transcript::full).toList(),
                transcripts.stream().flatMap(t -> t.faults().stream()).toList(),
                seed,
                scope == null ? "" : scope.sample(),
                rerun.apply(caseId),
                millis,
                "",
                scope == null ? List.of() : scope.notes(),
                scope == null ? "" : scope.output());
    }

    /**
     * A case is judged only on the requirements it owns. A violation of one of them
     * fails it (or warns, for a SHOULD); a violation of another, met on a step that
     * prepares the case, leaves it not reached, blocked by that requirement.
     */
    private Verdict judge(Violation violation, List<String> owned) {
        if (!owned.contains(violation.requirement())) {
            return Verdict.NOT_REACHED;
        }
        boolean should = context.catalogue().find(violation.requirement())
                .map(r -> r.keyword().equals("SHOULD")).orElse(false);
        if (should) {
            return Verdict.WARNED;
        }
        return violation.timedOut() ? Verdict.TIMED_OUT : Verdict.FAILED;
    }

    /** What the case checks, in words: Jupiter's {@code @DisplayName} or jqwik's {@code @Label}. */
    static String title(Method method, TestIdentifier test) {
        DisplayName display = method.getAnnotation(DisplayName.class);
        if (display != null) {
            return display.value();
        }
        net.jqwik.api.Label label = method.getAnnotation(net.jqwik.api.Label.class);
        return label != null ? label.value() : test.getDisplayName();
    }

    private static String describe(Requirement requirement) {
        return "(level " + requirement.level() + ", " + requirement.keyword() + ") " + requirement.plainSentence();
    }

    private static Optional<Method> methodOf(TestIdentifier test) {
        return test.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .flatMap(SuiteRunner::methodOf);
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        String[] lines = text.toString().split("\n");
        return String.join("\n", Arrays.copyOf(lines, Math.min(lines.length, 12)));
    }
}
