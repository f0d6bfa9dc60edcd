package xferlab.conformance.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * Opens a page of the kit in Debian's headless Chromium and reads back how wide it laid out.
 *
 * <p>The page is measured from a copy beside it, with one script added that writes the widths into the
 * DOM, which {@code --dump-dom} then prints: no driver and no debugging port are needed. The copy sits in
 * the same folder so that relative links, images and styles resolve as they do for a reader. Pages that
 * must fit are checked in CI, which installs Chromium and sets {@code XFER_REQUIRE_CHROMIUM=1}; elsewhere a
 * machine without Chromium skips these tests.
 */
public final class HeadlessChromium {

    /** How a page laid out at one window width. */
    public record Layout(int windowWidth, int scrollWidth, int clientWidth, String widestElement) {
        /** True when nothing on the page needs horizontal scrolling. */
        public boolean fits() {
            return scrollWidth <= clientWidth;
        }
    }

    private static final Pattern MEASURED = Pattern.compile(
            "<pre id=\"xfer-measured\">(\\d+) (\\d+) ?([^<]*)</pre>");
    private static final String MEASURE = """
            <script>
            addEventListener('load', () => {
              const root = document.documentElement;
              let widest = '';
              for (const e of document.body.querySelectorAll('*')) {
                const right = e.getBoundingClientRect().right;
                if (right > root.clientWidth + 0.5) {
                  widest = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                      + (e.className && e.className.baseVal === undefined ? '.' + e.className : '')
                      + ' right=' + Math.round(right);
                  break;
                }
              }
              const out = document.createElement('pre');
              out.id = 'xfer-measured';
              out.textContent = root.scrollWidth + ' ' + root.clientWidth + ' ' + widest;
              document.body.appendChild(out);
            });
            </script>
            """;

    private static final int WINDOW_HEIGHT = 900;

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser, or the test is skipped (or fails, where CI requires the browser). */
    public static HeadlessChromium requireOrSkip() {
        Optional<Path> found = find();
        if (found.isEmpty() && "1".equals(System.getenv("XFER_REQUIRE_CHROMIUM"))) {
            throw new IllegalStateException("XFER_REQUIRE_CHROMIUM=1 but no chromium found:"
                    + " install Debian's chromium package or set XFER_CHROMIUM to its path");
        }
        Assumptions.assumeTrue(found.isPresent(), "no headless Chromium on this machine");
        return new HeadlessChromium(found.get());
    }

    private static Optional<Path> find() {
        String configured = System.getenv("XFER_CHROMIUM");
        for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    /** Lays the page out in a window {@code width} pixels wide and measures it. */
    public Layout measure(Path page, int width) throws IOException, InterruptedException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        String measured = end < 0 ? html + MEASURE : html.substring(0, end) + MEASURE + html.substring(end);
        Path copy = page.resolveSibling(".measure-" + page.getFileName());
        Files.writeString(copy, measured, StandardCharsets.UTF_8);
        try {
            String dom = run(width, List.of("--dump-dom", copy.toUri().toString()));
            Matcher m = MEASURED.matcher(dom);
            if (!m.find()) {
                throw new IllegalStateException("Chromium printed no measurement for " + page
                        + "; its output began: " + dom.substring(0, Math.min(400, dom.length())));
            }
            return new Layout(width, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3).trim());
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Saves what a reader sees in a window {@code width} pixels wide, for people to look at. */
    public void screenshot(Path page, int width, Path png) throws IOException, InterruptedException {
        screenshot(page, width, WINDOW_HEIGHT, png);
    }

    /** As {@link #screenshot(Path, int, Path)}, in a window {@code height} pixels tall: a long page whole. */
    public void screenshot(Path page, int width, int height, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(width, height, List.of("--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("Chromium wrote no screenshot of " + page);
        }
    }

    private String run(int width, List<String> what) throws IOException, InterruptedException {
        return run(width, WINDOW_HEIGHT, what);
    }

    private String run(int width, int height, List<String> what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("xfer-chromium");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--virtual-time-budget=3000"));
        command.addAll(what);
        Path out = profile.resolve("stdout");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish within 90 s: " + command);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
