package xferlab.conformance.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.browser.HeadlessChromium;
import xferlab.conformance.cli.ConformanceMain;
import xferlab.conformance.client.ClientFault;
import xferlab.conformance.client.PlantedClientMain;
import xferlab.conformance.planted.Fault;
import xferlab.conformance.planted.PlantedServerMain;

/**
 * {@code interop}: the reference, the suite's independent correct server (Python)
 * and client (Java), and one planted faulty server and client. Every correct x
 * correct cell passes, every cell with a faulty side fails, and the failing cell
 * names the faulty side.
 */
class InteropMatrixTest {
    private static final List<String> CORRECT_SERVERS = List.of("reference", "correct-py");
    private static final List<String> CORRECT_CLIENTS = List.of("reference", "correct-java");

    @Test
    @Timeout(300)
    void correctPairsPassAndEveryCellWithAFaultySideFailsNamingThatSide(@TempDir Path dir) throws Exception {
        assumePython();
        Path correctServer = Path.of(System.getProperty("user.dir"))
                .resolve("src/test/resources/planted/correct_server.py");
        Path servers = dir.resolve("servers.txt");
        Files.writeString(servers, String.join("\n",
                "# the suite's own correct Python server, and a Java one that treats the payload as text",
                "correct-py: python3 '" + correctServer + "' --port {port} --dir {dir} --idle-timeout {idle}",
                "text-mode: " + PlantedServerMain.launch(Fault.TEXT_MODE)) + "\n");
        Path clients = dir.resolve("clients.txt");
        Files.writeString(clients, String.join("\n",
                "correct-java: " + PlantedClientMain.launch(ClientFault.NONE),
                "path-as-name: " + PlantedClientMain.launch(ClientFault.SENDS_PATH_AS_NAME)) + "\n");
        Path report = dir.resolve("interop");

        Run run = Run.of("interop", "--servers", servers.toString(), "--clients", clients.toString(),
                "--report", report.toString(), "--binary-size", "65536", "--seed", "7", "--jobs", "2");

        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        assertThat(run.printed()).contains("RESULT: 5 of 9 pairs fail");
        assertThat(run.printed().lines().filter(l -> l.matches("  \\S+ x \\S+ +(pass|FAIL) .*"))).hasSize(9);

        Map<String, Map<String, String>> cells = readCsv(report.resolve("matrix.csv"));
        assertThat(cells.keySet()).as("servers are rows").containsExactly("reference", "correct-py", "text-mode");
        assertThat(cells.get("reference").keySet()).as("clients are columns")
                .containsExactly("reference", "correct-java", "path-as-name");
        cells.forEach((server, row) -> row.forEach((client, cell) -> {
            String pair = server + " x " + client;
            boolean serverCorrect = CORRECT_SERVERS.contains(server);
            boolean clientCorrect = CORRECT_CLIENTS.contains(client);
            if (serverCorrect && clientCorrect) {
                assertThat(cell).as(pair).isEqualTo("pass");
                return;
            }
            assertThat(cell).as(pair).startsWith("fails: ");
            if (!serverCorrect) {
                assertThat(cell).as(pair + " names the server").contains("server XFER-UP-02");
            } else {
                assertThat(cell).as(pair + " leaves the correct server out").doesNotContain("server");
            }
            if (!clientCorrect) {
                assertThat(cell).as(pair + " names the client").contains("client XFER-CLI-01");
            } else {
                assertThat(cell).as(pair + " leaves the correct client out").doesNotContain("client");
            }
        }));

        String matrix = Files.readString(report.resolve("matrix.html"));
        assertThat(matrix).contains("<a href=\"pairs/text-mode--correct-java.html\">fails: server XFER-UP-02</a>")
                .contains("<td class=\"pass\">pass</td>")
                .doesNotContain("pairs/reference--correct-java.html");
        assertThat(report.resolve("pairs")).isDirectoryContaining("glob:**/text-mode--path-as-name.html");

        String page = Files.readString(report.resolve("pairs/text-mode--correct-java.html"));
        assertThat(page).as("the exchange, segment by segment")
                .contains("client -&gt; server  &quot;notes.txt\\n76\\n&quot;")
                .contains("server -&gt; client  &quot;READY\\n&quot;")
                .contains("The server broke <a href=\"../../spec/xfer-spec.html#XFER-UP-02\">XFER-UP-02</a>: it "
                        + "stored octets other than those it received")
                .contains("The client (correct-java) broke no rule this exchange shows.")
                .contains("The client (correct-java) passes its client suite (level 1).")
                .contains("The server (text-mode) fails <a href=\"../../spec/xfer-spec.html#XFER-UP-02\">"
                        + "XFER-UP-02</a> in its server suite");
        String both = Files.readString(report.resolve("pairs/text-mode--path-as-name.html"));
        assertThat(both).contains("Fails: both sides at fault").contains("Gr\u00fc\u00dfe aus K\u00f6ln.txt")
                .contains("The client broke <a href=\"../../spec/xfer-spec.html#XFER-CLI-01\">XFER-CLI-01</a>: it "
                        + "sent the name &quot;/").contains("not the file&#39;s base name");
        assertThat(report.resolve("suites/server-text-mode/report.html")).exists();

        // Digests and paths are long words: the pages must still fit the window.
        HeadlessChromium chromium = HeadlessChromium.requireOrSkip();
        for (String name : List.of("matrix", "text-mode--path-as-name")) {
            Path file = name.equals("matrix") ? report.resolve("matrix.html") : report.resolve("pairs/" + name + ".html");
            HeadlessChromium.Layout layout = chromium.measure(file, 1024);
            assertThat(layout.fits()).as("%s at 1024 px: %s", name, layout).isTrue();
            chromium.screenshot(file, 1024, Path.of("target/screenshots/interop-" + name + "-1024.png"));
        }
    }

    private static Map<String, Map<String, String>> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = split(lines.get(0));
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = split(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            cells.put(fields.get(0), row);
        }
        return cells;
    }

    /** A CSV line's fields, quotes undone (no line breaks in these files). */
    private static List<String> split(String line) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    static void assumePython() {
        boolean works;
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            works = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            works = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            works = false;
        }
        Assumptions.assumeTrue(works, "python3 --version does not work here: skipping the Python server");
    }

    /** One in-process run of the command line, with what it printed (and still printing it as it runs). */
    record Run(int exit, String printed) {
        static Run of(String... args) {
            PrintStream old = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            OutputStream tee = new OutputStream() {
                @Override
                public void write(int b) {
                    captured.write(b);
                    old.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    captured.write(b, off, len);
                    old.write(b, off, len);
                }
            };
            System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
            try {
                int exit = ConformanceMain.commandLine().execute(args);
                return new Run(exit, captured.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(old);
            }
        }
    }
}
