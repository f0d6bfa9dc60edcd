import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives each row of the generated coverage table the anchor {@code coverage-ID}, which
 * the ID in the spec's requirement row links to: a reader goes from a requirement to
 * the cases that check it, and back by the ID in the coverage row.
 *
 * <p>A build step, run by the site build with Java's source launcher. The table's
 * writer, {@code xferlab.conformance.run.Coverage}, could write the anchor itself.
 */
public class CoverageAnchors {
    public static void main(String[] args) throws IOException {
        Path table = Path.of(args[0]);
        String text = Files.readString(table, StandardCharsets.UTF_8);
        String anchored = text.replaceAll("(?m)^\\|<<(XFER-[A-Z]+-\\d+)>> ", "|[[coverage-$1]]<<$1>> ");
        if (anchored.equals(text) && !text.contains("|[[coverage-")) {
            throw new IllegalStateException(table + " has no requirement rows to anchor: has its format changed?");
        }
        Files.writeString(table, anchored, StandardCharsets.UTF_8);
    }
}
