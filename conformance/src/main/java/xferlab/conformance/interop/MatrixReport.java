package xferlab.conformance.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import xferlab.conformance.report.DrawnExchange;
import xferlab.conformance.report.SequenceDiagram;
import xferlab.conformance.report.SpecLinks;
import xferlab.conformance.target.ClientRun;
import xferlab.conformance.text.Csv;
import xferlab.conformance.text.Html;
import xferlab.conformance.wire.Octets;
import xferlab.conformance.wire.Transcript;

/**
 * Writes a matrix: {@code matrix.csv} and {@code matrix.html} with servers as rows
 * and clients as columns, and one page per failing pair under {@code pairs/} that
 * shows each exchange and says which side broke which rule.
 */
public final class MatrixReport {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:70em;"
            + "padding:0 1em;line-height:1.4;color:#222}li,p{overflow-wrap:anywhere}table{border-collapse:collapse;margin:1em 0}"
            + "th,td{border:1px solid #bbb;padding:.4em .6em;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
            + "td.pass{background:#e6f4e6}td.fail{background:#fbe4e4}pre{white-space:pre-wrap;"
            + "overflow-wrap:anywhere;background:#f6f6f6;padding:.6em;font-size:.9em}"
            + ".passed{color:#1a7f1a}.failed{color:#b00020}";
    /** How many segments of one connection a page lists before it shortens the middle. */
    private static final int SHOWN_EVENTS = 60;

    private MatrixReport() {
    }

    /**
     * Writes the files into {@code dir}; returns the paths of the two matrix files.
     *
     * @param specUrl where requirement IDs link, as for report.html
     */
    public static List<Path> write(Matrix matrix, Path dir, String specUrl) throws IOException {
        Files.createDirectories(dir.resolve("pairs"));
        Path csv = dir.resolve("matrix.csv");
        Path html = dir.resolve("matrix.html");
        Files.writeString(csv, csv(matrix), StandardCharsets.UTF_8);
        Files.writeString(html, html(matrix, specUrl, dir), StandardCharsets.UTF_8);
        for (PairResult pair : matrix.pairs()) {
            if (!pair.passed()) {
                Files.writeString(dir.resolve("pairs").resolve(pair.slug() + ".html"),
                        pairPage(pair, matrix.blames().get(pair.slug()), inPairs(specUrl), dir),
                        StandardCharsets.UTF_8);
            }
        }
        return List.of(csv, html);
    }

