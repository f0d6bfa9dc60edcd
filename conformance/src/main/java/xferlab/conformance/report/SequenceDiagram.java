package xferlab.conformance.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import xferlab.conformance.fault.Fault;
import xferlab.conformance.report.DrawnExchange.Connection;
import xferlab.conformance.report.DrawnExchange.Kind;
import xferlab.conformance.report.DrawnExchange.Step;
import xferlab.conformance.text.Xml;
import xferlab.conformance.wire.Octets;

/**
 * A failing exchange as a sequence diagram in SVG, drawn the way the spec's figures are:
 * the client's lifeline on the left, the server's on the right, time going down. Each
 * segment is an arrow labelled with its escaped octets (a long or random payload by its
 * length and first octets), with the elapsed milliseconds beside it; each injected fault is
 * a note; closes and resets are marks on the lifeline of the side that did them. What the
 * spec expected at the point of divergence is drawn apart: a dashed green arrow on a band
 * of its own, just after the arrow that diverged (drawn red) when the suite can tell which
 * one that was.
 *
 * <p>The SVG stands alone (no scripts, no style sheets, no ids that two diagrams on one
 * page could share), so it goes inline into report.html as well as into an image a lab
 * report embeds. Every text passes through {@link Xml}: octets and names come from the
 * implementation under test.
 */
public final class SequenceDiagram {
    /** The width of the drawing, in its own units; a page scales it down to its column, never up. */
    public static final int WIDTH = 860;
    /** More steps than this in one connection are folded in the middle. */
    static final int MAX_STEPS = 40;
    /** More connections than this are not drawn but the last ones (and the one that diverged). */
    static final int MAX_CONNECTIONS = 3;

    private static final int LEFT = 220;
    private static final int RIGHT = 720;
    private static final int BOX_WIDTH = 210;
    private static final int BOX_HEIGHT = 46;
    private static final int TOP = 12;
    private static final int NOTE_LEFT = LEFT - 80;
    private static final int NOTE_RIGHT = RIGHT + 80;
    /** Widths of a character at 12 px, a little generous so that estimated text never overruns. */
    private static final double MONO_CHAR = 7.3;
    private static final double SANS_CHAR = 6.9;
    private static final int LINE = 16;

    private static final String INK = "#1f2328";
    private static final String MUTED = "#57606a";
    private static final String DIVERGED = "#b42318";
    private static final String EXPECTED = "#1a7f37";
    private static final String SANS = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif";
    private static final String MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

    /** The two heads, client on the left and server on the right: a name, and under it the part it plays. */
    public record Lifelines(String client, String clientRole, String server, String serverRole) {
        static Lifelines of(boolean suiteIsClient) {
            return suiteIsClient ? new Lifelines("XFER suite", "plays the client", "your server", "under test")
                    : new Lifelines("your client", "under test", "XFER suite", "plays the server");
        }
    }

    private final StringBuilder body = new StringBuilder();
    private final boolean suiteIsClient;
    private final Lifelines lifelines;
    private int y = TOP + BOX_HEIGHT + 14;

    private SequenceDiagram(boolean suiteIsClient, Lifelines lifelines) {
        this.suiteIsClient = suiteIsClient;
        this.lifelines = lifelines;
    }

    /**
     * The diagram, as one {@code <svg>} element.
     *
     * @param suiteIsClient whether the suite played the client (the server suite), so that the
     *                      implementation under test is the server on the right
     * @param expected      what the spec expected where the exchange diverged, or empty
     * @param actual        what the implementation did there, as the report words it (to find
     *                      the arrow that diverged), or empty
     */
    public static String svg(DrawnExchange exchange, boolean suiteIsClient, String expected, String actual) {
        return svg(exchange, suiteIsClient, Lifelines.of(suiteIsClient), expected, actual);
    }

    /**
     * The diagram of an exchange between two implementations, recorded as if the client were
     * the suite (its segments as sent): the interop matrix draws its pairs with it.
     */
    public static String betweenPeers(DrawnExchange exchange, Lifelines lifelines, String expected, String actual) {
        return svg(exchange, true, lifelines, expected, actual);
    }

