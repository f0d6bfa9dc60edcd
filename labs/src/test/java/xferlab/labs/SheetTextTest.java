package xferlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import picocli.CommandLine;
import xferlab.conformance.cli.ConformanceMain;

/**
 * What the sheets say without running anything: links to requirements name real
 * IDs, every claims file is shown by a sheet and explains each case it lists, and
 * the suite commands outside the stage sheets are ones the stage sheets run (index)
 * or that the suite's option parser accepts (instructor).
 */
class SheetTextTest {
    private static final Pattern SPEC_LINK = Pattern.compile("link:\\{spec\\}#([A-Z0-9-]+)\\[([^\\]]*)\\]");

    static List<Path> allSheets() throws IOException {
        try (Stream<Path> files = Files.list(Sheets.docs())) {
            return files.filter(p -> p.toString().endsWith(".adoc")).sorted().toList();
        }
    }

    /** The requirement IDs of the catalogue, as the suite reads it (from the spec jar). */
    static Set<String> catalogueIds() throws IOException {
        try (InputStream in = ConformanceMain.class.getResourceAsStream("/xferlab/spec/requirements.adoc")) {
            assertThat(in).as("the catalogue on the class path").isNotNull();
            Matcher matcher = Pattern.compile("(?m)^\\|\\[\\[(XFER-[A-Z]+-\\d\\d),").matcher(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> ids = new HashSet<>();
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
            return ids;
        }
    }

    @Test
    void everySpecSectionAStageSheetNamesIsALinkToIt() throws IOException {
        // "section 7.3" in a sheet's text: a reader clicks it. Inside a link's text it is fine.
        Pattern section = Pattern.compile("(?i)\\bsections? \\d+(\\.\\d+)*");
        Pattern linked = Pattern.compile("link:\\{spec\\}#[a-z0-9-]+\\[[^\\]]*$");
        for (Path sheet : allSheets()) {
            String name = sheet.getFileName().toString();
            if (!name.startsWith("stage-") && !name.equals("index.adoc")) {
                continue;
            }
            String text = Sheets.read(sheet);
            Matcher matcher = section.matcher(text);
            while (matcher.find()) {
                String before = text.substring(Math.max(0, matcher.start() - 120), matcher.start());
                assertThat(linked.matcher(before).find())
                        .as(name + ": \"" + matcher.group() + "\" is a link to the spec's section").isTrue();
            }
        }
    }

    @Test
    void everySheetLinksThePreviousTheNextAndTheIndex() throws IOException {
        for (Path sheet : allSheets()) {
            String name = sheet.getFileName().toString();
            if (name.startsWith("_")) {
                continue; // an included part, not a sheet
            }
            String text = Sheets.read(sheet);
            Matcher nav = Pattern.compile("(?m)^\\[\\.xfer-nav]\\n(Previous: .*)$").matcher(text);
            assertThat(nav.find()).as(name + " has a [.xfer-nav] line under its title").isTrue();
            assertThat(nav.group(1)).as(name + ": previous and next").contains("Next: ");
            if (!name.equals("index.adoc")) {
                assertThat(nav.group(1)).as(name + ": the index").contains("xref:index.adoc[");
            }
        }
    }

    @Test
    void everyRequirementLinkNamesACatalogueIdAndShowsIt() throws IOException {
        Set<String> ids = catalogueIds();
        assertThat(ids).hasSizeGreaterThan(40);
        for (Path sheet : allSheets()) {
            String text = Sheets.read(sheet);
            Matcher matcher = SPEC_LINK.matcher(text);
            while (matcher.find()) {
                assertThat(ids).as(sheet.getFileName() + " links to " + matcher.group(1)).contains(matcher.group(1));
                assertThat(matcher.group(2)).as(sheet.getFileName() + ": the link text is the ID, or a group of it")
                        .matches(t -> t.isEmpty() || matcher.group(1).startsWith(t), "a prefix of the ID");
            }
            if (SPEC_LINK.matcher(text).find()) {
                assertThat(text).as(sheet.getFileName() + " sets where the spec is")
                        .contains(":spec: ../spec/xfer-spec.html");
            }
        }
    }

    @Test
    void everyClaimsFileIsShownByItsStageSheetAndEveryClaimedCaseIsExplainedThere() throws IOException {
        List<String> shown = new ArrayList<>();
        for (Path sheet : Sheets.stageSheets()) {
            String text = Sheets.read(sheet);
            for (String claimFile : Sheets.includedClaims(sheet)) {
                shown.add(claimFile);
                assertThat(claimFile).as(sheet.getFileName() + " includes its own stage's claims")
                        .startsWith("expected/stage-" + Sheets.stageOf(sheet) + "-");
                // The include shows the list; the prose must say why each case fails.
                String prose = text.replace("include::" + claimFile + "[]", "");
                for (String caseId : Sheets.claims(claimFile).all()) {
                    assertThat(prose).as(sheet.getFileName() + " explains why " + caseId + " fails").contains(caseId);
                }
            }
        }
        try (Stream<Path> files = Files.list(Sheets.docs().resolve("expected"))) {
            List<String> present = files.map(p -> "expected/" + p.getFileName()).toList();
            assertThat(shown).as("claims files shown by a sheet").containsExactlyInAnyOrderElementsOf(present);
        }
    }

    @Test
    void theIndexShowsOnlySuiteCommandsThatAStageSheetRuns() throws IOException {
        Set<String> staged = new HashSet<>();
        Sheets.stageSheets().forEach(sheet -> staged.addAll(Sheets.suiteCommands(sheet)));
        List<String> index = Sheets.suiteCommands(Sheets.docs().resolve("index.adoc"));
        assertThat(index).as("the index shows how to run the suite").isNotEmpty();
        assertThat(staged).as("each of the index's suite commands is run by a stage sheet's test")
                .containsAll(index);
    }

    @TestFactory
    Stream<DynamicTest> theInstructorSheetsCommandsParse() {
        List<String> commands = new ArrayList<>(Sheets.suiteCommands(Sheets.docs().resolve("instructor.adoc")));
        commands.addAll(Sheets.suiteCommands(Sheets.docs().resolve("_instructor-grading.adoc")));
        assertThat(commands).as("the instructor sheet shows suite commands").hasSizeGreaterThan(2);
        return commands.stream().map(command -> DynamicTest.dynamicTest(command, () -> {
            // "... weights > weights.properties": the redirection is the shell's, not the suite's.
            String line = command.contains(" > ") ? command.substring(0, command.indexOf(" > ")) : command;
            String[] args = shellWords(line.substring(Sheets.SUITE.length())).toArray(String[]::new);
            try {
                ConformanceMain.commandLine().parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError("the suite refuses this command line: " + e.getMessage() + "\n" + command, e);
            }
        }));
    }

    /** Splits a command line the way sh does for the quoting the sheets use: '...', "..." and plain words. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' || c == '"') {
                int end = line.indexOf(c, i + 1);
                assertThat(end).as("a closing quote in: " + line).isPositive();
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
