package xferlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The CPU figures the bench reads from /proc, checked on this test's own JVM. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessesTest {
    @Test
    void jitShareIsFoundAndIsPartOfTheWhole() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
        long self = ProcessHandle.current().pid();
        // Work that the JIT compiles, until its threads have used a clock tick (10 ms),
        // for at most 10 s: the loop ignores interrupts, so @Timeout alone would not end it.
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[64 * 1024];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Processes.jitCpuSeconds(self) == 0 && System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                sha256.update(block);
            }
        }
        double jit = Processes.jitCpuSeconds(self);
        assertThat(jit).as("CPU seconds of the threads named C1/C2 CompilerThre...").isPositive();
        assertThat(jit).isLessThanOrEqualTo(Processes.cpuSeconds(self));
    }
}
