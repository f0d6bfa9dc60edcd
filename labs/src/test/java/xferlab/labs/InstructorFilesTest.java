package xferlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.report.JsonReader;
import xferlab.conformance.target.ProcessGroup;

/**
 * The files in {@code labs/instructor/} do what the instructors' sheet says, run
 * here the way the grading platforms run them, with the Python skeletons as the
 * submissions and the stage-1 options (the server fails one stage-1 case, so a score
 * below full marks shows that a failure reaches the grade). The Gradescope
 * autograder is also run against a submission that tries to forge its grade.
 */
class InstructorFilesTest {
    private static final Path INSTRUCTOR = Sheets.labs().resolve("instructor");
    private static final String FAILED_CASE = "replies-end-with-bare-lf";

    // Gradescope. run_autograder runs the submission as a uid of its own through
    // setpriv, so these runs need root, as on Gradescope (and in CI).

    /** The uid the submissions run as here: one no other run on this machine is likely to pick. */
    private static final int STUDENT_UID = unusedUid();
    /** The options of the graded runs: stage 1, one seed, so that two runs can be compared. */
    private static final String STAGE_1 = "--level 1 --seed 5";

    @TempDir
    static Path shared;
    private static Map<String, Object> cleanRun;

    @Test
    @Timeout(150)
    void theGradescopeAutograderLeavesResultsWhereGradescopeReadsThem() throws Exception {
        requireRoot();
        Map<String, Object> results = cleanRun();
        double score = ((Number) results.get("score")).doubleValue();
        assertThat(score).as("the skeleton fails one case of stage 1").isGreaterThan(0).isLessThan(100);
        assertThat(tests(results)).as("level 1 only").hasSizeLessThan(12)
                .anySatisfy(t -> {
                    assertThat((String) t.get("name")).startsWith(FAILED_CASE + " ");
                    assertThat(t.get("status")).isEqualTo("failed");
                    // A student copies this line: it must show their command, not the wrapper that ran it.
                    assertThat((String) t.get("output")).contains("rerun just this case: java -jar "
                            + "xfer-conformance.jar server --launch 'python3 server.py --port {port} --dir {dir} "
                            + "--idle-timeout {idle}' --only " + FAILED_CASE + " --seed 5");
                });
        assertThat(results.toString()).doesNotContain("as-student");
    }

