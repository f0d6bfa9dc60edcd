package xferlab.conformance.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Everything a launched command started. The command runs in a session of its own
 * ({@code setsid}), so every process it starts, even one it puts in the background
 * and forgets, shares its process group and is found, and stopped, by it. Where
 * {@code setsid} or {@code /proc} is missing, the process's descendants are used
 * instead, which misses orphaned background processes.
 *
 * <p>This is the one way the kit stops a process tree: a launched implementation, and
 * a process started otherwise ({@link #of}), such as class mode's suite for one
 * submission.
 */
public final class ProcessGroup {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final boolean SUPPORTED = Files.isExecutable(SETSID) && Files.isDirectory(Path.of("/proc/self"));

    private final Process process;
    /** Whether the process leads a process group of its own (started through setsid). */
    private final boolean leader;

    private ProcessGroup(Process process, boolean leader) {
        this.process = process;
        this.leader = leader;
    }

    /** A process started otherwise: it and its descendants, as long as they are its descendants. */
    public static ProcessGroup of(Process process) {
        return new ProcessGroup(process, false);
    }

    /** Starts {@code sh -c command} as the leader of a new process group. */
    static ProcessGroup start(ProcessBuilder builder, String command) throws IOException {
        List<String> words = new ArrayList<>();
        if (SUPPORTED) {
            words.add(SETSID.toString());
        }
        words.addAll(List.of("sh", "-c", command));
        return new ProcessGroup(builder.command(words).start(), SUPPORTED);
    }

    Process process() {
        return process;
    }

    /** Whether any process of the group still runs. */
    boolean alive() {
        return process.isAlive() || !members().isEmpty();
    }

    /**
     * Stops every process of the group: SIGTERM first, with {@code grace} to end, then
     * SIGKILL to what is left (to all at once when the grace is zero), and waits a few
     * seconds for them to go.
     */
    public void stop(Duration grace) {
        if (!grace.isZero()) {
            members().forEach(ProcessHandle::destroy);
            waitFor(grace);
        }
        members().forEach(ProcessHandle::destroyForcibly);
        waitFor(Duration.ofSeconds(5));
    }

    private void waitFor(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle member : members()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                member.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller's forcible pass still runs
                return;
            } catch (Exception e) {
                // still running, or gone already: the caller's forcible pass handles it
            }
        }
    }

    /** The process, its descendants, and (for a leader) every process in its group. */
    private List<ProcessHandle> members() {
        Set<ProcessHandle> members = new LinkedHashSet<>(process.descendants().toList());
        if (leader) {
            long group = process.pid();
            ProcessHandle.allProcesses().filter(h -> groupOf(h.pid()) == group).forEach(members::add);
        }
        if (process.isAlive()) {
            members.add(process.toHandle());
        }
        members.removeIf(h -> !h.isAlive());
        return new ArrayList<>(members);
    }

    /** The process group of a process, from /proc/PID/stat (-1 if it cannot be read). */
    private static long groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
