package xferlab.conformance.cases;

import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a Jupiter case inside the suite: opens its scope, hands it a
 * {@link ServerUnderTest}, and around it does what {@link CaseLifecycle} says.
 */
public final class SuiteExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteExtension.class);

    @Override
    public void beforeEach(ExtensionContext extension) {
        Method method = extension.getRequiredTestMethod();
        SuiteContext context = SuiteContext.current();
        CaseScope scope = CaseScope.open(method, context);
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
        CaseLifecycle.after(SuiteContext.current(), scope, extension.getExecutionException().isPresent());
    }
}
