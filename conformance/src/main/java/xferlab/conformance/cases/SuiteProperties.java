package xferlab.conformance.cases;

import java.util.Optional;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.ParameterResolutionContext;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.ResolveParameterHook;
import net.jqwik.api.lifecycle.Store;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * Runs a jqwik property inside the suite: seeds it from the run's seed (so
 * {@code --seed} replays the same generated data), gives it a {@link ServerUnderTest},
 * keeps the transcripts of the last failing try (the shrunk sample), and checks
 * afterwards that the server still serves.
 */
public final class SuiteProperties implements AroundPropertyHook, AroundTryHook, ResolveParameterHook {
    /**
     * Where a property's hooks find its case: jqwik's store, which jqwik carries to the
     * thread it shrinks on (a thread of its own, bounded in time).
     */
    private static final String CASE = "xferlab.conformance.case";
    /**
     * The pass the properties on this thread belong to. jqwik's hooks reach neither the
     * launcher session's store nor the configuration parameters, and jqwik runs its
     * properties on the thread that runs the Launcher: the runner binds the pass to that
     * thread for as long as the Launcher runs, and no longer.
     */
    private static final ThreadLocal<RunningCases> RUNNING = new ThreadLocal<>();

    /** Runs {@code launch} (the Launcher) with the jqwik properties it runs bound to {@code running}. */
    public static void runBound(RunningCases running, Runnable launch) {
        RUNNING.set(running);
        try {
            launch.run();
        } finally {
            RUNNING.remove();
        }
    }

    private static RunningCases running() {
        RunningCases running = RUNNING.get();
        if (running == null) {
            throw new IllegalStateException("no conformance run in progress: run the cases through SuiteRunner");
        }
        return running;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext property, PropertyExecutor executor)
            throws Throwable {
        SuiteContext context = running().context();
        CaseScope scope = running().open(property.targetMethod());
        Store.getOrCreate(CASE, Lifespan.PROPERTY, () -> new PropertyCase(context, scope));
        property.attributes().setSeed(Long.toString(scope.seed()));
        CaseLifecycle.before(context, scope);
        PropertyExecutionResult result = executor.execute();
        // The shrunk sample when jqwik found a smaller one, else the original.
        if (scope.steadyFailure() != null) {
            scope.sample("none: the failure does not depend on the generated data");
        } else {
            result.shrunkSample().map(s -> s.parameters())
                    .or(() -> result.originalSample().map(s -> s.parameters()))
                    .map(SuiteProperties::describe)
                    .ifPresent(scope::sample);
        }
        try {
            CaseLifecycle.after(context, scope, result.status() != PropertyExecutionResult.Status.SUCCESSFUL);
        } catch (Violation violation) {
            return result.mapToFailed(violation);
        }
        return result;
    }

    /** A property's case, for its tries and their parameters. */
    private record PropertyCase(SuiteContext context, CaseScope scope) {
    }

    private static PropertyCase propertyCase() {
        return Store.<PropertyCase>get(CASE).get();
    }

    /** The generated parameters, strings quoted and escaped; the server parameter left out. */
    private static String describe(java.util.List<Object> parameters) {
        return parameters.stream()
                .filter(p -> !(p instanceof ServerUnderTest) && !(p instanceof ClientUnderTest))
                .map(p -> p instanceof String text
                        ? "name \"" + xferlab.conformance.wire.Octets.escape(
                                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\""
                        : String.valueOf(p))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor executor, java.util.List<Object> parameters)
            throws Throwable {
        CaseScope scope = propertyCase().scope();
        if (scope.steadyFailure() != null) {
            // Nothing accepts connections: every try fails alike, so shrinking needs no network.
            return TryExecutionResult.falsified(scope.steadyFailure());
        }
        scope.startTry();
        TryExecutionResult result = executor.execute(parameters);
        if (!result.isFalsified()) {
            try {
                scope.runUnchecked();
            } catch (Violation violation) {
                result = TryExecutionResult.falsified(violation);
            }
        }
        if (result.isFalsified()) {
            scope.tryFailed();
            result.throwable().filter(Violation.class::isInstance).map(Violation.class::cast)
                    .filter(Violation::dataIndependent).ifPresent(scope::steadyFailure);
        }
        return result;
    }

    @Override
    public Optional<ParameterSupplier> resolve(ParameterResolutionContext parameter, LifecycleContext lifecycle) {
        if (parameter.typeUsage().isOfType(ServerUnderTest.class)) {
            return Optional.of(optionalTry -> new ServerUnderTest(propertyCase().context(), propertyCase().scope()));
        }
        if (parameter.typeUsage().isOfType(ClientUnderTest.class)) {
            return Optional.of(optionalTry -> new ClientUnderTest(propertyCase().context(), propertyCase().scope()));
        }
        return Optional.empty();
    }

    @Override
    public int aroundPropertyProximity() {
        // Outside jqwik's own hooks: the seed must be set before the generators are built.
        return -100;
    }
}
