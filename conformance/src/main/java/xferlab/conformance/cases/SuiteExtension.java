package xferlab.conformance.cases;

import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a Jupiter case inside the suite: opens its scope, hands it a
 * {@link ServerUnderTest}, and afterwards checks that the server still serves.
 */
public final class SuiteExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteExtension.class);

    @Override
    public void beforeEach(ExtensionContext extension) {
        Method method = extension.getRequiredTestMethod();
        SuiteContext context = SuiteContext.current();
        extension.getStore(NAMESPACE).put(ServerUnderTest.class,
                new ServerUnderTest(context, CaseScope.open(method, context)));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == ServerUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getStore(NAMESPACE).get(ServerUnderTest.class, ServerUnderTest.class);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        Liveness.check(SuiteContext.current());
    }
}
