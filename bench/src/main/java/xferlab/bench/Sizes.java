package xferlab.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;

/** Sizes as people write them: {@code 1GiB}, {@code 100MiB}, {@code 64KiB}, {@code 4096}. */
final class Sizes implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB)", Pattern.CASE_INSENSITIVE);

    @Override
    public Long convert(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text + " (write 4096, 64KiB, 100MiB or 1GiB)");
        }
        long value = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "kib" -> value << 10;
            case "mib" -> value << 20;
            case "gib" -> value << 30;
            default -> value;
        };
    }

    static long parse(String text) {
        return new Sizes().convert(text);
    }

    /** The largest binary unit that divides evenly, else one decimal: "1 GiB", "1.5 MiB". */
    static String format(long octets) {
        String[] units = {"GiB", "MiB", "KiB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (octets >= 1L << shifts[i]) {
                double value = (double) octets / (1L << shifts[i]);
                return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                        + " " + units[i];
            }
        }
        return octets + " B";
    }
}
