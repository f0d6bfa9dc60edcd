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
 * Every case has a stable public name of its own, and can fail only on what it owns.
 * A check cites the case's first requirement unless told otherwise, so only explicit
 * citations can stray: {@code .citing(...)}, {@code Violation.of(...)}, and the last
 * argument of the server's storage checks when given (without it they cite the case's
 * first), in a case's body or in the private helpers only it calls. Each must name only requirements of the case's {@code @Covers},
 * whether written as a literal or as a constant. A step that prepares a case cites its
 * own requirement through {@code citingStep}, which leaves the case "not reached".
 */
class CaseIdentityTest {
    private static final Path SOURCES = Path.of("src/main/java/xferlab/conformance/cases");
    /** The calls whose arguments are the case's own citation (not a step's); each ends at its open parenthesis. */
    private static final Pattern CITATION = Pattern.compile("\\.citing\\(|\\bViolation\\.of\\("
            + "|\\bWire\\.assertStored\\(|\\bStorage\\.expectUnchanged\\(");
    private static final Pattern LITERAL = Pattern.compile("\"(XFER-[A-Z]+-\\d\\d)\"");
    /** A constant, plain or qualified by its class: {@code HEADER}, {@code Serving.HEADER}. */
    private static final Pattern CONSTANT = Pattern.compile("\\b(?:([A-Z]\\w*)\\.)?([A-Z][A-Z0-9_]+)\\b");
    private static final Pattern DECLARATION = Pattern.compile(
            "static final String ([A-Z][A-Z0-9_]+) = ([^;]+);");
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
        Class<?> suite = method.getDeclaringClass();
        Path source = SOURCES.resolve(suite.getPackageName()
                .substring("xferlab.conformance.cases".length()).replace('.', '/').replaceFirst("^/", ""))
                .resolve(suite.getSimpleName() + ".java");
        String text = Files.readString(source);
        Map<String, String> bodies = bodies(text);
        List<String> cited = new ArrayList<>();
        collect(method.getName(), bodies, new Citer(suite.getSimpleName(), constants()), cited,
                new java.util.HashSet<>());
        return cited;
    }

    private static void collect(String name, Map<String, String> bodies, Citer citer, List<String> cited,
                                java.util.Set<String> seen) {
        if (!seen.add(name) || !bodies.containsKey(name)) {
            return;
        }
        String body = bodies.get(name);
        Matcher citation = CITATION.matcher(body);
        while (citation.find()) {
            String arguments = arguments(body, citation.end());
            if (citesTheCaseItself(citation.group(), arguments)) {
                continue;
            }
            List<String> ids = citer.requirementsIn(arguments);
            assertThat(ids).as("a citation the scan cannot read, in " + name + ": " + citation.group() + arguments
                    + "): cite a literal or a constant").isNotEmpty();
            cited.addAll(ids);
        }
        // A private helper called by only this case speaks for it.
        for (String helper : bodies.keySet()) {
            if (!helper.equals(name) && body.contains(helper + "(") && calledOnlyBy(helper, name, bodies)) {
                collect(helper, bodies, citer, cited, seen);
            }
        }
    }

    /** A storage check in its short form, without a requirement: it cites the case's first, which it owns. */
    private static boolean citesTheCaseItself(String call, String arguments) {
        int count = topLevelArguments(arguments);
        return call.contains("assertStored") ? count == 3 : call.contains("expectUnchanged") && count == 4;
    }

    private static int topLevelArguments(String arguments) {
        int depth = 0;
        int count = 1;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '"') {
                i = arguments.indexOf('"', i + 1);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                count++;
            }
        }
        return count;
    }

    /** The text of a call's arguments, from just after its open parenthesis to the one that closes it. */
    private static String arguments(String body, int start) {
        int depth = 1;
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                i = body.indexOf('"', i + 1); // requirement literals hold no quotes or parentheses
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return body.substring(start, i);
            }
        }
        throw new AssertionError("no end to the call at " + body.substring(start, Math.min(body.length(), start + 80)));
    }

    /**
     * Reads the requirements an argument names: its literals, and the constants it uses,
     * looked up first in the case's own class and then by their class's name.
     */
    private record Citer(String suite, Map<String, String> constants) {
        List<String> requirementsIn(String arguments) {
            List<String> ids = new ArrayList<>();
            Matcher literal = LITERAL.matcher(arguments);
            while (literal.find()) {
                ids.add(literal.group(1));
            }
            Matcher constant = CONSTANT.matcher(arguments.replaceAll("\"[^\"]*\"", "\"\""));
            while (constant.find()) {
                String owner = constant.group(1) != null ? constant.group(1) : suite;
                String id = constants.get(owner + "." + constant.group(2));
                if (id != null) {
                    ids.add(id);
                }
            }
            return ids;
        }
    }

    /**
     * Every requirement constant of the case packages, by class and name
     * ({@code Serving.HEADER}), its value followed through other constants.
     */
    private static Map<String, String> constants() throws IOException {
        Map<String, String> written = new HashMap<>();
        try (var files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String owner = file.getFileName().toString().replace(".java", "");
                Matcher declaration = DECLARATION.matcher(Files.readString(file));
                while (declaration.find()) {
                    written.put(owner + "." + declaration.group(1), declaration.group(2).strip());
                }
            }
        }
        Map<String, String> ids = new HashMap<>();
        written.forEach((name, value) -> {
            String owner = name.substring(0, name.indexOf('.'));
            for (int hops = 0; hops < 5 && value != null; hops++) {
                Matcher literal = LITERAL.matcher(value);
                if (literal.matches()) {
                    ids.put(name, literal.group(1));
                    return;
                }
                Matcher constant = CONSTANT.matcher(value);
                if (!constant.matches()) {
                    return;
                }
                owner = constant.group(1) != null ? constant.group(1) : owner;
                value = written.get(owner + "." + constant.group(2));
            }
        });
        return ids;
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
