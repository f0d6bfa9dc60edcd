package xferlab.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import xferlab.conformance.cases.Case;
import xferlab.conformance.cases.CaseScope;
import xferlab.spec.Catalogue;

/**
 * Every case has a stable public name of its own, and can fail only on what it owns:
 * a case's explicit citations ({@code .citing("...")}, {@code Violation.of("...")})
 * name only requirements of its {@code @Covers}. A step that prepares a case cites its
 * own requirement through {@code citingStep}, which leaves the case "not reached".
 */
class CaseIdentityTest {
    private static final Path SOURCES = Path.of("src/main/java/xferlab/conformance/cases");
    /** The calls whose requirement argument is the case's own citation (not a step's). */
    private static final Pattern CITATION = Pattern.compile("(?:\\.citing\\(|Violation\\.of\\("
            + "|ClientExpect\\.\\w+\\([^;]*?, |Wire\\.assertStored\\([^;]*?, |Storage\\.expectUnchanged\\([^;]*?, )"
            + "\"(XFER-[A-Z]+-\\d\\d)\"");
    private static final Pattern METHOD = Pattern.compile("\\n    (?:private |static |public )*\\S+ (\\w+)\\(");

    @Test
    void everyCaseHasAUniqueStableName() {
        Map<String, Method> byId = new HashMap<>();
        for (Method method : caseMethods()) {
            Case name = method.getAnnotation(Case.class);
            assertThat(name).as(method + " has @Case").isNotNull();
            assertThat(name.value()).as(method + "'s name").matches("[a-z0-9]+(-[a-z0-9]+)*");
            Method other = byId.put(name.value(), method);
            assertThat(other).as("two cases named " + name.value() + ": " + method + " and " + other).isNull();
        }
        assertThat(byId).hasSizeGreaterThan(70);
    }

    @Test
    void aCaseCitesOnlyTheRequirementsItCovers() throws IOException {
        Catalogue catalogue = Catalogue.load();
        List<String> wrong = new ArrayList<>();
        for (Method method : caseMethods()) {
            List<String> covers = CaseScope.covers(method);
            assertThat(covers).as(method + " covers something").isNotEmpty();
            covers.forEach(id -> assertThat(catalogue.find(id)).as(method + " covers " + id).isPresent());
            for (String cited : citations(method)) {
                if (!covers.contains(cited)) {
                    wrong.add(method.getDeclaringClass().getSimpleName() + "." + method.getName() + " cites " + cited
                            + " outside its @Covers " + covers);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The citations written in a case method's own body, and in the private helpers only it calls. */
    private static List<String> citations(Method method) throws IOException {
        Path source = SOURCES.resolve(method.getDeclaringClass().getPackageName()
                .substring("xferlab.conformance.cases".length()).replace('.', '/').replaceFirst("^/", ""))
                .resolve(method.getDeclaringClass().getSimpleName() + ".java");
        String text = Files.readString(source);
        Map<String, String> bodies = bodies(text);
        List<String> cited = new ArrayList<>();
        collect(method.getName(), bodies, cited, new java.util.HashSet<>());
        return cited;
    }

    private static void collect(String name, Map<String, String> bodies, List<String> cited,
                                java.util.Set<String> seen) {
        if (!seen.add(name) || !bodies.containsKey(name)) {
            return;
        }
        String body = bodies.get(name);
        Matcher citation = CITATION.matcher(body);
        while (citation.find()) {
            cited.add(citation.group(1));
        }
        // A private helper called by only this case speaks for it.
        for (String helper : bodies.keySet()) {
            if (!helper.equals(name) && body.contains(helper + "(") && calledOnlyBy(helper, name, bodies)) {
                collect(helper, bodies, cited, seen);
            }
        }
    }

    private static boolean calledOnlyBy(String helper, String caller, Map<String, String> bodies) {
        return bodies.entrySet().stream().filter(e -> !e.getKey().equals(helper))
                .filter(e -> e.getValue().contains(helper + "(")).allMatch(e -> e.getKey().equals(caller));
    }

    /** Each method's body, by name (overloads merged), cut at the next method. */
    private static Map<String, String> bodies(String text) {
        Map<String, String> bodies = new HashMap<>();
        Matcher method = METHOD.matcher(text);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (method.find()) {
            starts.add(new int[] {method.start()});
            names.add(method.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            // The annotations of the next method (its @Covers) are not this one's body.
            int annotation = text.indexOf("\n    @", starts.get(i)[0] + 1);
            if (annotation > 0 && annotation < end) {
                end = annotation;
            }
            bodies.merge(names.get(i), text.substring(starts.get(i)[0], end), String::concat);
        }
        return bodies;
    }

    private static List<Method> caseMethods() {
        List<Method> methods = new ArrayList<>();
        for (String suite : List.of("xferlab.conformance.cases.server", "xferlab.conformance.cases.client")) {
            methods.addAll(new SuiteRunner(suite).caseMethods());
        }
        return methods;
    }
}
