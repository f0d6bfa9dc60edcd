package xferlab.conformance.cli;

import xferlab.conformance.report.JsonReader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import xferlab.conformance.planted.Fault;
import xferlab.conformance.planted.PlantedServer;

/**
 * The suite's command line, as graders script it: {@code xfer-conformance server
 * [--launch CMD | --connect HOST:PORT] ...}. Each test runs the command in process
 * ({@code ConformanceMain.commandLine().execute}) and judges its exit status, what it
 * printed, the report files, and what it left behind (processes, ports, temporary
 * directories).
 *
 * <p>The {@code --launch} tests start the Python servers in
 * {@code src/test/resources/planted}; they are skipped where {@code python3} is missing.
 */
class ServerCommandTest {
    /** The five classic bugs of {@code naive_server.py}, each with the case and requirement that must name it. */
    private static final Map<String, String> NAIVE_BUGS = new LinkedHashMap<>();

    static {
        NAIVE_BUGS.put("header-one-octet-per-segment", "XFER-LINE-03"); // one recv() = one line
        NAIVE_BUGS.put("name-with-slash-is-refused", "XFER-NAME-02"); // path traversal
        NAIVE_BUGS.put("vanish-mid-payload", "XFER-STORE-04"); // writes into the final file
        NAIVE_BUGS.put("sixty-four-uploads-at-once", "XFER-CONC-01"); // one client at a time
        NAIVE_BUGS.put("signed-sizes-are-refused", "XFER-SIZE-02"); // int(line.strip())
    }

    /** The suite's bound on a reply that is due ({@code Timing.forIdle}: 5 s per wait), before calibration scales it. */
    private static final Duration REPLY = Duration.ofSeconds(5);

    static void assumePython() {
        Assumptions.assumeTrue(CommandRun.pythonWorks(),
                "python3 --version does not work here: skipping the tests that launch the Python servers");
    }

    /** {@code python3 SCRIPT --port {port} --dir {dir} --idle-timeout {idle}}. */
    static String pythonLaunch(Path script) {
        return "python3 " + CommandRun.shellWord(script.toString()) + " --port {port} --dir {dir} --idle-timeout {idle}";
    }

    @Nested
    class WithoutTarget {

        @Test
        @Timeout(60)
        void levelOneAgainstTheBundledReferencePassesWithALinePerCase() {
            CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--level", "1", "--seed", "1");

            assertThat(run.exit()).as(run.printed()).isZero();
            assertThat(run.out()).as(run.printed())
                    .contains("target: the bundled reference server")
                    .contains("seed:   1")
                    .contains("RESULT: PASS");
            List<String> caseLines = run.caseLines();
            assertThat(caseLines).as(run.printed()).hasSize(run.summaryCount()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(caseLines).as("every level-1 case passes the reference").allMatch(line -> line.startsWith("  ok "));
            assertThat(caseLines.stream().map(CommandRun::caseIdOf))
                    .as("level 1 only: the flow works")
                    .contains("small-upload-is-stored", "empty-upload-creates-an-empty-file")
                    .doesNotContain("header-one-octet-per-segment", "sixty-four-uploads-at-once");
            assertThat(run.err()).as("nothing on stderr").doesNotContain("Exception");
        }

        @Test
        @Timeout(60)
        void aGroupOfRequirementIdsSelectsEveryCaseThatChecksOneOfThem() {
            CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--only", "XFER-SIZE", "--seed", "1");

            assertThat(run.exit()).as(run.printed()).isZero();
            List<String> caseLines = run.caseLines();
            assertThat(caseLines).as(run.printed()).isNotEmpty()
                    .allMatch(line -> line.contains("XFER-SIZE-"), "cites an XFER-SIZE requirement");
            assertThat(caseLines.stream().map(CommandRun::caseIdOf)).as(run.printed())
                    .contains("signed-sizes-are-refused")
                    .doesNotContain("small-upload-is-stored");
        }

        @Test
        @Timeout(60)
        void skipLeavesOutCasesThatOnlyTakes() {
            CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--only", "XFER-SIZE",
                    "--skip", "signed-sizes-are-refused,XFER-SIZE-03", "--seed", "1");

            assertThat(run.exit()).as(run.printed()).isZero();
            assertThat(run.caseLines().stream().map(CommandRun::caseIdOf)).as(run.printed())
                    .contains("sizes-with-spaces-are-refused")
                    .doesNotContain("signed-sizes-are-refused", "huge-size-is-refused-before-ready");
        }