    private static String svg(DrawnExchange exchange, boolean suiteIsClient, Lifelines lifelines, String expected,
            String actual) {
        SequenceDiagram diagram = new SequenceDiagram(suiteIsClient, lifelines);
        int[] diverged = diverged(exchange, actual);
        List<Integer> shown = shownConnections(exchange.connections().size(), diverged[0]);
        if (shown.get(0) > 0) {
            diagram.note(-1, shown.get(0) == 1 ? "connection 1 is not drawn (the transcript has it)"
                    : "connections 1 to " + shown.get(0) + " are not drawn (the transcript has them)", false);
        }
        boolean expectationDrawn = expected.isBlank();
        for (int index : shown) {
            Connection connection = exchange.connections().get(index);
            diagram.divider(connection.title());
            List<Step> steps = connection.steps();
            boolean[] keep = kept(steps.size(), index == diverged[0] ? diverged[1] : -1);
            for (int i = 0; i < steps.size(); i++) {
                if (!keep[i]) {
                    int from = i;
                    while (i < steps.size() && !keep[i]) {
                        i++;
                    }
                    diagram.note(-1, "\u2026 " + (i - from) + " more steps, not drawn (the transcript has them) \u2026",
                            false);
                    i--;
                    continue;
                }
                boolean divergedHere = index == diverged[0] && i == diverged[1];
                diagram.step(steps.get(i), divergedHere);
                if (divergedHere && !expectationDrawn) {
                    diagram.expected(expected);
                    expectationDrawn = true;
                }
            }
        }
        if (!expectationDrawn) {
            diagram.expected(expected);
        }
        return diagram.finish();
    }

