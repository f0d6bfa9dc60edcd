package xferlab.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --image} where no Docker engine answers (a student's laptop): one line that
 * says what to install, exit 2, no case run. Needs no engine, so it runs everywhere
 * but where the default socket exists (Testcontainers would find that engine).
 * A separate JVM: Testcontainers remembers a failed search for the rest of a process.
 */
class NoDockerEngineTest {

    @ParameterizedTest(name = "{0} --image without an engine: one line, exit 2")
    @ValueSource(strings = {"server", "client"})
    @Timeout(90)
    void noEngineIsOneLineThatSaysWhatToInstallAndExitTwo(String suite, @TempDir Path home) throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of("/var/run/docker.sock")),
                "an engine listens on /var/run/docker.sock: Testcontainers would use it");
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), ConformanceMain.class.getName(),
                suite, "--image", "student/xfer:1", "--seed", "1")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("DOCKER_HOST", "unix://" + home.resolve("no-engine.sock"));
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_RUNTIME_DIR");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(80, TimeUnit.SECONDS)).as("the command ends").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        List<String> lines = Files.readString(err, StandardCharsets.UTF_8).lines().toList();
        String printed = "exit " + process.exitValue() + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + lines;

        assertThat(process.exitValue()).as(printed).isEqualTo(2);
        assertThat(lines).as("one line on stderr\n" + printed).hasSize(1);
        assertThat(lines.get(0)).as(printed)
                .startsWith("xfer-conformance: no Docker engine answers")
                .contains("install Docker Engine")
                .contains("DOCKER_HOST");
        assertThat(stdout).as("no case ran\n" + printed).doesNotContain("RESULT:");
    }
}
