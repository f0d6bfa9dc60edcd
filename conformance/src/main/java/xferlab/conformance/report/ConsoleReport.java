package xferlab.conformance.report;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The console report, in the manner of h2spec: a line per case, grouped by spec
 * section, and under each failure everything needed to understand and rerun it. On
 * a terminal one status line shows the running case and its time, overwritten in
 * place; in a pipe or a CI log only plain lines are written. What repeats across
 * cases (the same deviation, the same server output) is shown once.
 */
public final class ConsoleReport implements CaseListener {
    private final PrintStream out;
    private final boolean verbose;
    private final boolean terminal;
    private final Set<String> shownNotes = new HashSet<>();
    private final Set<String> shownOutputs = new HashSet<>();
    private String section = "";
    private ScheduledExecutorService ticker;
    private volatile String status = "";
    private volatile long caseStarted;

    public ConsoleReport(PrintStream out, boolean verbose) {
        this(out, verbose, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    /** @param terminal whether {@code out} is a terminal, where a status line can be overwritten */
    public ConsoleReport(PrintStream out, boolean verbose, boolean terminal) {
        this.out = out;
        this.verbose = verbose;
        this.terminal = terminal;
    }

    public void header(String suite, String target, long seed) {
        out.println("XFER conformance suite: " + suite);
        out.println("  target: " + target);
        out.println("  seed:   " + seed);
        out.flush();
    }

    public synchronized void line(String text) {
        clearStatus();
        out.println(text);
        out.flush();
    }

    @Override
    public synchronized void caseStarted(String caseId, String section, int index, int total) {
        clearStatus();
        heading(section);
        if (terminal) {
            status = String.format("  [%d/%d] %s", index, total, caseId);
            caseStarted = System.nanoTime();
            startTicker();
            drawStatus();
        }
        out.flush();
    }

    @Override
    public synchronized void caseFinished(CaseResult result) {
        clearStatus();
        status = "";
        heading(result.section());
        out.printf("  %-4s  %s [%s]  (%d ms)%n", result.verdict().label(), result.caseId(),
                String.join(", ", result.requirements()), result.millis());
        if (result.verdict() == Verdict.SKIPPED) {
            out.println("        " + result.message());
        } else if (result.verdict().needsDetails()) {
            details(result);
        } else if (verbose) {
            result.fullTranscripts().forEach(t -> out.print(t.indent(8)));
        }
        notes(result);
        out.flush();
    }

    private void heading(String next) {
        if (!next.equals(section)) {
            section = next;
            out.println();
            out.println(section);
        }
    }

    private void details(CaseResult result) {
        // The rerun line carries the seed; the report files keep it on a line of its own.
        String text = ReportFiles.details(result).replace("seed: " + result.seed() + "\n", "");
        if (verbose) {
            // the full transcripts replace the short accounts
            for (String summary : result.transcripts()) {
                text = text.replace(summary, "");
            }
            text = text + String.join("", result.fullTranscripts());
        }
        out.print(text.indent(8));
        String output = result.output().strip();
        if (!output.isEmpty() && worthShowing(output)) {
            // Ports, counts and the values quoted in an exception differ from case to case; the
            // same words around them are the same output, shown once.
            String shape = output.replaceAll("b?'[^'\n]*'", "'_'").replaceAll("\"[^\"\n]*\"", "\"_\"")
                    .replaceAll("[0-9]+", "N");
            if (shownOutputs.add(shape)) {
                out.print(("your server printed during this case:\n" + output.indent(4)).indent(8));
            } else {
                String last = output.lines().reduce((first, second) -> second).orElse("").strip();
                out.println("        your server printed the same as shown above during this case: " + last);
            }
        }
    }

    /** Output that explains a failure: an exception, an error. A start-up banner does not. */
    private static boolean worthShowing(String output) {
        String lower = output.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("error") || lower.contains("exception") || lower.contains("traceback")
                || lower.contains("fail") || lower.contains("panic");
    }

    /** Each deviation once in a run: the first case that met it says so; the summary counts them all. */
    private void notes(CaseResult result) {
        for (String note : result.notes()) {
            if (shownNotes.add(note)) {
                out.println("        also seen: " + note);
            }
        }
    }

    public synchronized void summary(RunReport report, String diagnosis) {
        clearStatus();
        stopTicker();
        List<RootCauses> causes = RootCauses.of(report);
        if (!diagnosis.isEmpty() || !causes.isEmpty()) {
            out.println();
            out.println("Fix these first (one line per requirement, most basic first):");
            if (!diagnosis.isEmpty()) {
                out.println("  ! " + diagnosis);
            }
            int n = 0;
            for (RootCauses cause : causes) {
                out.printf("  %d. %s%n", ++n, cause.line());
            }
        }
        out.println();
        out.println(report.counts());
        out.println(report.resultLine());
        out.flush();
    }

    private void drawStatus() {
        long seconds = (System.nanoTime() - caseStarted) / 1_000_000_000L;
        out.print("\r" + status + "  " + seconds + " s\u001b[K");
        out.flush();
    }

    private void clearStatus() {
        if (terminal && !status.isEmpty()) {
            out.print("\r\u001b[K");
        }
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "xfer-suite-status");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(() -> {
                synchronized (this) {
                    if (!status.isEmpty()) {
                        drawStatus();
                    }
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }
}