    @Test
    @Timeout(150)
    void aSubmissionCannotRewriteItsGradeNorTheAutograder(@TempDir Path temp) throws Exception {
        requireRoot();
        Map<String, Object> clean = cleanRun();
        Path root = unpack(stage1Zip(), temp);
        // A world-writable place where the helper notes what it managed: proof that it ran.
        Path drop = Files.createDirectories(temp.resolve("drop"));
        Files.setPosixFilePermissions(drop, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path notes = drop.resolve("helper.txt");
        Files.writeString(root.resolve("submission/server.py"), FORGER
                .replace("@ROOT@", root.toString()).replace("@NOTES@", notes.toString())
                + Files.readString(Sheets.skeletons().resolve("python/server.py")));
        Map<String, String> sourceBefore = contents(root.resolve("source"));

        runAutograder(root, temp);
        String written = Files.readString(root.resolve("results/results.json"));
        assertThat(processesOf(STUDENT_UID)).as("processes of uid " + STUDENT_UID + " once run_autograder is done")
                .isEmpty();
        // Had a helper survived, it would rewrite the file within moments of its appearing.
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(Files.readString(root.resolve("results/results.json")))
                    .as("results.json after run_autograder returned").isEqualTo(written);
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // polling pace
        }
        Map<String, Object> results = json(root.resolve("results/results.json"), written);
        assertThat(results.get("score")).as("the score of the same server without the helper")
                .isEqualTo(clean.get("score"));
        assertThat(verdicts(results)).isEqualTo(verdicts(clean));
        assertThat(contents(root.resolve("source"))).as("source/ after the run").isEqualTo(sourceBefore);
        try (Stream<Path> files = Files.list(root.resolve("results"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("results.json");
        }
        assertThat(notes).as("the helper ran").exists();
        assertThat(Files.readString(notes)).contains("started as uid " + STUDENT_UID)
                .contains("denied " + root.resolve("source/forged.txt"))
                .contains("denied " + root.resolve("results/early.txt"))
                .doesNotContain("wrote ");
    }

    @Test
    @Timeout(150)
    void aSubmissionThatCannotStartIsToldWhyFirst(@TempDir Path temp) throws Exception {
        requireRoot();
        Path root = unpack(stage1Zip(), temp);
        Files.writeString(root.resolve("submission/main.py"), "print('hello')\n");
        Files.writeString(root.resolve("submission/README.md"), "# my server\n");
        String console = runAutograder(root, temp);
        Map<String, Object> missing = json(root.resolve("results/results.json"), console);
        assertThat(((Number) missing.get("score")).doubleValue()).isZero();
        assertThat(((String) missing.get("output")).lines().findFirst().orElse(""))
                .isEqualTo("no server.py in your submission; found: README.md, main.py");

        // The file is there but the server dies at once: the suite's reason comes first.
        Path crashing = unpack(stage1Zip(), Files.createDirectories(temp.resolve("crashing")));
        Files.writeString(crashing.resolve("submission/server.py"),
                "import sys\nprint('no server today', file=sys.stderr)\nsys.exit(3)\n");
        console = runAutograder(crashing, temp);
        Map<String, Object> crashed = json(crashing.resolve("results/results.json"), console);
        assertThat(((Number) crashed.get("score")).doubleValue()).isZero();
        assertThat((String) crashed.get("output")).as(console)
                .startsWith("The suite could not run your submission: the --launch command could not be started: "
                        + "the command exited with status 3")
                .contains("no server today");
        assertThat(tests(crashed)).isNotEmpty()
                .allSatisfy(t -> assertThat((String) t.get("output")).contains("not run: "));
    }

    @Test
    @Timeout(150)
    void aClientAutograderGradesTheClientSkeleton(@TempDir Path temp) throws Exception {
        requireRoot();
        Made made = makeAutograder(temp, "--suite", "client", "--options", "--level 2 --seed 5");
        assertThat(made.exit()).as(made.output()).isZero();
        Path root = unpack(made.zip(), temp);
        assertThat(root.resolve("source/suite.txt")).hasContent("client");
        Files.copy(Sheets.skeletons().resolve("python/client.py"), root.resolve("submission/client.py"));
        String console = runAutograder(root, temp);

        Map<String, Object> results = json(root.resolve("results/results.json"), console);
        assertThat(((Number) results.get("score")).doubleValue()).as(console).isGreaterThan(0).isLessThan(100);
        assertThat((String) results.get("output")).startsWith("XFER client suite against sh -c 'python3 client.py");
        // Generated file names with spaces and letters of many scripts reach the client intact.
        assertThat(tests(results)).anySatisfy(t -> {
            assertThat((String) t.get("name")).startsWith("any-file-is-sent-exactly ");
            assertThat(t.get("status")).isEqualTo("passed");
        });
        assertThat(processesOf(STUDENT_UID)).isEmpty();
    }

    @Test
    @Timeout(60)
    void aTypoInTheOptionsIsRefusedAndNoZipIsWritten(@TempDir Path temp) throws Exception {
        Made made = makeAutograder(temp, "--options", "--levle 2");
        assertThat(made.exit()).isNotZero();
        assertThat(made.output()).contains("Unknown options: '--levle', '2'").contains("no zip written")
                .doesNotContain("Usage:");
        assertThat(made.zip()).doesNotExist();
    }

    @Test
    @Timeout(120)
    void theSheetsBuildCommandsRunAsWrittenFromTheKitsRoot(@TempDir Path temp) throws Exception {
        List<List<String>> blocks = Sheets.shellBlocks(Sheets.docs().resolve("_instructor-grading.adoc")).stream()
                .filter(b -> b.stream().anyMatch(c -> c.startsWith("labs/instructor/gradescope/make-autograder.sh")))
                .toList();
        assertThat(blocks).as("the Gradescope section shows how to build the zip").isNotEmpty();
        int index = 0;
        for (List<String> block : blocks) {
            // A copy of the kit's layout, so that the files the commands write stay out of the source tree.
            Path kit = Files.createDirectories(temp.resolve("kit-" + index++));
            Path scripts = Files.createDirectories(kit.resolve("labs/instructor/gradescope"));
            try (Stream<Path> files = Files.list(INSTRUCTOR.resolve("gradescope"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, scripts.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Path target = Files.createDirectories(kit.resolve("conformance/target"));
            Files.copy(jar(), target.resolve("xfer-conformance.jar"));

            Process process = start(new ProcessBuilder("bash", "-e", "-c", String.join("\n", block))
                    .directory(kit.toFile()).redirectErrorStream(true));
            String output = finish(process, Duration.ofSeconds(50));
            assertThat(process.exitValue()).as(String.join("\n", block) + "\n" + output).isZero();
            Path zip = kit.resolve("xfer-autograder.zip");
            assertThat(zip).as(output).exists();
            try (ZipFile entries = new ZipFile(zip.toFile())) {
                assertThat(entries.stream().map(ZipEntry::getName)).contains("run_autograder", "as-student",
                        "setup.sh", "xfer-conformance.jar", "suite.txt");
            }
        }
    }

    /**
     * A server that serves like the skeleton, but first leaves behind a helper in a
     * session of its own, out of the suite's reach: it tries to write into source/
     * and results/, then waits for the grade and writes full marks over it.
     */
    private static final String FORGER = """
            import json as _json
            import os as _os
            import time as _time


            def _note(line):
                try:
                    with open("@NOTES@", "a") as f:
                        f.write(line + "\\n")
                except OSError:
                    pass


            def _write(path, text):
                try:
                    with open(path, "w") as f:
                        f.write(text)
                    _note("wrote " + path)
                except OSError as e:
                    _note("denied " + path + ": " + e.strerror)


            def _forge():
                child = _os.fork()
                if child > 0:
                    _os.waitpid(child, 0)
                    return
                _os.setsid()
                if _os.fork() > 0:
                    _os._exit(0)
                _note("started as uid %d" % _os.getuid())
                _write("@ROOT@/source/forged.txt", "forged\\n")
                _write("@ROOT@/results/early.txt", "forged\\n")
                results = "@ROOT@/results/results.json"
                deadline = _time.monotonic() + 30
                while _time.monotonic() < deadline:
                    try:
                        with open(results) as f:
                            if _json.load(f).get("score") != 100:
                                _write(results, _json.dumps({"score": 100, "output": "forged", "tests": []}))
                                break
                    except (OSError, ValueError):
                        pass
                    _time.sleep(0.2)
                _os._exit(0)


            _forge()
            """;

    /** The autograder of the skeleton's clean stage-1 run, which the other runs are compared with. */
    private static synchronized Map<String, Object> cleanRun() throws Exception {
        if (cleanRun == null) {
            Path temp = Files.createDirectories(shared.resolve("clean"));
            Path root = unpack(stage1Zip(), temp);
            try (ZipFile entries = new ZipFile(stage1Zip().toFile())) {
                assertThat(entries.stream().map(ZipEntry::getName)).containsExactlyInAnyOrder("setup.sh",
                        "run_autograder", "as-student", "xfer-conformance.jar", "suite.txt", "options.txt");
            }
            Files.copy(Sheets.skeletons().resolve("python/server.py"), root.resolve("submission/server.py"));
            String console = runAutograder(root, temp);
            cleanRun = json(root.resolve("results/results.json"), console);
            assertThat(processesOf(STUDENT_UID)).isEmpty();
        }
        return cleanRun;
    }

    private static synchronized Path stage1Zip() throws Exception {
        Path zip = shared.resolve("stage-1.zip");
        if (!Files.exists(zip)) {
            Made made = makeAutograder(Files.createDirectories(shared.resolve("stage-1")), "--jar", jar().toString(),
                    "--options", STAGE_1, "--out", zip.toString());
            assertThat(made.exit()).as(made.output()).isZero();
        }
        return zip;
    }

    record Made(int exit, String output, Path zip) {
    }

    /** Runs make-autograder.sh in {@code dir}; the zip is {@code dir/xfer-autograder.zip} unless args say. */
    private static Made makeAutograder(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", INSTRUCTOR.resolve("gradescope/make-autograder.sh")
                .toString()));
        command.addAll(List.of(args));
        Process process = start(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true));
        String output = finish(process, Duration.ofSeconds(50));
        int out = command.indexOf("--out");
        return new Made(process.exitValue(), output,
                out < 0 ? dir.resolve("xfer-autograder.zip") : Path.of(command.get(out + 1)));
    }

    /**
     * Lays out {@code temp/autograder} as Gradescope does: the zip in source/, an
     * empty submission/. Gradescope's /autograder can be read by everyone; so can
     * the copy, that a wrong mode of ours shows here.
     */
    private static Path unpack(Path zip, Path temp) throws IOException {
        Path root = temp.resolve("autograder");
        Path source = Files.createDirectories(root.resolve("source"));
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(entries.entries())) {
                Files.copy(entries.getInputStream(entry), source.resolve(entry.getName()));
            }
        }
        Files.createDirectories(root.resolve("submission"));
        for (Path dir : List.of(temp, root, source, root.resolve("submission"))) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return root;
    }

