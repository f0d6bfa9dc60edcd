package xferlab.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requirements catalogue: the one list of XFER's requirements, read from
 * {@code requirements.adoc}, the file the spec's requirement tables include.
 */
public final class Catalogue {
    /** Where the catalogue lies on the class path (the spec jar). */
    public static final String RESOURCE = "/xferlab/spec/requirements.adoc";

    private static final Pattern ROW = Pattern.compile(
            "\\|\\[\\[(?<anchor>[A-Z0-9-]+),(?<label>[A-Z0-9-]+)]]"
                    // The ID links to its row of the coverage appendix, where the suite's cases
                    // are listed; a row without that link (as in small test catalogues) is read too.
                    + "(?:<<coverage-(?<coverage>[A-Z0-9-]+),(?<linked>[A-Z0-9-]+)>>|(?<bare>[A-Z0-9-]+))"
                    + " \\|(?<level>[1-3]) \\|(?<who>server|client|both) \\|(?<keyword>MUST|SHOULD)"
                    + " \\|(?<sentence>.+)");
    private static final Pattern TAG = Pattern.compile("// (tag|end)::([a-z-]+)\\[]");

    private final Map<String, Requirement> byId;

    private Catalogue(Map<String, Requirement> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Loads the catalogue packaged in the spec jar. */
    public static Catalogue load() {
        try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses catalogue text.
     *
     * @throws IllegalArgumentException on a malformed row, a row outside a tag, or
     *                                  a duplicate ID, naming the line
     */
    public static Catalogue parse(String text) {
        Map<String, Requirement> byId = new LinkedHashMap<>();
        String section = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher tag = TAG.matcher(line);
            if (tag.matches()) {
                section = tag.group(1).equals("tag") ? tag.group(2) : null;
                continue;
            }
            if (!line.startsWith("|")) {
                continue;
            }
            Matcher row = ROW.matcher(line);
            String where = "requirements.adoc line " + (i + 1) + ": ";
            if (!row.matches()) {
                throw new IllegalArgumentException(where + "not a requirement row: " + line);
            }
            String id = row.group("bare") != null ? row.group("bare") : row.group("linked");
            if (!id.equals(row.group("anchor")) || !id.equals(row.group("label"))
                    || (row.group("coverage") != null && !id.equals(row.group("coverage")))) {
                throw new IllegalArgumentException(where + "anchor, label, coverage link and ID differ");
            }
            if (section == null) {
                throw new IllegalArgumentException(where + id + " is outside every tag");
            }
            Requirement requirement = new Requirement(id, Integer.parseInt(row.group("level")),
                    row.group("who"), row.group("keyword"), row.group("sentence").strip(), section);
            if (byId.put(id, requirement) != null) {
                throw new IllegalArgumentException(where + "duplicate ID " + id);
            }
        }
        return new Catalogue(byId);
    }

    /** Every requirement, in catalogue order. */
    public List<Requirement> all() {
        return new ArrayList<>(byId.values());
    }

    public Optional<Requirement> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The requirement with this ID; an unknown ID is a programming error. */
    public Requirement get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no requirement " + id + " in the spec"));
    }
}