    /** One row per server, one column per client; a cell is "pass" or "fails: SIDE RULE, ...". */
    static String csv(Matrix matrix) {
        StringBuilder out = new StringBuilder("server \\ client");
        matrix.clients().forEach(c -> out.append(',').append(Csv.field(c.name())));
        out.append('\n');
        for (Implementation server : matrix.servers()) {
            out.append(Csv.field(server.name()));
            for (Implementation client : matrix.clients()) {
                PairResult pair = matrix.pair(server, client);
                out.append(',').append(Csv.field(matrix.blames().get(pair.slug()).cell()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String html(Matrix matrix, String specUrl, Path dir) {
        StringBuilder out = page("XFER interop matrix");
        out.append("<h1>XFER interop matrix</h1>\n<p><strong class=\"")
                .append(matrix.failed() == 0 ? "passed\">All " + matrix.size() + " pairs pass"
                        : "failed\">" + matrix.failed() + " of " + matrix.size() + " pairs fail")
                .append("</strong><br>Written ").append(Html.text(ZonedDateTime.now()
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))))
                .append(". Servers are rows, clients are columns; a failing cell links to its exchange.</p>\n");
        out.append("<p>Each client uploaded each of these files to each server, every pair in a fresh storage "
                + "directory, through a recording relay:</p>\n<ul>\n");
        for (UploadSet.UploadFile file : matrix.set().files()) {
            out.append("<li><code>").append(Html.text(file.name())).append("</code>: ")
                    .append(Html.text(file.label())).append("</li>\n");
        }
        out.append("</ul>\n<p>A pair passes when, for every file, the client exits 0, the stored file is exact, and "
                + "the OK's digest is the file's SHA-256.</p>\n");
        out.append("<table>\n<tr><th>server \\ client</th>");
        matrix.clients().forEach(c -> out.append("<th>").append(Html.text(c.name())).append("</th>"));
        out.append("</tr>\n");
        for (Implementation server : matrix.servers()) {
            out.append("<tr><th>").append(Html.text(server.name())).append("</th>");
            for (Implementation client : matrix.clients()) {
                PairResult pair = matrix.pair(server, client);
                Blame blame = matrix.blames().get(pair.slug());
                if (pair.passed()) {
                    out.append("<td class=\"pass\">pass</td>");
                } else {
                    out.append("<td class=\"fail\"><a href=\"pairs/").append(Html.text(pair.slug()))
                            .append(".html\">").append(Html.text(blame.cell())).append("</a></td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
        if (!matrix.verdicts().isEmpty()) {
            out.append("<h2>Each side of a failing pair in its own suite</h2>\n<ul>\n");
            for (SuiteVerdict verdict : matrix.verdicts()) {
                out.append("<li>").append(Html.text(verdict.side().word() + " " + verdict.name())).append(": ")
                        .append(linked(verdict.describe(matrix.level()), specUrl));
                if (verdict.report() != null) {
                    out.append(" (<a href=\"").append(Html.text(relative(dir, verdict.report())))
                            .append("\">its report</a>)");
                }
                out.append("</li>\n");
            }
            out.append("</ul>\n<p>Suites ran with seed <code>").append(matrix.seed()).append("</code>.</p>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    static String pairPage(PairResult pair, Blame blame, String specUrl, Path dir) {
        String title = "server " + pair.server().name() + " \u00d7 client " + pair.client().name();
        StringBuilder out = page("XFER interop: " + title);
        out.append("<p><a href=\"../matrix.html\">back to the matrix</a></p>\n<h1>")
                .append(Html.text(title)).append("</h1>\n<ul>\n");
        for (String line : blame.lines()) {
            out.append("<li>").append(linked(line, specUrl)).append("</li>\n");
        }
        out.append("</ul>\n");
        if (!pair.problem().isEmpty()) {
            out.append("<p><strong class=\"failed\">").append(Html.text(pair.problem())).append("</strong></p>\n");
        }
        for (UploadOutcome upload : pair.uploads()) {
            out.append("<h2>").append(Html.text(upload.file().name())).append(" <small>(")
                    .append(Html.text(upload.file().label())).append(")</small>: <span class=\"")
                    .append(upload.passed() ? "passed\">pass" : "failed\">fail").append("</span></h2>\n<ul>\n");
            for (String failure : upload.failures()) {
                out.append("<li>").append(Html.text(capitalised(failure))).append("</li>\n");
            }
            for (Breach breach : upload.breaches()) {
                out.append("<li>").append(linked(capitalised(breach.describe()), specUrl)).append("</li>\n");
            }
            ClientRun run = upload.run();
            if (!upload.failures().contains(run.describe())) {
                out.append("<li>").append(Html.text(capitalised(run.describe()))).append("</li>\n");
            }
            out.append("</ul>\n");
            if (upload.transcripts().isEmpty()) {
                out.append("<p>The client made no connection.</p>\n");
            }
            if (!upload.passed() && !upload.transcripts().isEmpty()) {
                out.append(exchange(pair, upload));
            }
        }
        if (!pair.serverOutput().isBlank()) {
            out.append("<h2>What the server printed (the end)</h2>\n<pre>").append(Html.text(pair.serverOutput()))
                    .append("</pre>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    /**
     * A failed upload's connections drawn as the suites' reports draw a failing case, the
     * client on the left and the server on the right, with the first rule broken beside the
     * arrows; the plain lines follow, folded, for copying.
     */
    static String exchange(PairResult pair, UploadOutcome upload) {
        DrawnExchange drawn = DrawnExchange.of(upload.transcripts().stream().map(Transcript::full).toList());
        String broken = upload.breaches().isEmpty() ? "" : capitalised(upload.breaches().get(0).describe());
        StringBuilder out = new StringBuilder("<figure>")
                .append(SequenceDiagram.betweenPeers(drawn, new SequenceDiagram.Lifelines(pair.client().name(),
                        "client", pair.server().name(), "server"), broken, ""))
                .append("</figure>\n<details><summary>the exchange as text</summary>\n");
        upload.transcripts().forEach(t -> out.append("<pre class=\"exchange\">")
                .append(Html.text(exchangeText(t))).append("</pre>\n"));
        return out.append("</details>\n").toString();
    }

    /** The exchange as plain lines: "  12 ms  client -> server  "empty.txt\n0\n"". */
    static String exchangeText(Transcript transcript) {
        List<String> lines = new ArrayList<>();
        for (Transcript.Event event : transcript.events()) {
            String what = switch (event.kind()) {
                case SENT -> "client -> server  " + segment(event);
                case RECEIVED -> "server -> client  " + segment(event);
                case FAULT -> "fault             " + event.text();
                case NOTE -> "                  " + event.text();
            };
            lines.add(String.format("%6d ms  %s", event.millis(), what));
        }
        StringBuilder out = new StringBuilder(transcript.label()).append('\n');
        if (lines.size() > SHOWN_EVENTS) {
            int tail = 10;
            lines.subList(0, SHOWN_EVENTS - tail).forEach(l -> out.append(l).append('\n'));
            out.append(String.format("          ... %d more segments ...%n", lines.size() - SHOWN_EVENTS));
            lines.subList(lines.size() - tail, lines.size()).forEach(l -> out.append(l).append('\n'));
        } else {
            lines.forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    /** A segment: its octets escaped, or, when long, its length and first and last octets. */
    private static String segment(Transcript.Event event) {
        byte[] octets = event.octets();
        long length = octets.length;
        java.util.regex.Matcher whole = java.util.regex.Pattern.compile("\\((\\d+) octets in this write\\)")
                .matcher(event.text());
        if (whole.find()) {
            length = Long.parseLong(whole.group(1));
        }
        if (length <= 64) {
            return "\"" + Octets.escape(octets) + "\"";
        }
        int edge = Math.min(16, octets.length);
        return String.format("%,d octets: \"%s\" ... \"%s\"", length, Octets.escape(octets, 0, edge),
                Octets.escape(octets, octets.length - edge, octets.length));
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.text(title)).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
    }

    private static String linked(String text, String specUrl) {
        return SpecLinks.linked(text, specUrl);
    }

    /** A relative spec URL seen from the pairs/ directory, one level down. */
    private static String inPairs(String specUrl) {
        return specUrl.contains("://") || specUrl.startsWith("/") ? specUrl : "../" + specUrl;
    }

    private static String relative(Path dir, Path file) {
        return dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
