package xferlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Each benchmark runs at a tiny size and prints its table, and the figures in it
 * add up. Timings are never asserted: these prove the benchmarks work, the full
 * run (documented in the README) measures.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchSmokeTest {
    @TempDir
    Path work;

    private record Run(int status, String out, String err) {
    }

    private Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = BenchMain.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--work-dir", work.toString()));
        all.addAll(List.of(args));
        int status = command.execute(all.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    /** The cells of the summary table's row (not a "round N" line) with these first three cells. */
    private static List<String> tableRow(String out, String bench, String what, String size) {
        return out.lines().map(l -> List.of(l.trim().split("\\s{2,}")))
                .filter(c -> c.size() > 3 && c.get(0).equals(bench) && c.get(1).equals(what) && c.get(2).equals(size))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + what + " " + size + " in:\n" + out));
    }

    private static List<String> row(String out, String startsWith) {
        return out.lines().filter(l -> l.startsWith(startsWith)).map(l -> List.of(l.trim().split("\\s{2,}")))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + startsWith + " in:\n" + out));
    }

    @Test
    void throughputRowsMoveEveryOctetAndPrintTheirRatios() {
        Run run = bench("--only", "limit,reference,python,naive,rsync", "--size", "3MiB", "--small-size", "1MiB",
                "--rounds", "2");

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("round 2", "limit = the slower of socket copy and fsynced write",
                "reference pair / limit", "naive / reference in process", "reference 3 MiB pair >= 0.80 of the limit",
                "load average");
        for (String what : List.of("plain socket copy", "fsynced write", "SHA-256", "reference pair",
                "reference upload (in process)", "naive upload")) {
            String line = run.out().lines().filter(l -> l.matches(benchOf(what) + " +" + Pattern.quote(what) + ".*"))
                    .findFirst().orElseThrow(() -> new AssertionError("no row for " + what + " in:\n" + run.out()));
            assertThat(line.split("\\s{2,}")[2]).isEqualTo("3 MiB");
        }
        assertThat(run.out()).containsPattern("reference\\s+reference pair, two processes\\s+1 MiB");
        // Process rows carry the CPU of each side; in-process rows cannot.
        List<String> pair = tableRow(run.out(), "reference", "reference pair, two processes", "3 MiB");
        assertThat(Double.parseDouble(pair.get(7))).as("client CPU s/GiB").isPositive();
        assertThat(Double.parseDouble(pair.get(8))).as("server CPU s/GiB").isNotNegative();
        assertThat(tableRow(run.out(), "reference", "reference upload (in process)", "3 MiB").get(7)).isEqualTo("-");
        if (xferlab.conformance.target.Python.available()) {
            assertThat(run.out()).contains("reference pair / Python pair", "CPU: reference client / Python client");
        }
        if (Rsync.find() == null) {
            assertThat(run.out()).contains("rsync: skipped, no rsync on the PATH (install it: apt-get install rsync)");
        } else {
            assertThat(run.out()).contains("reference pair / rsync daemon with --fsync");
        }
        assertThat(work).isEmptyDirectory(); // the data files are deleted
    }

    private static String benchOf(String what) {
        return what.startsWith("reference") ? "reference" : what.startsWith("naive") ? "naive" : "limit";
    }

    @Test
    void concurrentClientsAllStoreTheirFiles() {
        Run run = bench("--only", "concurrency", "--clients", "20", "--client-size", "64KiB");

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        List<String> cells = row(run.out().lines().dropWhile(l -> !l.startsWith("clients")).skip(1)
                .findFirst().orElseThrow(), "");
        // clients, completed, failed, stored intact: every client completed and its file is whole
        assertThat(cells.subList(0, 4)).containsExactly("20", "20", "0", "20");
        assertThat(Integer.parseInt(cells.get(8))).as("peak threads").isGreaterThan(1);
        assertThat(run.out()).contains("20 concurrent uploads: zero failures, heap < 256 MiB");
    }

    @Test
    void idleConnectionsTimeOutWhileANewUploadIsServed() {
        Run run = bench("--only", "idle", "--idle", "30", "--idle-timeout", "1", "--client-size", "64KiB");

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        List<String> cells = row(run.out().lines().dropWhile(l -> !l.startsWith("held")).skip(1)
                .findFirst().orElseThrow(), "");
        // held, refused, open s, new upload, upload s, server up, ERROR 408, closed other, still open
        assertThat(cells.get(0)).isEqualTo("30");
        assertThat(cells.get(1)).isEqualTo("0");
        assertThat(cells.get(3)).isEqualTo("ok");
        assertThat(cells.get(5)).isEqualTo("yes");
        assertThat(Integer.parseInt(cells.get(6)) + Integer.parseInt(cells.get(7))).isEqualTo(30);
        assertThat(cells.get(8)).isEqualTo("0");
    }

    @Test
    void suiteRowsSaySoWhenTheSuiteIsMissing() {
        Run run = bench("--only", "suite", "--conformance-jar", work.resolve("missing.jar").toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("suite: skipped, no conformance jar at " + work.resolve("missing.jar"));
    }

    @Test
    void suiteRowsCountTheVerdictsOfSummaryJson() throws Exception {
        Path summary = work.resolve("summary.json");
        Files.writeString(summary, "{\"suite\":\"server\",\"passed\":true,\"counts\":{\"passed\":50,\"failed\":0,"
                + "\"skipped\":2},\"cases\":[{\"verdict\":\"passed\"}]}");

        assertThat(Suite.counts(summary)).containsEntry("passed", 50).containsEntry("failed", 0)
                .containsEntry("skipped", 2).hasSize(3);
    }

    @Test
    void helpExplainsEveryBenchmarkAndUnknownNamesAreRefused() {
        Run help = bench("--help");
        assertThat(help.status()).isZero();
        for (String name : BenchMain.BENCHMARKS) {
            assertThat(help.out()).contains("  " + name + " ");
        }
        Run wrong = bench("--only", "speed");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err()).contains("no benchmark named speed");
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(Sizes.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(Sizes.parse("100MiB")).isEqualTo(100L << 20);
        assertThat(Sizes.parse("64 KiB")).isEqualTo(64L << 10);
        assertThat(Sizes.parse("4096")).isEqualTo(4096);
        assertThat(Sizes.format(100L << 20)).isEqualTo("100 MiB");
        assertThat(Sizes.format(3L << 19)).isEqualTo("1.5 MiB");
    }
}
