package xferlab.conformance.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import xferlab.spec.Catalogue;
import xferlab.spec.Requirement;

/**
 * Which cases check which requirement, read from the cases themselves (their
 * {@code @Covers}), never kept by hand. The site build writes it into the spec
 * as a table and fails when a requirement has no case or a case cites an ID the
 * spec does not have.
 *
 * @param catalogue the spec's requirements
 * @param cases     every case of both suites, with the suite it belongs to
 */
public record Coverage(Catalogue catalogue, Map<PlannedCase, String> cases) {
    static final String SERVER_CASES = "xferlab.conformance.cases.server";
    static final String CLIENT_CASES = "xferlab.conformance.cases.client";

    /** The coverage of the spec by both suites, as they are built. */
    public static Coverage of(Catalogue catalogue) {
        Map<PlannedCase, String> cases = new LinkedHashMap<>();
        new SuiteRunner(SERVER_CASES).all(catalogue).forEach(c -> cases.put(c, "server"));
        new SuiteRunner(CLIENT_CASES).all(catalogue).forEach(c -> cases.put(c, "client"));
        return new Coverage(catalogue, cases);
    }

    /** What is wrong, one sentence each; empty when every requirement is checked and every citation is known. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        cases.forEach((c, suite) -> {
            if (c.requirements().isEmpty()) {
                problems.add("the " + suite + " case " + c.caseId() + " cites no requirement");
            }
            c.requirements().stream().filter(id -> catalogue.find(id).isEmpty()).forEach(id ->
                    problems.add("the " + suite + " case " + c.caseId() + " cites " + id + ", which the spec does not have"));
        });
        for (Requirement requirement : catalogue.all()) {
            // A requirement on both sides needs a case in each suite.
            List<String> suites = requirement.appliesTo().equals("both") ? List.of("server", "client")
                    : List.of(requirement.appliesTo());
            for (String suite : suites) {
                if (!casesOf(requirement.id()).containsValue(suite)) {
                    problems.add(requirement.id() + " applies to " + requirement.appliesTo()
                            + " but no " + suite + " case checks it");
                }
            }
        }
        return problems;
    }

    /** The cases that cite a requirement, each with its suite. */
    public Map<PlannedCase, String> casesOf(String id) {
        Map<PlannedCase, String> of = new LinkedHashMap<>();
        cases.forEach((c, suite) -> {
            if (c.requirements().contains(id)) {
                of.put(c, suite);
            }
        });
        return of;
    }

    /** The table the spec's coverage appendix includes. */
    public String asciidoc() {
        StringBuilder out = new StringBuilder();
        out.append("// Written by the site build from the conformance cases (xferlab.conformance.run.Coverage).\n");
        out.append("// Do not edit: annotate the cases with @Covers instead.\n\n");
        out.append(".Conformance cases per requirement\n[cols=\"2,1,1,8\",options=\"header\"]\n|===\n")
                .append("|Requirement |Level |Keyword |Cases that check it\n");
        for (Requirement requirement : catalogue.all()) {
            out.append("|<<").append(requirement.id()).append(">> |").append(requirement.level()).append(" |")
                    .append(requirement.keyword()).append("\na|\n");
            casesOf(requirement.id()).forEach((c, suite) -> out.append("* `+").append(c.caseId()).append("+` (")
                    .append(suite).append("): ").append(escape(c.title())).append('\n'));
        }
        out.append("|===\n");
        return out.toString();
    }

    private static String escape(String text) {
        return xferlab.conformance.text.AsciiDoc.inline(text);
    }

    /**
     * {@code Coverage FILE}: writes the table, or fails (exit status 1) naming every
     * problem. Run by the site build.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Coverage OUTPUT.adoc");
            System.exit(2);
        }
        Coverage coverage = of(Catalogue.load());
        List<String> problems = coverage.problems();
        if (!problems.isEmpty()) {
            System.err.println("The conformance suite does not cover the spec as it must:");
            problems.forEach(p -> System.err.println("  " + p));
            System.exit(1);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, coverage.asciidoc(), StandardCharsets.UTF_8);
        System.out.println("coverage: " + coverage.cases().size() + " cases check all "
                + coverage.catalogue().all().size() + " requirements; wrote " + out);
    }
}