        @Test
        @Timeout(60)
        void aSelectionThatMatchesNoCaseIsAUsageError() {
            // A level-3 requirement with --level 1: both options are valid, together they select nothing.
            CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--level", "1", "--only", "XFER-CONC-01",
                    "--seed", "1");

            assertThat(run.exit()).as(run.printed()).isEqualTo(2);
            assertThat(run.out() + run.err()).as(run.printed()).contains("No case matches the selection");
        }
    }

    @Nested
    class UsageErrors {

        static Stream<Arguments> mistakes() {
            return Stream.of(
                    Arguments.of(List.of("--level", "4"), "--level"),
                    Arguments.of(List.of("--level", "0"), "--level"),
                    Arguments.of(List.of("--only", "XFER-NOPE-99"), "XFER-NOPE-99"),
                    Arguments.of(List.of("--only", "XFER-LIN"), "XFER-LIN"),
                    Arguments.of(List.of("--skip", "no-such-case"), "--skip: no case named no-such-case"),
                    Arguments.of(List.of("--launch", "x", "--connect", "y"), "mutually exclusive"),
                    Arguments.of(List.of("--launch", "x", "--image", "y"), "mutually exclusive"),
                    Arguments.of(List.of("--image-cmd", "x"), "--image"),
                    Arguments.of(List.of("--image", "y", "--image-memory", "lots"), "--image-memory"),
                    Arguments.of(List.of("--connect", "no-port-here"), "HOST:PORT"),
                    Arguments.of(List.of("--rerun", "-1"), "--rerun"),
                    Arguments.of(List.of("--idle", "0"), "--idle"),
                    Arguments.of(List.of("--no-such-option"), "--no-such-option"));
        }

        @ParameterizedTest(name = "server {0}: exit 2")
        @MethodSource("mistakes")
        @Timeout(30)
        void aUsageErrorExitsTwoAndRunsNoCase(List<String> options, String mentioned) {
            List<String> args = new ArrayList<>(List.of("server"));
            args.addAll(options);
            CommandRun run = CommandRun.of(Duration.ofSeconds(25), args.toArray(String[]::new));

            assertThat(run.exit()).as(run.printed()).isEqualTo(2);
            assertThat(run.err()).as("the message says what is wrong\n" + run.printed()).contains(mentioned);
            assertThat(run.out()).as("no case ran\n" + run.printed()).doesNotContain("RESULT:");
        }

        /**
         * A mistyped case name in {@code --only} must not silently shrink the run: a
         * grader who types {@code --only small-upload-is-stored,vanish-mid-paylod}
         * would get a PASS without the second case. An unknown requirement ID is
         * already refused; an unknown case name must be too.
         */
        @Test
        @Timeout(30)
        void anUnknownCaseNameInOnlyIsAUsageErrorEvenBesideAKnownOne() {
            CommandRun run = CommandRun.of(Duration.ofSeconds(25),
                    "server", "--only", "small-upload-is-stored,vanish-mid-paylod", "--seed", "1");

            assertThat(run.exit()).as("exit 2, not a PASS of the one case that exists\n" + run.printed()).isEqualTo(2);
            assertThat(run.err()).as(run.printed()).contains("vanish-mid-paylod");
            assertThat(run.out()).as("no case ran\n" + run.printed()).doesNotContain("RESULT:");
        }
    }

    @Nested
    class Launch {

        @ParameterizedTest(name = "--launch ''{0}'': exit 2, launch error")
        @ValueSource(strings = {"exit 3", "no-such-command-xfer-4711 --port {port}"})
        @Timeout(30)
        void aCommandThatCannotStartIsALaunchError(String command) {
            CommandRun run = CommandRun.of(Duration.ofSeconds(25), "server", "--launch", command, "--seed", "1");

            assertThat(run.exit()).as(run.printed()).isEqualTo(2);
            assertThat(run.err()).as(run.printed()).contains("launch error").contains("exited with status");
            assertThat(run.out()).as("no case ran\n" + run.printed()).doesNotContain("RESULT: PASS").doesNotContain(" ok ");
        }

        @Test
        @Timeout(30)
        void aCommandThatNeverListensFailsWithinTheStartTimeoutAndIsKilled() {
            Instant started = Instant.now().minusSeconds(1);
            CommandRun run = CommandRun.of(Duration.ofSeconds(25),
                    "server", "--launch", "sleep 31", "--start-timeout", "2", "--seed", "1");

            assertThat(run.exit()).as(run.printed()).isEqualTo(1);
            assertThat(run.out()).as(run.printed())
                    .contains("never accepted a connection")
                    .contains("RESULT: FAIL");
            assertThat(run.caseLines()).as("no case ran").isEmpty();
            assertThat(run.millis()).as("the start timeout is 2 s").isLessThan(20_000);
            assertThat(CommandRun.processesWith(started, "sleep 31")).as("the sleep is killed").isEmpty();
        }

        @Test
        @Timeout(90)
        void theNaiveServersClassicBugsAreEachNamedAndNothingIsLeftBehind() {
            assumePython();
            Path script = CommandRun.resource("/planted/naive_server.py");
            Set<Path> suiteDirsBefore = CommandRun.tempEntries("xfer-suite-");
            Set<Path> escapesBefore = CommandRun.tempEntries("escape-");
            Instant started = Instant.now().minusSeconds(1);

            CommandRun run = CommandRun.of(Duration.ofSeconds(80), "server", "--launch", pythonLaunch(script),
                    "--only", String.join(",", NAIVE_BUGS.keySet()), "--seed", "3");

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(run.exit()).as("exit status\n" + run.printed()).isEqualTo(1);
            soft.assertThat(run.out()).as(run.printed()).contains("RESULT: FAIL");
            soft.assertThat(run.caseLines()).as("exactly the selected cases ran\n" + run.printed())
                    .hasSize(NAIVE_BUGS.size());
            NAIVE_BUGS.forEach((caseId, requirement) -> {
                soft.assertThat(run.verdict(caseId)).as(caseId + ": FAIL or TIME, not a harness error\n" + run.printed())
                        .hasValueSatisfying(verdict -> assertThat(verdict).isIn("FAIL", "TIME"));
                soft.assertThat(run.caseLine(caseId)).as(caseId + ": its line lists " + requirement)
                        .hasValueSatisfying(line -> assertThat(line).contains(requirement));
                String details = run.details(caseId);
                soft.assertThat(details).as(caseId + " cites " + requirement + "\n" + details)
                        .contains("requirement " + requirement + ":");
                soft.assertThat(details).as(caseId + " says how to rerun it\n" + details)
                        .containsPattern("rerun just this case: .*--only " + Pattern.quote(caseId) + " --seed 3");
            });

            int port = run.launchedPort();
            Path work = run.launchedStorage().getParent();
            soft.assertThat(CommandRun.listening(port)).as("something still listens on port " + port).isFalse();
            soft.assertThat(CommandRun.processesWith(started, script.getFileName().toString(), "--port " + port))
                    .as("naive_server.py processes left running").isEmpty();
            soft.assertThat(work).as("the suite's temporary directory (where ../escape-* landed) is removed")
                    .doesNotExist();
            soft.assertThat(CommandRun.tempEntries("escape-")).as("nothing escaped into " + work.getParent())
                    .isEqualTo(escapesBefore);
            soft.assertThat(CommandRun.leftoverSuiteDirs(suiteDirsBefore, "naive_server listening on 127.0.0.1:" + port + ","))
                    .as("xfer-suite-* directories left in java.io.tmpdir").isEmpty();
            soft.assertAll();
        }

        @Test
        @Timeout(60)
        void aCarefulPythonServerPassesTheCasesTheNaiveOneFails() {
            assumePython();
            Path script = CommandRun.resource("/planted/correct_server.py");

            CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--launch", pythonLaunch(script),
                    "--only", String.join(",", NAIVE_BUGS.keySet()), "--seed", "3");

            assertThat(run.exit()).as(run.printed()).isZero();
            assertThat(run.out()).as(run.printed()).contains("RESULT: PASS");
            assertThat(run.caseLines()).as(run.printed()).hasSize(NAIVE_BUGS.size())
                    .allMatch(line -> line.startsWith("  ok "));
        }

        /**
         * The suite replaces {@code {dir}} with a path under {@code java.io.tmpdir}; a
         * grader cannot quote a path they do not know, so the suite must hand the
         * shell a word that survives a space (a CI workspace "My Project", a TMPDIR
         * with a space). Run as a separate JVM, since {@code java.io.tmpdir} is read
         * once per JVM.
         */
        @Test
        @Timeout(90)
        void aTemporaryDirectoryWithASpaceStillLaunchesTheServer(@TempDir Path temp) throws Exception {
            assumePython();
            Path script = CommandRun.resource("/planted/correct_server.py");
            Path tmp = Files.createDirectories(temp.resolve("tmp with space"));
            Path log = temp.resolve("output.txt");
            String javaBin = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(javaBin, "-Djava.io.tmpdir=" + tmp, "-cp",
                    System.getProperty("java.class.path"), ConformanceMain.class.getName(), "server",
                    "--launch", pythonLaunch(script), "--only", "small-upload-is-stored", "--seed", "3")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                assertThat(process.waitFor(80, java.util.concurrent.TimeUnit.SECONDS)).as("the run ends").isTrue();
                String output = Files.readString(log);
                assertThat(process.exitValue()).as("the storage directory's path has a space in it:\n" + output)
                        .isZero();
                assertThat(output).contains("RESULT: PASS");
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        /**
         * A launch command that puts the server in the background ({@code ... &}, or a
         * start script that does) ends at once while the server it started keeps
         * running. Whatever the suite reports about such a command, it must not
         * leave that server running and listening after the run.
         */
        @Test
        @Timeout(60)
        void aServerTheCommandPutInTheBackgroundIsStoppedToo() {
            assumePython();
            Path script = CommandRun.resource("/planted/naive_server.py");
            Instant started = Instant.now().minusSeconds(1);
            CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--launch", pythonLaunch(script) + " &",
                    "--only", "signed-sizes-are-refused", "--seed", "3");
            int port = run.launchedPort();
            try {
                // The run stops the command's whole session before it returns: nothing may be left now.
                assertThat(CommandRun.processesWith(started, script.getFileName().toString(), "--port " + port))
                        .as("naive_server.py processes left running after the run\n" + run.printed()).isEmpty();
                assertThat(CommandRun.listening(port)).as("something still listens on port " + port).isFalse();
            } finally {
                // Clean up what the suite left, by pid.
                CommandRun.handlesWith(started, script.getFileName().toString(), "--port " + port)
                        .forEach(ProcessHandle::destroyForcibly);
            }
        }

        /**
         * "rerun just this case" must rerun it the way the run ran it: a server that
         * needed {@code --start-timeout 40} to come up would not start under the
         * default 15 s.
         */
        @Test
        @Timeout(60)
        void theRerunLineKeepsTheStartTimeout() {
            assumePython();
            Path script = CommandRun.resource("/planted/naive_server.py");
            CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--launch", pythonLaunch(script),
                    "--start-timeout", "40", "--only", "signed-sizes-are-refused", "--seed", "3");

            assertThat(run.verdict("signed-sizes-are-refused")).as(run.printed()).hasValue("FAIL");
            assertThat(run.details("signed-sizes-are-refused")).as(run.printed())
                    .containsPattern("rerun just this case: .*--start-timeout 40");
        }

        @Test
        @Timeout(60)
        void aServerKilledByACaseIsReportedAndRestartedForTheNextCases() {
            assumePython();
            Path script = CommandRun.resource("/planted/correct_server.py");
            Instant started = Instant.now().minusSeconds(1);

            // In run order: small-upload (section 1), name-with-slash (section 3: the planted
            // crash), signed-sizes and sizes-with-spaces (section 4).
            CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--launch",
                    pythonLaunch(script) + " --crash-on-slash", "--only", "small-upload-is-stored,"
                            + "name-with-slash-is-refused,signed-sizes-are-refused,sizes-with-spaces-are-refused",
                    "--seed", "3");

            assertThat(run.exit()).as(run.printed()).isEqualTo(1);
            assertThat(run.verdict("small-upload-is-stored")).as(run.printed()).hasValue("ok");
            assertThat(run.verdict("name-with-slash-is-refused")).as(run.printed()).hasValue("FAIL");
            assertThat(run.out()).as("the crash is named, and the restart said\n" + run.printed())
                    .contains("XFER-LIVE-01")
                    .contains("the suite restarted it")
                    .doesNotContain("could not be restarted");
            assertThat(run.verdict("sizes-with-spaces-are-refused")).as("the restarted server serves the last case\n"
                    + run.printed()).hasValue("ok");
            assertThat(CommandRun.listening(run.launchedPort())).as("the restarted server is stopped too").isFalse();
            assertThat(CommandRun.processesWith(started, script.getFileName().toString(),
                    "--port " + run.launchedPort())).as("correct_server.py processes left running").isEmpty();
        }

        /**
         * A server that answers a bad name properly and then dies half a second later
         * (a crash in its clean-up, exit handlers, a JVM's shutdown hooks) broke
         * XFER-LIVE-01 on that input. The liveness check after each case is a single
         * immediate look, and the run ends before the server is gone: the run must
         * still not PASS. (A last look after the final case, after a short grace,
         * would catch it.)
         */
        @Test
        @Timeout(60)
        void aServerThatDiesShortlyAfterItsReplyDoesNotPass() {
            assumePython();
            Path script = CommandRun.resource("/planted/correct_server.py");

            CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--launch",
                    pythonLaunch(script) + " --crash-on-slash 0.5", "--only",
                    "name-with-slash-is-refused,signed-sizes-are-refused", "--seed", "3");

            assertThat(run.exit()).as("the server died during the run\n" + run.printed()).isEqualTo(1);
            assertThat(run.out()).as(run.printed()).contains("XFER-LIVE-01").doesNotContain("RESULT: PASS");
        }

        @Test
        @Timeout(90)
        void aServerThatAcceptsAndNeverAnswersGetsVerdictsWithinTheSuitesBounds() {
            assumePython();
            Path script = CommandRun.resource("/planted/silent_server.py");
            List<String> cases = List.of("small-upload-is-stored", "silent-connection-is-closed",
                    "name-with-slash-is-refused");
            Instant started = Instant.now().minusSeconds(1);

            CommandRun run = CommandRun.of(Duration.ofSeconds(80), "server", "--launch",
                    "python3 " + CommandRun.shellWord(script.toString()) + " --port {port}",
                    "--idle", "2", "--only", String.join(",", cases), "--seed", "5");

            assertThat(run.exit()).as(run.printed()).isEqualTo(1);
            for (String caseId : cases) {
                assertThat(run.verdict(caseId)).as(caseId + "\n" + run.printed())
                        .hasValueSatisfying(verdict -> assertThat(verdict).isIn("TIME", "FAIL"));
            }
            // Two waits for a reply (READY, ERROR 403) and one for the idle close
            // (idle + max(idle, 2 s) = 4 s), as the suite scaled them; plus start, stop
            // (3 s grace for SIGTERM) and slack.
            double factor = run.timeoutFactor();
            long bound = (long) (2 * REPLY.toMillis() * factor) + 4_000 + 3_000 + 15_000;
            assertThat(run.millis()).as("the run ends within the suite's own bounds (factor " + factor + ")\n"
                    + run.printed()).isLessThan(bound);
            assertThat(CommandRun.processesWith(started, script.getFileName().toString(),
                    "--port " + run.launchedPort())).as("silent_server.py processes left running").isEmpty();
        }
    }

    @Nested
    class Connect {

        @Test
        @Timeout(60)
        void storageChecksAreSkippedWithoutDirAndRunWithIt(@TempDir Path temp) throws IOException {
            Path storage = temp.resolve("storage");
            try (PlantedServer server = new PlantedServer(Fault.NONE, storage, 0, 2000)) {
                String address = "127.0.0.1:" + server.port();

                CommandRun blind = CommandRun.of(Duration.ofSeconds(50), "server", "--connect", address,
                        "--idle", "2", "--only", "upload-in-progress-is-invisible", "--seed", "7");

                assertThat(blind.exit()).as("a skip is not a failure\n" + blind.printed()).isZero();
                assertThat(blind.verdict("upload-in-progress-is-invisible")).as(blind.printed()).hasValue("skip");
                assertThat(blind.details("upload-in-progress-is-invisible")).as(blind.printed())
                        .contains("skipped: needs --dir");

                CommandRun seeing = CommandRun.of(Duration.ofSeconds(50), "server", "--connect", address,
                        "--dir", storage.toString(), "--idle", "2", "--only", "upload-in-progress-is-invisible",
                        "--seed", "7");

                assertThat(seeing.exit()).as(seeing.printed()).isZero();
                assertThat(seeing.verdict("upload-in-progress-is-invisible")).as(seeing.printed()).hasValue("ok");
            }
        }

        @Test
        @Timeout(60)
        void levelOneAgainstARunningCorrectServerPasses(@TempDir Path temp) throws IOException {
            Path storage = temp.resolve("storage");
            try (PlantedServer server = new PlantedServer(Fault.NONE, storage, 0, 2000)) {
                CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--connect",
                        "127.0.0.1:" + server.port(), "--dir", storage.toString(), "--idle", "2", "--level", "1",
                        "--seed", "1");

                assertThat(run.exit()).as(run.printed()).isZero();
                assertThat(run.out()).as(run.printed()).contains("RESULT: PASS");
                assertThat(run.caseLines()).as(run.printed()).hasSize(run.summaryCount())
                        .allMatch(line -> line.startsWith("  ok "));
                assertThat(server.isRunning()).as("the suite does not stop a server it did not start").isTrue();
            }
        }

        @Test
        @Timeout(30)
        void nothingListeningIsOneClearMessageAndExitOne() {
            int port = freePort();
            CommandRun run = CommandRun.of(Duration.ofSeconds(25), "server", "--connect", "127.0.0.1:" + port,
                    "--seed", "1");

            assertThat(run.exit()).as(run.printed()).isEqualTo(1);
            assertThat(run.out()).as(run.printed()).contains("never accepted a connection").contains("RESULT: FAIL");
            assertThat(run.caseLines()).isEmpty();
        }

        @Test
        @Timeout(60)
        void reportFilesDescribeEveryCaseAndTheFailure(@TempDir Path temp) throws Exception {
            Path reports = temp.resolve("reports");
            String failing = "replies-end-with-bare-lf";
            String passing = "small-upload-is-stored";
            try (PlantedServer server = new PlantedServer(Fault.CRLF_REPLIES, temp.resolve("storage"), 0, 2000)) {
                CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--connect",
                        "127.0.0.1:" + server.port(), "--idle", "2", "--only", failing + "," + passing,
                        "--seed", "11", "--report", reports.toString());

                assertThat(run.exit()).as(run.printed()).isEqualTo(1);
                assertThat(run.verdict(failing)).as(run.printed()).hasValue("FAIL");
                assertThat(run.verdict(passing)).as("CR LF is tolerated outside the line-end case\n" + run.printed())
                        .hasValue("ok");
                assertThat(run.out()).contains("wrote " + reports.resolve("junit.xml"));
            }

            // junit.xml: well-formed, one testcase per case, a <failure> for the failing one only
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document xml = factory.newDocumentBuilder().parse(reports.resolve("junit.xml").toFile());
            NodeList testcases = xml.getElementsByTagName("testcase");
            assertThat(testcases.getLength()).isEqualTo(2);
            Map<String, Element> byCase = new HashMap<>();
            for (int i = 0; i < testcases.getLength(); i++) {
                Element testcase = (Element) testcases.item(i);
                byCase.put(testcase.getAttribute("name").split(" ")[0], testcase);
            }
            assertThat(byCase).containsOnlyKeys(failing, passing);
            NodeList failures = byCase.get(failing).getElementsByTagName("failure");
            assertThat(failures.getLength()).isEqualTo(1);
            assertThat(((Element) failures.item(0)).getAttribute("message")).contains("XFER-LINE-01");
            for (String verdict : List.of("failure", "error", "skipped")) {
                assertThat(byCase.get(passing).getElementsByTagName(verdict).getLength())
                        .as("the passed case has no <" + verdict + ">").isZero();
            }
            Element root = xml.getDocumentElement();
            assertThat(root.getAttribute("tests")).isEqualTo("2");
            assertThat(root.getAttribute("failures")).isEqualTo("1");

            // summary.json: valid JSON with every case and its verdict
            String json = Files.readString(reports.resolve("summary.json"), StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) JsonReader.parse(json);
            assertThat(summary).containsEntry("passed", false);
            assertThat(((Number) summary.get("seed")).longValue()).isEqualTo(11);
            Map<String, Object> verdicts = new HashMap<>();
            for (Object item : (List<?>) summary.get("cases")) {
                Map<?, ?> result = (Map<?, ?>) item;
                verdicts.put((String) result.get("case"), result.get("verdict"));
                if (failing.equals(result.get("case"))) {
                    assertThat(result.get("cited")).isEqualTo("XFER-LINE-01");
                    assertThat((String) result.get("rerun")).contains("--only " + failing);
                }
            }
            assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of(failing, "failed", passing, "passed"));

            // report.html: one page that names the failing case
            String html = Files.readString(reports.resolve("report.html"), StandardCharsets.UTF_8);
            assertThat(html).startsWith("<!DOCTYPE html>").contains(failing).contains("FAIL").contains("XFER-LINE-01");
        }

        @Test
        @Timeout(60)
        void rerunsTellASteadyFailure(@TempDir Path temp) throws IOException {
            String failing = "replies-end-with-bare-lf";
            try (PlantedServer server = new PlantedServer(Fault.CRLF_REPLIES, temp.resolve("storage"), 0, 2000)) {
                CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--connect",
                        "127.0.0.1:" + server.port(), "--idle", "2", "--only", failing, "--seed", "11",
                        "--rerun", "2");

                assertThat(run.exit()).as(run.printed()).isEqualTo(1);
                assertThat(run.out()).as(run.printed())
                        .contains(failing + ": steady: failed 2 of 2 reruns")
                        .contains("RESULT: FAIL");
            }
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
