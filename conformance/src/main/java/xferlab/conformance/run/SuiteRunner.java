package xferlab.conformance.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import xferlab.conformance.cases.CaseScope;
import xferlab.conformance.cases.RunningCases;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.cases.SuiteProperties;
import xferlab.conformance.report.CaseListener;
import xferlab.conformance.report.CaseResult;
import xferlab.spec.Catalogue;

/**
 * Runs a package of cases on the JUnit Platform (Jupiter for the example cases,
 * jqwik for the properties) against the target in a {@link SuiteContext}.
 */
public final class SuiteRunner {
    private final String casesPackage;

    /** @param casesPackage for example {@code xferlab.conformance.cases.server} */
    public SuiteRunner(String casesPackage) {
        this.casesPackage = casesPackage;
    }

    /**
     * Runs the selected cases, one after another.
     *
     * @param rerun  the command line that reruns one case, given its name
     * @param listener hears each case start and end
     * @return every result, in the order the cases ran
     */
    public List<CaseResult> run(SuiteContext context, Selection selection, Function<String, String> rerun,
                                CaseListener listener) {
        xferlab.conformance.report.LibraryLog.install();
        RunningCases running = new RunningCases(context);
        Path databaseDir = tempDir();
        Path database = databaseDir.resolve("jqwik-database");
        try (LauncherSession session = LauncherFactory.openSession()) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectPackage(casesPackage))
                    .filters(filter(context, selection))
                    .configurationParameters(configuration(database))
                    .build();
            ResultCollector collector = new ResultCollector(running, rerun, listener);
            // Jupiter's cases find the pass in the session's store; jqwik's on this thread.
            session.getStore().put(Namespace.create(RunningCases.STORE_NAMESPACE), RunningCases.class, running);
            SuiteProperties.runBound(running, () -> session.getLauncher().execute(request, collector));
            return collector.results();
        } finally {
            try {
                Files.deleteIfExists(database);
                Files.deleteIfExists(databaseDir);
            } catch (IOException e) {
                // a temporary file; the system cleans it
            }
        }
    }

    /** The names of every case in the package, as {@code --only} takes them. */
    public java.util.Set<String> caseIds() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        discover().forEach((method, test) -> ids.add(CaseScope.caseId(method)));
        return ids;
    }

    /**
     * Every case in the package that the selection takes, in the order they run,
     * without running any: what a grade must count even when the target never starts.
     */
    public List<PlannedCase> plan(Catalogue catalogue, Selection selection) {
        return all(catalogue).stream()
                .filter(c -> selection.includes(c.caseId(), c.level(), c.requirements()))
                .toList();
    }

    /**
     * Every case in the package, as it cites its requirements. A citation of an ID
     * the catalogue lacks is kept (and counts for no level), for {@link Coverage} to find.
     */
    public List<PlannedCase> all(Catalogue catalogue) {
        List<PlannedCase> cases = new java.util.ArrayList<>();
        discover().forEach((method, test) -> {
            List<String> ids = CaseScope.covers(method);
            int level = ids.stream().flatMap(id -> catalogue.find(id).stream())
                    .mapToInt(xferlab.spec.Requirement::level).max().orElse(1);
            Section section = method.getDeclaringClass().getAnnotation(Section.class);
            cases.add(new PlannedCase(CaseScope.caseId(method), ResultCollector.title(method, test),
                    section != null ? section.value() : method.getDeclaringClass().getSimpleName(), level, ids));
        });
        return cases;
    }

    /** Every case method of the package, in execution order. */
    List<Method> caseMethods() {
        return List.copyOf(discover().keySet());
    }

    /** Each case method with its test identifier, in execution order (sections, then names). */
    private Map<Method, org.junit.platform.launcher.TestIdentifier> discover() {
        Path databaseDir = tempDir();
        org.junit.platform.launcher.TestPlan plan;
        try {
            // jqwik rewrites its database file: give it a throw-away one.
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectPackage(casesPackage))
                    .configurationParameters(configuration(databaseDir.resolve("jqwik-database")))
                    .build();
            plan = LauncherFactory.create().discover(request);
        } finally {
            WorkDirs.delete(databaseDir);
        }
        Map<Method, org.junit.platform.launcher.TestIdentifier> cases = new java.util.LinkedHashMap<>();
        // Depth first, children in the plan's order: the order the Launcher runs them.
        java.util.Deque<org.junit.platform.launcher.TestIdentifier> todo = new java.util.ArrayDeque<>(plan.getRoots());
        while (!todo.isEmpty()) {
            org.junit.platform.launcher.TestIdentifier test = todo.pop();
            List<org.junit.platform.launcher.TestIdentifier> children = new java.util.ArrayList<>(plan.getChildren(test));
            java.util.Collections.reverse(children);
            children.forEach(todo::push);
            test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .flatMap(SuiteRunner::methodOf).ifPresent(method -> cases.putIfAbsent(method, test));
        }
        return cases;
    }

    private static Map<String, String> configuration(Path database) {
        return Map.of(
                // Sections in spec order; cases by name within a section.
                "junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation",
                "junit.jupiter.testmethod.order.default", "org.junit.jupiter.api.MethodOrderer$MethodName",
                // A backstop only: every wait in a case has its own, shorter bound.
                "junit.jupiter.execution.timeout.default", "180 s",
                "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD",
                // jqwik reports through the platform (the collector shows it), and
                // keeps its database out of the student's working directory.
                "jqwik.reporting.usejunitplatform", "true",
                "jqwik.reporting.onlyfailures", "true",
                "jqwik.database", database.toString(),
                "jqwik.failures.after.default", "RANDOM_SEED",
                // A few seconds of shrinking at most: a student waits for the whole run.
                "jqwik.shrinking.bounded.seconds", "3");
    }

    private static PostDiscoveryFilter filter(SuiteContext context, Selection selection) {
        return descriptor -> {
            Optional<Method> method = methodOf(descriptor);
            if (method.isEmpty() || !descriptor.isTest()) {
                return FilterResult.included("container");
            }
            List<String> ids = CaseScope.covers(method.get());
            int level = levelOf(context.catalogue(), ids);
            String caseId = CaseScope.caseId(method.get());
            return selection.includes(caseId, level, ids)
                    ? FilterResult.included("selected")
                    : FilterResult.excluded("not selected");
        };
    }

    /** A case's level: the highest level among the requirements it covers. */
    static int levelOf(Catalogue catalogue, List<String> ids) {
        return ids.stream().mapToInt(id -> catalogue.get(id).level()).max().orElse(1);
    }

    static Optional<Method> methodOf(TestDescriptor descriptor) {
        return descriptor.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .flatMap(SuiteRunner::methodOf);
    }

    static Optional<Method> methodOf(MethodSource source) {
        try {
            Class<?> type = Class.forName(source.getClassName());
            return Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.getName().equals(source.getMethodName()))
                    .findFirst();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("xfer-suite-jqwik-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
