package xferlab.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.client.ClientFault;
import xferlab.conformance.client.PlantedClientMain;
import xferlab.conformance.planted.Fault;
import xferlab.conformance.planted.PlantedServerMain;
import xferlab.conformance.report.JsonReader;

/**
 * The suite judges the code students actually write, not only code with one planted
 * fault: a first attempt with every classic bug, a server that dies on input it
 * cannot parse, clients with header formats of their own, and implementations that
 * miss only a SHOULD. Each case must test its own rule, whatever else is broken.
 */
class BrokenCodeIsJudgedTest {
    /** The most cases that may cite XFER-LIVE-01 first for a server whose only liveness bug is its exit. */
    private static final int LIVE_CITATIONS = 3;

    @Test
    @Timeout(300)
    void aFirstAttemptGetsOneFailingCasePerDefectEachCitingItsOwnRule(@TempDir Path dir) throws Exception {
        ServerCommandTest.assumePython();
        Path script = CommandRun.resource("/planted/first_attempt_server.py");
        CommandRun run = CommandRun.of(Duration.ofSeconds(280), "server", "--launch",
                "python3 " + CommandRun.shellWord(script.toString()) + " --port {port} --dir {dir}",
                "--seed", "1", "--report", dir.toString());
        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        Map<String, Map<String, Object>> cases = cases(dir);

        SoftAssertions softly = new SoftAssertions();
        expect(softly, cases, "replies-end-with-bare-lf", "XFER-LINE-01"); // READY and OK sent without LF
        expect(softly, cases, "small-upload-is-stored", "XFER-UP-03"); // OK without digest
        expect(softly, cases, "header-one-octet-per-segment", "XFER-LINE-03"); // one recv() per line
        expect(softly, cases, "name-with-slash-is-refused", "XFER-NAME-02"); // open(name, "wb") for any name
        expect(softly, cases, "vanish-at-the-last-octet", "XFER-STORE-04"); // the partial file stays
        expect(softly, cases, "silent-connection-is-closed", "XFER-TIME-01"); // no timeout
        expect(softly, cases, "server-serves-connections-one-after-another", "XFER-LIVE-01"); // one accept()
        softly.assertThat(liveCitations(cases)).as("cases citing XFER-LIVE-01 first\n" + run.out())
                .isLessThanOrEqualTo(LIVE_CITATIONS);
        softly.assertThat(run.lines()).as("console lines").hasSizeLessThanOrEqualTo(600);
        String fixFirst = run.out().substring(Math.max(0, run.out().indexOf("Fix these first")));
        softly.assertThat(fixFirst).as("the one root cause, said first in the summary")
                .startsWith("Fix these first")
                .contains("! your server exits after serving one connection (XFER-LIVE-01)");
        softly.assertAll();
        System.out.printf("first attempt: %d cases, %d console lines, %.1f s%n", cases.size(), run.lines().size(),
                run.millis() / 1000.0);
    }

    @Test
    @Timeout(240)
    void aServerThatDiesOnInputItCannotParseCitesLivenessOnlyWhereItIsTheCase(@TempDir Path dir) throws Exception {
        ServerCommandTest.assumePython();
        Path script = CommandRun.resource("/planted/crash_on_bad_input_server.py");
        CommandRun run = CommandRun.of(Duration.ofSeconds(220), "server", "--launch",
                ServerCommandTest.pythonLaunch(script), "--seed", "2", "--report", dir.toString());
        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        Map<String, Map<String, Object>> cases = cases(dir);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(liveCitations(cases)).as("cases citing XFER-LIVE-01 first\n" + run.out())
                .isBetween(1L, (long) LIVE_CITATIONS);
        expect(softly, cases, "signed-sizes-are-refused", "XFER-SIZE-02");
        expect(softly, cases, "server-survives-refused-and-aborted-uploads", "XFER-LIVE-01");
        softly.assertThat(cases.get("small-upload-is-stored").get("verdict")).as("an ordinary upload").isEqualTo("passed");
        // This server dies in many ways, each with a traceback of its own; one of each shape is shown.
        long tracebacks = run.lines().stream().filter(line -> line.contains("Traceback")).count();
        softly.assertThat(tracebacks).as("tracebacks shown\n" + run.out()).isBetween(1L, 20L);
        softly.assertThat(run.out()).as("a traceback shown again is named, not repeated")
                .contains("your server printed the same as shown above");
        softly.assertAll();
    }

