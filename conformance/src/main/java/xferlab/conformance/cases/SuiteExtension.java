package xferlab.conformance.cases;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a Jupiter case inside the suite: opens its scope, hands it a
 * {@link ServerUnderTest}, and around it does what {@link CaseLifecycle} says. The
 * run's {@link RunningCases} comes from the launcher session's store, where the runner
 * put it.
 */
public final class SuiteExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteExtension.class);
    private static final ExtensionContext.Namespace RUN =
            ExtensionContext.Namespace.create(RunningCases.STORE_NAMESPACE);

    @Override
    public void beforeEach(ExtensionContext extension) {
        SuiteContext context = running(extension).context();
        CaseScope scope = running(extension).open(extension.getRequiredTestMethod());
        extension.getStore(NAMESPACE).put(CaseScope.class, scope);
        extension.getStore(NAMESPACE).put(ServerUnderTest.class, new ServerUnderTest(context, scope));
        extension.getStore(NAMESPACE).put(ClientUnderTest.class, new ClientUnderTest(context, scope));
        CaseLifecycle.before(context, scope);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == ServerUnderTest.class || type == ClientUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return extension.getStore(NAMESPACE).get(type, type);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        CaseScope scope = extension.getStore(NAMESPACE).get(CaseScope.class, CaseScope.class);
        CaseLifecycle.after(running(extension).context(), scope, extension.getExecutionException().isPresent());
    }

    private static RunningCases running(ExtensionContext extension) {
        RunningCases running = extension.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, RUN)
                .get(RunningCases.class, RunningCases.class);
        if (running == null) {
            throw new IllegalStateException("no conformance run in progress: run the cases through SuiteRunner");
        }
        return running;
    }
}
