package xferlab.conformance.target;

/**
 * What one container may use. A student's server that forks without end, or
 * allocates without end, stops at these limits instead of taking the grader's
 * machine down with it.
 *
 * @param cpus        CPUs, fractions allowed (docker's {@code --cpus})
 * @param memoryBytes memory, swap included (docker's {@code --memory} with {@code --memory-swap} equal)
 * @param processes   processes and threads (docker's {@code --pids-limit}); a JVM needs a few dozen
 */
public record ContainerLimits(double cpus, long memoryBytes, long processes) {
    /** One CPU, 512 MiB, 512 processes: enough for a JVM or CPython server under the suite's load. */
    public static final ContainerLimits DEFAULT = new ContainerLimits(1.0, 512L << 20, 512);

    public ContainerLimits {
        if (!(cpus > 0) || memoryBytes < (6L << 20) || processes < 1) {
            throw new IllegalArgumentException("limits too small: " + cpus + " CPUs, " + memoryBytes
                    + " octets, " + processes + " processes (docker needs at least 6 MiB)");
        }
    }

    /**
     * A memory size as docker writes it: a number of octets, or with a suffix
     * {@code k}, {@code m} or {@code g} (binary multiples).
     */
    public static long parseMemory(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long value = Long.parseLong(digits);
            if (value < 0 || value > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a memory size is like 512m or 2g, not " + text);
        }
    }

    /** For the report: {@code 1 CPU, 512 MiB, 512 processes}. */
    public String describe() {
        String cpu = cpus == Math.rint(cpus) ? String.valueOf((long) cpus) : String.valueOf(cpus);
        return cpu + (cpus == 1 ? " CPU, " : " CPUs, ") + (memoryBytes >> 20) + " MiB, " + processes + " processes";
    }
}