    @Test
    @Timeout(200)
    void clientsWithHeaderFormatsOfTheirOwnEndInSecondsAndTheFirstFailureNamesTheHeader() {
        ServerCommandTest.assumePython();
        for (String client : List.of("pipe_header_client.py", "binary_size_client.py")) {
            Path script = CommandRun.resource("/planted/" + client);
            CommandRun run = CommandRun.of(Duration.ofSeconds(90), "client", "--launch",
                    "python3 " + CommandRun.shellWord(script.toString()) + " {host} {port} {file} --timeout {timeout}",
                    "--seed", "3");
            assertThat(run.exit()).as(run.printed()).isEqualTo(1);
            String first = run.caseLines().stream().filter(line -> line.startsWith("  FAIL")).findFirst().orElseThrow();
            String id = CommandRun.caseIdOf(first);
            assertThat(first).as(client + ": the first failure\n" + run.out()).startsWith("  FAIL");
            assertThat(run.details(id)).as(client + "\n" + run.out())
                    .contains("requirement XFER-CLI-02").contains("your header is not XFER's");
            assertThat(run.caseLines().stream().filter(line -> line.startsWith("  TIME")).count())
                    .as(client + ": timed-out cases\n" + run.out()).isLessThanOrEqualTo(2);
            System.out.printf("%s: %d cases in %.1f s%n", client, run.caseLines().size(), run.millis() / 1000.0);
        }
    }

    @Test
    @Timeout(200)
    void aMissedShouldWarnsAndPassesUnlessStrict() {
        ServerCommandTest.assumePython();
        String server = ServerCommandTest.pythonLaunch(CommandRun.resource("/planted/correct_server.py"))
                + " --late-name-check";
        CommandRun lenient = CommandRun.of(Duration.ofSeconds(120), "server", "--launch", server, "--level", "2",
                "--seed", "4");
        assertThat(lenient.exit()).as(lenient.printed()).isZero();
        assertThat(lenient.caseLines()).as(lenient.out()).filteredOn(line -> line.startsWith("  WARN"))
                .singleElement().asString().contains("bad-name-is-refused-before-the-size-line");
        assertThat(lenient.out()).contains("RESULT: PASS, with 1 warning");
        CommandRun strict = CommandRun.of(Duration.ofSeconds(60), "server", "--launch", server, "--only",
                "XFER-NAME-07", "--strict", "--seed", "4");
        assertThat(strict.exit()).as(strict.printed()).isEqualTo(1);

        String client = PlantedClientMain.launch(ClientFault.NO_NAME_CHECK);
        CommandRun clientRun = CommandRun.of(Duration.ofSeconds(120), "client", "--launch", client, "--seed", "4");
        assertThat(clientRun.exit()).as(clientRun.printed()).isZero();
        assertThat(clientRun.caseLines()).filteredOn(line -> line.startsWith("  WARN")).singleElement().asString()
                .contains("refuses-an-invalid-name-itself");
        CommandRun strictClient = CommandRun.of(Duration.ofSeconds(60), "client", "--launch", client, "--only",
                "XFER-CLI-08", "--strict", "--seed", "4");
        assertThat(strictClient.exit()).as(strictClient.printed()).isEqualTo(1);
    }

    @Test
    @Timeout(120)
    void theConsoleCarriesNoLibraryOutput(@TempDir Path dir) {
        // A failing property shrinks: jqwik would log its shrinking warnings through java.util.logging.
        CommandRun run = CommandRun.of(Duration.ofSeconds(100), "server", "--launch",
                PlantedServerMain.launch(Fault.TEXT_MODE), "--only", "any-upload-is-stored-exactly", "--seed", "5",
                "--report", dir.toString());
        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        // The target and rerun lines name the class path, jqwik's jars among them; every other line is the suite's.
        String console = run.lines().stream().filter(line -> !line.startsWith("  target: "))
                .filter(line -> !line.contains("rerun just this case: ")).reduce("",
                        (all, line) -> all + line + "\n") + run.err();
        for (String noise : List.of("WARNING", "jqwik", "ShrinkingMode", "SLF4J", "AI Agent", "INFO:")) {
            assertThat(console).as("library output on the console").doesNotContain(noise);
        }
    }

    private static void expect(SoftAssertions softly, Map<String, Map<String, Object>> cases, String caseId,
                               String requirement) {
        Map<String, Object> result = cases.get(caseId);
        softly.assertThat(result).as(caseId + " ran").isNotNull();
        if (result != null) {
            softly.assertThat(result.get("verdict")).as(caseId + " fails on its own rule")
                    .isIn("failed", "timed_out");
            softly.assertThat(result.get("cited")).as(caseId + " cites").isEqualTo(requirement);
        }
    }

    /** How many cases fail (not merely "not reached") citing XFER-LIVE-01. */
    private static long liveCitations(Map<String, Map<String, Object>> cases) {
        return cases.values().stream().filter(c -> "XFER-LIVE-01".equals(c.get("cited")))
                .filter(c -> List.of("failed", "timed_out", "warned").contains(c.get("verdict"))).count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> cases(Path dir) throws Exception {
        Map<String, Object> summary = (Map<String, Object>) JsonReader.parse(Files.readString(dir.resolve("summary.json")));
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Object item : (List<Object>) summary.get("cases")) {
            Map<String, Object> result = (Map<String, Object>) item;
            byId.put((String) result.get("case"), result);
        }
        return byId;
    }
}