    /**
     * The diagram a report shows for a case: for a failure, a warning or a time-out whose
     * transcripts recorded anything; else empty.
     *
     * @param suite the run's suite, {@code server} (the suite plays the client) or {@code client}
     */
    public static java.util.Optional<String> of(CaseResult result, String suite) {
        boolean drawn = result.verdict() == Verdict.FAILED || result.verdict() == Verdict.WARNED
                || result.verdict() == Verdict.TIMED_OUT;
        DrawnExchange exchange = DrawnExchange.of(result.fullTranscripts());
        if (!drawn || exchange.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(svg(exchange, !"client".equals(suite), result.expected(), result.actual()));
    }

    /** The connection and step the actual value names: the last segment of the implementation's it quotes. */
    private static int[] diverged(DrawnExchange exchange, String actual) {
        int[] found = {exchange.connections().size() - 1, -1};
        if (actual.isBlank()) {
            return found;
        }
        for (int c = 0; c < exchange.connections().size(); c++) {
            List<Step> steps = exchange.connections().get(c).steps();
            for (int s = 0; s < steps.size(); s++) {
                Step step = steps.get(s);
                if (step.kind() == Kind.PEER_SENT && step.octets().length > 0) {
                    String escaped = Octets.escape(step.octets());
                    if (escaped.length() >= 3 && actual.contains(escaped)) {
                        found = new int[] {c, s};
                    }
                }
            }
        }
        return found;
    }

    private static List<Integer> shownConnections(int count, int diverged) {
        List<Integer> shown = new ArrayList<>();
        for (int i = Math.max(0, count - MAX_CONNECTIONS); i < count; i++) {
            shown.add(i);
        }
        if (diverged >= 0 && !shown.contains(diverged) && !shown.isEmpty()) {
            shown.set(0, diverged);
        }
        return shown;
    }

    /** Which steps to draw: all of a short connection; of a long one, the start, the end and the divergence. */
    private static boolean[] kept(int count, int diverged) {
        boolean[] keep = new boolean[count];
        for (int i = 0; i < count; i++) {
            keep[i] = count <= MAX_STEPS || i < 14 || i >= count - 22 || Math.abs(i - diverged) <= 3;
        }
        return keep;
    }

    private void step(Step step, boolean diverged) {
        switch (step.kind()) {
            case SUITE_SENT, PEER_SENT -> arrow(step, diverged);
            case FAULT -> {
                note(step.millis(), "fault injected: " + step.fault().label() + "\n" + step.text(), true);
                switch (step.fault()) {
                    case HALF_CLOSE -> mark(suiteX(), false, "half-closed (FIN)", -1);
                    case RESET -> mark(suiteX(), true, "reset (RST)", -1);
                    case VANISH -> mark(suiteX(), false, "closed", -1);
                    case KILL -> mark(peerX(), true, "killed", -1);
                    default -> { }
                }
            }
            case PEER_CLOSED -> mark(peerX(), false, "closed (end of stream)", step.millis());
            case PEER_RESET -> mark(peerX(), true, step.text(), step.millis());
            case NOTE -> note(step.millis(), step.text(), false);
        }
    }

    private void arrow(Step step, boolean diverged) {
        boolean fromSuite = step.kind() == Kind.SUITE_SENT;
        int from = fromSuite ? suiteX() : peerX();
        int to = fromSuite ? peerX() : suiteX();
        String colour = diverged ? DIVERGED : INK;
        String label = fit(label(step), (int) ((RIGHT - LEFT - 24) / MONO_CHAR));
        body.append(diverged ? "<g class=\"segment diverged\">\n" : "<g class=\"segment\">\n");
        text(LEFT + 12, y + 15, label, MONO, 12, colour, diverged ? "bold" : "normal", "normal", "start");
        line(from, y + 23, to, y + 23, colour, diverged ? 2 : 1.3, false);
        head(to, y + 23, from < to, colour);
        time(step.millis(), y + 27);
        body.append("</g>\n");
        y += 34;
    }

    private void expected(String expected) {
        // Octets the spec expected read as the arrows above them do; words as words.
        int monoWidth = (int) ((RIGHT - LEFT - 24) / MONO_CHAR);
        boolean octets = expected.length() <= monoWidth && expected.matches("\"[^\\s].*\"");
        List<String> lines = octets ? List.of(expected)
                : wrap(expected, (int) ((RIGHT - LEFT - 24) / SANS_CHAR), 3);
        int height = 14 + LINE * (lines.size() + 1) + 16;
        body.append("<g class=\"expected\">\n");
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"#eef8f0\" stroke=\"%s\" "
                        + "stroke-width=\"1\" stroke-dasharray=\"3 3\"/>\n",
                NOTE_LEFT, y + 2, NOTE_RIGHT - NOTE_LEFT, height - 4, EXPECTED));
        text(LEFT + 12, y + 18, "what the spec expected:", SANS, 12, EXPECTED, "bold", "normal", "start");
        for (int i = 0; i < lines.size(); i++) {
            text(LEFT + 12, y + 18 + LINE * (i + 1), lines.get(i), octets ? MONO : SANS, 12, EXPECTED,
                    octets ? "bold" : "normal", "normal", "start");
        }
        int arrowY = y + height - 12;
        line(peerX(), arrowY, suiteX(), arrowY, EXPECTED, 2, true);
        head(suiteX(), arrowY, peerX() < suiteX(), EXPECTED);
        body.append("</g>\n");
        y += height + 6;
    }

    /** A note across both lifelines: amber for a fault the suite injected, grey for anything else. */
    private void note(long millis, String text, boolean fault) {
        int width = NOTE_RIGHT - NOTE_LEFT;
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            lines.addAll(wrap(paragraph, (int) ((width - 28) / SANS_CHAR), 4));
        }
        int height = 10 + LINE * lines.size();
        int top = y + 4;
        String fill = fault ? "#fff8c5" : "#f6f8fa";
        String stroke = fault ? "#9a6700" : "#afb8c1";
        int fold = 8;
        body.append(fault ? "<g class=\"fault\">\n" : "<g class=\"note\">\n");
        body.append(String.format(Locale.ROOT,
                "<path d=\"M%d %dH%dL%d %dV%dH%dZ\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1\"/>\n"
                        + "<path d=\"M%d %dV%dH%d\" fill=\"none\" stroke=\"%s\" stroke-width=\"1\"/>\n",
                NOTE_LEFT, top, NOTE_LEFT + width - fold, NOTE_LEFT + width, top + fold, top + height, NOTE_LEFT,
                fill, stroke, NOTE_LEFT + width - fold, top, top + fold, NOTE_LEFT + width, stroke));
        for (int i = 0; i < lines.size(); i++) {
            boolean heading = fault && i == 0;
            text(NOTE_LEFT + 12, top + 16 + LINE * i, lines.get(i), SANS, 12, fault ? "#4d2d00" : MUTED,
                    heading ? "bold" : "normal", fault || heading ? "normal" : "italic", "start");
        }
        if (millis >= 0) {
            time(millis, top + 16);
        }
        body.append("</g>\n");
        y += height + 12;
    }

    /** A close (a bar across the lifeline) or a reset (a cross), with its word beside it. */
    private void mark(int x, boolean cross, String word, long millis) {
        int middle = y + 13;
        // A reset is red where the implementation did it; the suite's own are faults it chose.
        String colour = cross && x == peerX() ? DIVERGED : INK;
        body.append(cross ? "<g class=\"reset\">\n" : "<g class=\"close\">\n");
        if (cross) {
            line(x - 7, middle - 7, x + 7, middle + 7, colour, 2.5, false);
            line(x - 7, middle + 7, x + 7, middle - 7, colour, 2.5, false);
        } else {
            line(x - 12, middle, x + 12, middle, colour, 3.5, false);
        }
        boolean towardsRight = x == LEFT;
        text(towardsRight ? x + 18 : x - 18, middle + 4, word, SANS, 12, colour, "bold", "normal",
                towardsRight ? "start" : "end");
        if (millis >= 0) {
            time(millis, middle + 4);
        }
        body.append("</g>\n");
        y += 28;
    }

    /** A connection's title across the diagram, as PlantUML draws {@code == title ==}. */
    private void divider(String title) {
        int middle = y + 16;
        String shown = fit(title, (int) ((NOTE_RIGHT - NOTE_LEFT - 40) / SANS_CHAR));
        int half = (int) Math.ceil(shown.length() * SANS_CHAR / 2) + 14;
        int centre = (LEFT + RIGHT) / 2;
        body.append("<g class=\"connection\">\n");
        line(12, middle - 2, WIDTH - 12, middle - 2, "#8c959f", 1, false);
        line(12, middle + 2, WIDTH - 12, middle + 2, "#8c959f", 1, false);
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"24\" rx=\"4\" fill=\"#eaeef2\" stroke=\"#8c959f\"/>\n",
                centre - half, middle - 12, 2 * half));
        text(centre, middle + 4, shown, SANS, 12, INK, "bold", "normal", "middle");
        body.append("</g>\n");
        y += 40;
    }

    private String finish() {
        int legendTop = y + 10;
        int height = legendTop + 30;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                        + "style=\"width:100%%;max-width:%dpx;height:auto\" role=\"img\" aria-label=\"%s\" "
                        + "font-family=\"%s\">\n",
                WIDTH, height, WIDTH, height, WIDTH, Xml.attribute("the exchange as a sequence diagram"),
                Xml.attribute(SANS)));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height));
        for (int x : new int[] {LEFT, RIGHT}) {
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8c959f\" "
                    + "stroke-width=\"1\" stroke-dasharray=\"5 4\"/>\n", x, TOP + BOX_HEIGHT, x, legendTop - 4));
        }
        participant(out, LEFT, lifelines.client(), lifelines.clientRole());
        participant(out, RIGHT, lifelines.server(), lifelines.serverRole());
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\" "
                + "text-anchor=\"end\">ms</text>\n", 64, TOP + BOX_HEIGHT + 2, MUTED));
        out.append(body);
        legend(out, legendTop);
        out.append("</svg>");
        return out.toString();
    }

    private static void participant(StringBuilder out, int x, String name, String role) {
        out.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"#f6f8fa\" stroke=\"%s\" "
                        + "stroke-width=\"1.3\"/>\n"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\" fill=\"%s\" "
                        + "text-anchor=\"middle\">%s</text>\n"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\" text-anchor=\"middle\">%s</text>\n",
                x - BOX_WIDTH / 2, TOP, BOX_WIDTH, BOX_HEIGHT, INK, x, TOP + 20, INK,
                Xml.text(name.length() > 24 ? name.substring(0, 23) + "\u2026" : name), x, TOP + 36,
                MUTED, Xml.text(role)));
    }

    private static void legend(StringBuilder out, int top) {
        int middle = top + 14;
        out.append(String.format(Locale.ROOT,
                "<line x1=\"12\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n",
                top, WIDTH - 12, top));
        int x = 16;
        x = legendItem(out, x, middle, INK, false, "octets sent");
        x = legendItem(out, x, middle, DIVERGED, false, "where it diverged");
        x = legendItem(out, x, middle, EXPECTED, true, "what the spec expected");
        out.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"12\" fill=\"#fff8c5\" stroke=\"#9a6700\"/>\n",
                x, middle - 6));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>\n",
                x + 28, middle + 4, MUTED, Xml.text("a fault the suite injected; time runs down")));
    }

    private static int legendItem(StringBuilder out, int x, int middle, String colour, boolean dashed, String words) {
        out.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                x, middle, x + 22, middle, colour, dashed ? " stroke-dasharray=\"6 4\"" : ""));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>\n",
                x + 28, middle + 4, MUTED, Xml.text(words)));
        return x + 28 + (int) (words.length() * 6.3) + 22;
    }

    private void time(long millis, int baseline) {
        text(64, baseline, String.format(Locale.ROOT, "%,d", millis), SANS, 11, MUTED, "normal", "normal", "end");
    }

    private void text(int x, int baseline, String content, String family, int size, String colour, String weight,
                      String style, String anchor) {
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"%s\"", x, baseline,
                size, colour));
        if (!family.equals(SANS)) {
            body.append(" font-family=\"").append(Xml.attribute(family)).append('"');
        }
        if (!weight.equals("normal")) {
            body.append(" font-weight=\"").append(weight).append('"');
        }
        if (!style.equals("normal")) {
            body.append(" font-style=\"").append(style).append('"');
        }
        if (!anchor.equals("start")) {
            body.append(" text-anchor=\"").append(anchor).append('"');
        }
        body.append(" xml:space=\"preserve\">").append(Xml.text(content)).append("</text>\n");
    }

    private void line(int x1, int y1, int x2, int y2, String colour, double width, boolean dashed) {
        // An arrow ends where its head begins, so that the head's point is sharp.
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n",
                x1, y1, x2, y2, colour, width, dashed ? " stroke-dasharray=\"7 5\"" : ""));
    }

    private void head(int x, int atY, boolean pointsRight, String colour) {
        int back = pointsRight ? x - 11 : x + 11;
        body.append(String.format(Locale.ROOT, "<path d=\"M%d %dL%d %dL%d %dZ\" fill=\"%s\"/>\n",
                x, atY, back, atY - 5, back, atY + 5, colour));
    }

    private int suiteX() {
        return suiteIsClient ? LEFT : RIGHT;
    }

    private int peerX() {
        return suiteIsClient ? RIGHT : LEFT;
    }

    /**
     * A segment's label: short text in full, escaped as the console shows it; long text
     * cut with its length; random octets never as a wall of hex, but by their length and first octets.
     */
    static String label(Step step) {
        byte[] octets = step.octets();
        long length = step.length();
        if (length == 0) {
            return "(no octets)";
        }
        String count = String.format(Locale.ROOT, "%,d octet%s", length, length == 1 ? "" : "s");
        if (Octets.looksLikeText(octets, 0, octets.length)) {
            String text = "\"" + Octets.escape(octets) + (length > octets.length ? "\u2026" : "") + "\"";
            return length > octets.length || text.length() > 60 ? text + " (" + count + ")" : text;
        }
        int printable = 0;
        while (printable < octets.length && isPrintable(octets[printable])) {
            printable++;
        }
        if (printable >= 4) {
            byte[] head = java.util.Arrays.copyOf(octets, printable);
            return "\"" + Octets.escape(head) + "\" then " + String.format(Locale.ROOT, "%,d", length - printable)
                    + " binary octets";
        }
        StringBuilder hex = new StringBuilder(count).append(':');
        for (int i = 0; i < Math.min(8, octets.length); i++) {
            hex.append(String.format(Locale.ROOT, " %02x", octets[i] & 0xff));
        }
        return hex.append(length > 8 ? " \u2026" : "").toString();
    }

    private static boolean isPrintable(byte octet) {
        int v = octet & 0xff;
        return (v >= 0x20 && v < 0x7f) || v == '\n' || v == '\r';
    }

    /**
     * The label cut to {@code max} characters, keeping its end when it says a length
     * ("... (65,536 octets)"), since the length matters more than the middle of the text.
     */
    static String fit(String label, int max) {
        if (label.length() <= max) {
            return label;
        }
        int suffix = label.endsWith(")") ? label.lastIndexOf(" (") : -1;
        if (suffix > 0 && label.length() - suffix < max / 2) {
            String tail = label.substring(suffix);
            return label.substring(0, max - tail.length() - 1) + "\u2026" + tail;
        }
        return label.substring(0, max - 1) + "\u2026";
    }

    /** Words in lines of at most {@code width} characters, at most {@code lines} of them (the last cut). */
    static List<String> wrap(String text, int width, int lines) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || out.isEmpty()) {
            out.add(line.toString());
        }
        List<String> cut = new ArrayList<>();
        for (String each : out) {
            cut.add(fit(each, width));
        }
        if (cut.size() > lines) {
            List<String> kept = new ArrayList<>(cut.subList(0, lines));
            String last = kept.get(lines - 1);
            kept.set(lines - 1, last.substring(0, Math.min(last.length(), width - 2)) + " \u2026");
            return kept;
        }
        return cut;
    }
}
