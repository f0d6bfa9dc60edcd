package xferlab.conformance.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import xferlab.spec.Catalogue;
import xferlab.spec.Requirement;

/**
 * What each case is worth: a weight per level times a weight per keyword, a
 * requirement's own weight where an instructor set one, and the total the
 * points are scaled to. Read from a {@code weights.properties} file; the
 * defaults are the file this class is packaged with.
 *
 * @param levels       weight per conformance level
 * @param keywords     weight per keyword ({@code MUST}, {@code SHOULD})
 * @param requirements weights that replace the product for cases checking these IDs
 * @param total        the points a perfect run scores; 0 leaves the weights unscaled
 */
public record Weights(Map<Integer, Double> levels, Map<String, Double> keywords, Map<String, Double> requirements,
                      double total) {

    /** Where the defaults live, beside this class. */
    public static final String RESOURCE = "/xferlab/conformance/weights.properties";

    /** The defaults, as {@code weights} prints them. */
    public static String defaultText() {
        try (InputStream in = Weights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the suite's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    public static Weights defaults(Catalogue catalogue) {
        return parse(defaultText(), catalogue, RESOURCE);
    }

    public static Weights load(Path file, Catalogue catalogue) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), catalogue, file.toString());
    }

    /**
     * Reads a weights file. A misspelt key would silently grade with the defaults,
     * so every key must be known.
     *
     * @throws IllegalArgumentException naming the file and the bad line
     */
    public static Weights parse(String text, Catalogue catalogue, String source) {
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        Map<Integer, Double> levels = new LinkedHashMap<>(Map.of(1, 1.0, 2, 1.0, 3, 1.0));
        Map<String, Double> keywords = new LinkedHashMap<>(Map.of("MUST", 1.0, "SHOULD", 1.0));
        Map<String, Double> requirements = new LinkedHashMap<>();
        double total = 0;
        for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            double value = number(source, key, properties.getProperty(key));
            if (key.matches("level\\.[123]")) {
                levels.put(Integer.parseInt(key.substring("level.".length())), value);
            } else if (key.equals("keyword.MUST") || key.equals("keyword.SHOULD")) {
                keywords.put(key.substring("keyword.".length()), value);
            } else if (key.startsWith("requirement.")) {
                String id = key.substring("requirement.".length());
                if (catalogue.find(id).isEmpty()) {
                    throw new IllegalArgumentException(source + ": " + key + ": no requirement " + id + " in the spec");
                }
                requirements.put(id, value);
            } else if (key.equals("total")) {
                total = value;
            } else {
                throw new IllegalArgumentException(source + ": unknown key " + key
                        + " (known: level.1-3, keyword.MUST, keyword.SHOULD, requirement.ID, total)");
            }
        }
        return new Weights(levels, keywords, requirements, total);
    }

    private static double number(String source, String key, String value) {
        try {
            double number = Double.parseDouble(value.strip());
            if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " = " + value
                    + ": a weight is a number of 0 or more");
        }
    }

    /** The unscaled weight of a case of this level that checks these requirements. */
    public double of(int level, List<String> ids, Catalogue catalogue) {
        double own = ids.stream().filter(requirements::containsKey).mapToDouble(requirements::get).max().orElse(-1);
        if (own >= 0) {
            return own;
        }
        boolean must = ids.isEmpty() || ids.stream().map(catalogue::get).map(Requirement::keyword).anyMatch("MUST"::equals);
        return levels.get(level) * keywords.get(must ? "MUST" : "SHOULD");
    }
}
