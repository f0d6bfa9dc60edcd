package xferlab.conformance.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xferlab.conformance.cli.ConformanceMain;

/**
 * The client suite judges a real student's first client, launched as a process the
 * way a grader runs it: {@code client --launch 'python3 naive_client.py ...'}. The
 * client breaks the classic rules, and the report names each one, with the command
 * that reruns the case alone.
 */
@Timeout(90)
class LaunchedNaiveClientTest {
    private static final long SEED = 5;

    /** The cases a naive client fails, and the requirement each must cite. */
    private static final List<String[]> EXPECTED = List.of(
            new String[] {"sends-base-name-size-and-content", "XFER-CLI-01"},
            new String[] {"sends-nothing-before-ready", "XFER-CLI-03"},
            new String[] {"wrong-digest-is-a-failure", "XFER-CLI-06"},
            new String[] {"error-before-ready-stops-the-client", "XFER-CLI-05"},
            new String[] {"refuses-an-invalid-name-itself", "XFER-CLI-08", "WARN"});

    @Test
    void theNaiveClientFailsTheCasesThatNameItsBugs() throws Exception {
        Assumptions.assumeTrue(pythonWorks(), "python3 is not available here");
        Path client = resource("/planted/naive_client.py");
        String launch = "python3 " + shellWord(client.toString()) + " {host} {port} {file} --timeout {timeout}";
        List<String> cases = EXPECTED.stream().map(e -> e[0]).toList();

        String out = execute(1, "client", "--launch", launch, "--only", String.join(",", cases),
                "--seed", String.valueOf(SEED));

        // Every expectation is checked, so that one report names every case that misses its bug.
        SoftAssertions softly = new SoftAssertions();
        for (String[] expected : EXPECTED) {
            String caseId = expected[0];
            String requirement = expected[1];
            String block = caseBlock(out, caseId);
            if (block.isEmpty()) {
                softly.fail(caseId + " did not run; the report:\n" + out);
                continue;
            }
            // A missed MUST fails; a missed SHOULD (XFER-CLI-08) warns.
            String label = expected.length > 2 ? expected[2] : "FAIL";
            if (!block.startsWith("  " + label + "  " + caseId + " [")) {
                softly.fail(caseId + " must end " + label + " for the naive client, citing " + requirement
                        + ", but did not:\n" + block);
                continue;
            }
            softly.assertThat(block).as(caseId + " cites " + requirement + ":\n" + block)
                    .contains("requirement " + requirement + ":");
            softly.assertThat(block).as("the rerun line of " + caseId + ":\n" + block)
                    .containsPattern("rerun just this case: java -jar xfer-conformance.jar client --launch .*"
                            + Pattern.quote("--only " + caseId + " --seed " + SEED));
        }
        softly.assertThat(out).contains("RESULT: FAIL");
        softly.assertAll();
    }

    /** Runs the command line in process, capturing standard output; returns it after checking the exit status. */
    private static String execute(int expectedExit, String... args) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FutureTask<Integer> task = new FutureTask<>(() -> ConformanceMain.commandLine().execute(args));
        Thread thread = new Thread(task, "xfer-conformance-client-command");
        thread.setDaemon(true);
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            thread.start();
            exit = task.get(75, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("the client suite did not end within 75 s; it printed:\n"
                    + out.toString(StandardCharsets.UTF_8));
        } catch (ExecutionException e) {
            throw new AssertionError("the command threw instead of returning an exit status", e.getCause());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit status; stdout:\n" + printed + "\nstderr:\n" + err.toString(StandardCharsets.UTF_8))
                .isEqualTo(expectedExit);
        return printed;
    }

    /** A case's console line and the indented details under it. */
    private static String caseBlock(String out, String caseId) {
        Pattern caseLine = Pattern.compile("^  (ok|FAIL|WARN|----|TIME|ERR|skip)\\s+" + Pattern.quote(caseId) + " \\[");
        List<String> block = new ArrayList<>();
        boolean inside = false;
        for (String line : out.lines().toList()) {
            if (inside) {
                if (line.startsWith("        ") || line.isBlank()) {
                    block.add(line);
                    continue;
                }
                break;
            }
            if (caseLine.matcher(line).find()) {
                inside = true;
                block.add(line);
            }
        }
        return String.join("\n", block);
    }

    /** A word for sh -c: quoted unless it is plainly safe. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=,+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static Path resource(String name) throws URISyntaxException {
        URL url = LaunchedNaiveClientTest.class.getResource(name);
        assertThat(url).as("test resource " + name).isNotNull();
        return Path.of(url.toURI()).toAbsolutePath();
    }

    private static boolean pythonWorks() {
        return xferlab.conformance.target.Python.available();
    }
}