    /** Runs run_autograder as Gradescope does, as root; returns what it printed. */
    private static String runAutograder(Path root, Path temp) throws Exception {
        Path console = Files.createTempFile(temp, "console-", ".txt");
        ProcessBuilder run = new ProcessBuilder("bash", root.resolve("source/run_autograder").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        run.environment().put("AUTOGRADER_ROOT", root.toString());
        run.environment().put("XFER_STUDENT_UID", String.valueOf(STUDENT_UID));
        Process process = start(run);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            ProcessGroup.of(process).stop(Duration.ZERO);
            throw new AssertionError("run_autograder still runs after 120 s\n" + Files.readString(console));
        }
        return Files.readString(console);
    }

    private static Process start(ProcessBuilder builder) throws IOException {
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("LC_ALL", "C.UTF-8");
        return builder.start();
    }

    /** Waits for a process whose output is redirected to its input stream, killing it if it outlives {@code bound}. */
    private static String finish(Process process, Duration bound) throws Exception {
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        });
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            ProcessGroup.of(process).stop(Duration.ZERO);
            throw new AssertionError("still running after " + bound.toSeconds() + " s: " + process.info());
        }
        return output.get(10, TimeUnit.SECONDS);
    }

    private static void requireRoot() throws IOException {
        Assumptions.assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
                "run_autograder runs submissions as another uid (setpriv, chown): that needs root, "
                        + "as on Gradescope and in CI");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "run_autograder needs setpriv (util-linux), which setup.sh installs on Gradescope");
    }

    /** A uid with no account and no process, picked at random so that parallel builds do not share one. */
    private static int unusedUid() {
        String passwd;
        try {
            passwd = Files.readString(Path.of("/etc/passwd"));
        } catch (IOException e) {
            passwd = "";
        }
        java.util.Random random = new java.util.Random();
        while (true) {
            int uid = 62000 + random.nextInt(3000);
            if (!passwd.contains(":" + uid + ":") && processesOf(uid).isEmpty()) {
                return uid;
            }
        }
    }

    /** The live processes whose real or effective uid is {@code uid} (a zombie can do nothing, so it is left out). */
    private static List<Long> processesOf(int uid) {
        List<Long> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> {
            try {
                List<String> status = Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"));
                boolean zombie = status.stream().anyMatch(l -> l.startsWith("State:") && l.contains("Z"));
                boolean owned = status.stream().filter(l -> l.startsWith("Uid:")).map(l -> l.split("\\s+"))
                        .anyMatch(f -> f[1].equals(String.valueOf(uid)) || f[2].equals(String.valueOf(uid)));
                if (owned && !zombie) {
                    found.add(process.pid());
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
        });
        return found;
    }

    /** Each file under {@code dir}, by relative path, with its content's digest. */
    private static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> contents = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                contents.put(dir.relativize(file).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return contents;
    }

    /** Each test's name with its status and score. */
    private static List<String> verdicts(Map<String, Object> results) {
        return tests(results).stream().map(t -> t.get("name") + " " + t.get("status") + " " + t.get("score")).toList();
    }

    @Test
    @Timeout(120)
    void theClassroomWorkflowsSuiteStepHandsTheResultToTheReporter(@TempDir Path temp) throws Exception {
        String workflow = Files.readString(INSTRUCTOR.resolve("github-classroom/classroom.yml"));
        assertThat(workflow).contains("classroom-resources/autograding-grading-reporter@v1",
                "XFER_RESULTS: \"${{ steps.xfer.outputs.result }}\"", "runners: xfer");

        // The student's repository, as the workflow's checkout leaves it.
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(repo.resolve(".xfer"));
        Files.copy(jar(), repo.resolve(".xfer/xfer-conformance.jar"));
        Files.copy(Sheets.skeletons().resolve("python/server.py"), repo.resolve("server.py"));
        Path outputs = temp.resolve("github-output");
        Files.writeString(outputs, "");

        ProcessBuilder step = new ProcessBuilder("bash", "-e", "-c", runBlock(workflow, "xfer"))
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("console.txt").toFile());
        step.environment().put("XFER_LAUNCH", env(workflow, "XFER_LAUNCH"));
        step.environment().put("XFER_OPTIONS", "--level 1 --seed 5");
        step.environment().put("GITHUB_OUTPUT", outputs.toString());
        Process process = step.start();
        assertThat(process.waitFor(100, TimeUnit.SECONDS)).as("the step ends").isTrue();
        String console = Files.readString(temp.resolve("console.txt"));
        assertThat(process.exitValue()).as("a failing case does not fail the step\n" + console).isZero();

        String line = Files.readString(outputs).strip();
        assertThat(line).as(console).startsWith("result=");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) JsonReader.parse(new String(
                Base64.getDecoder().decode(line.substring("result=".length())), StandardCharsets.UTF_8));
        assertThat(result.get("status")).isEqualTo("fail");
        assertThat(((Number) result.get("max_score")).doubleValue()).isEqualTo(100.0);
        assertThat(tests(result)).anySatisfy(t -> {
            assertThat((String) t.get("name")).startsWith(FAILED_CASE + " ");
            assertThat(t.get("status")).isEqualTo("fail");
            assertThat(((Number) t.get("score")).doubleValue()).isZero();
        });
    }

    /** The {@code run: |} block of the step with this id, as the runner would execute it. */
    static String runBlock(String workflow, String id) {
        List<String> lines = workflow.lines().toList();
        int step = lines.indexOf(lines.stream().filter(l -> l.trim().equals("id: " + id)).findFirst()
                .orElseThrow(() -> new AssertionError("no step with id " + id)));
        int run = step;
        while (!lines.get(run).trim().equals("run: |")) {
            run++;
        }
        int indent = lines.get(run + 1).indexOf(lines.get(run + 1).trim());
        List<String> block = new ArrayList<>();
        for (int i = run + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && line.indexOf(line.trim()) < indent) {
                break;
            }
            block.add(line.isBlank() ? "" : line.substring(indent));
        }
        return String.join("\n", block);
    }

    static String env(String workflow, String name) {
        Matcher value = Pattern.compile("(?m)^\\s+" + name + ": \"([^\"]*)\"").matcher(workflow);
        assertThat(value.find()).as("the workflow sets " + name).isTrue();
        return value.group(1);
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("xfer.conformance.jar"));
        assertThat(jar).as("the suite's jar (the reactor builds it first)").exists();
        return jar;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path file, String console) throws IOException {
        assertThat(file).as(console).exists();
        return (Map<String, Object>) JsonReader.parse(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tests(Map<String, Object> root) {
        return (List<Map<String, Object>>) (List<?>) root.get("tests");
    }
}
