package xferlab.conformance.cases;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pass of a suite's cases over a run's context: what the cases need (the context)
 * and what they leave (each case's scope, read by the result collector when the case
 * ends). The runner makes one per pass, so a rerun starts with no scope of the run
 * before, and hands it to the cases through the JUnit Platform: Jupiter cases find it
 * in the launcher session's store ({@link SuiteExtension}), jqwik properties on the
 * thread that runs them ({@link SuiteProperties}).
 */
public final class RunningCases {
    /** Where the runner puts it in the launcher session's store, and the cases look. */
    public static final String STORE_NAMESPACE = "xferlab.conformance";

    private final SuiteContext context;
    private final Map<String, CaseScope> scopes = new ConcurrentHashMap<>();

    public RunningCases(SuiteContext context) {
        this.context = context;
    }

    public SuiteContext context() {
        return context;
    }

    /** Opens the scope of the case that {@code method} implements. */
    CaseScope open(Method method) {
        CaseScope scope = CaseScope.open(method, context);
        scopes.put(key(method.getDeclaringClass().getName(), method.getName()), scope);
        return scope;
    }

    /** The scope a case left, found by its class and method name; empty if it never opened one. */
    public Optional<CaseScope> scopeOf(String className, String methodName) {
        return Optional.ofNullable(scopes.get(key(className, methodName)));
    }

    private static String key(String className, String methodName) {
        return className + "#" + methodName;
    }
}
