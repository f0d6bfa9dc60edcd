package xferlab.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Help and errors to copy from: examples whole on one line, and a mistake in one line with where to look. */
class HelpTest {

    @Test
    @Timeout(30)
    void examplesAreNotCutInTwo() {
        CommandRun run = CommandRun.of(Duration.ofSeconds(20), "server", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.lines()).anyMatch(line -> line.strip().equals("java -jar xfer-conformance.jar server "
                + "--launch 'python3 server.py --port {port} --dir {dir} --idle-timeout {idle}'"));
        CommandRun roster = CommandRun.of(Duration.ofSeconds(20), "class", "--help");
        assertThat(roster.lines()).anyMatch(line -> line.strip().startsWith("alice: python3 subs/alice/server.py")
                && line.strip().endsWith("--idle-timeout {idle}"));
    }

    @Test
    @Timeout(30)
    void aMistakeGetsOneLineAndWhereToLook() {
        CommandRun run = CommandRun.of(Duration.ofSeconds(20), "server", "--levle", "1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "xfer-conformance: Unknown options: '--levle', '1'",
                "see: java -jar xfer-conformance.jar server --help");
    }
}
