package xferlab.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a table whose columns fit their widest cell. Figures are printed as they
 * come, so a long run shows progress; the summary at the end repeats them.
 */
final class Report {
    private final PrintWriter out;

    Report(PrintWriter out) {
        this.out = out;
    }

    PrintWriter out() {
        return out;
    }

    void heading(String title) {
        out.println();
        out.println("== " + title);
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Prints rows (the first one is the header) as aligned columns, numbers to the right. */
    void table(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                boolean number = i > 0 && cell.matches("-|[\\d.]+(-[\\d.]+)?");
                String format = "%" + (number ? "" : "-") + widths[i] + "s";
                line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, cell));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    static List<List<String>> rows(List<String> header) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        return rows;
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String rate(long octets, double seconds) {
        return String.format(Locale.ROOT, "%.2f", octets / seconds / 1e9);
    }

    static String mib(long octets) {
        return String.format(Locale.ROOT, "%.0f", octets / (double) (1 << 20));
    }
}
