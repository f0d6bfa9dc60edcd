package xferlab.conformance.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import xferlab.spec.Catalogue;
import xferlab.spec.Requirement;

/**
 * What each case is worth. The total is shared among the lab stages, as the
 * instructors' sheet assigns them; within a stage, a case weighs the severity of
 * the requirement it checks first (path traversal and data loss cost more than a
 * missing LF) times the weight of its keyword (a SHOULD less than a MUST). Read
 * from a {@code weights.properties} file; the defaults are packaged with this class.
 *
 * @param stages     each stage's share, and the requirements (IDs, groups, or {@code level-1}) that make it
 * @param severities a requirement's severity where it is not 1
 * @param keywords   weight per keyword ({@code MUST}, {@code SHOULD})
 * @param total      the points a perfect run scores
 */
public record Weights(List<Stage> stages, Map<String, Double> severities, Map<String, Double> keywords,
                      double total) {

    /**
     * One lab stage: its share of the total and what it covers.
     *
     * @param number the stage's number in the sheets
     * @param share  its share, relative to the other stages of the run
     * @param covers requirement IDs, groups such as {@code XFER-NAME}, or {@code level-1}
     */
    public record Stage(int number, double share, List<String> covers) {
        /** The word that makes a stage the client suite's: every case of that suite counts in it. */
        static final String CLIENT = "client-suite";

        boolean forClient() {
            return covers.contains(CLIENT);
        }

        boolean covers(Requirement requirement) {
            return covers.stream().anyMatch(c -> c.equals(requirement.id())
                    || c.equals("level-" + requirement.level())
                    || requirement.id().startsWith(c + "-") && c.chars().filter(ch -> ch == '-').count() == 1);
        }
    }

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
        Map<Integer, Double> shares = new LinkedHashMap<>();
        Map<Integer, List<String>> covers = new LinkedHashMap<>();
        Map<String, Double> severities = new LinkedHashMap<>();
        Map<String, Double> keywords = new LinkedHashMap<>(Map.of("MUST", 1.0, "SHOULD", 1.0));
        double total = 100;
        for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            if (key.matches("stage\\.[1-6]\\.share")) {
                shares.put(key.charAt(6) - '0', number(source, key, value));
            } else if (key.matches("stage\\.[1-6]\\.covers")) {
                List<String> list = new ArrayList<>();
                for (String item : value.split("[,\\s]+")) {
                    if (!item.matches("level-[123]") && !item.equals(Stage.CLIENT) && catalogue.find(item).isEmpty()
                            && catalogue.all().stream().noneMatch(r -> r.id().startsWith(item + "-"))) {
                        throw new IllegalArgumentException(source + ": " + key + ": " + item + " is no requirement, "
                                + "group (XFER-NAME), level (level-1) or " + Stage.CLIENT);
                    }
                    list.add(item);
                }
                covers.put(key.charAt(6) - '0', list);
            } else if (key.startsWith("severity.")) {
                String id = key.substring("severity.".length());
                if (catalogue.find(id).isEmpty()) {
                    throw new IllegalArgumentException(source + ": " + key + ": no requirement " + id + " in the spec");
                }
                severities.put(id, number(source, key, value));
            } else if (key.equals("keyword.MUST") || key.equals("keyword.SHOULD")) {
                keywords.put(key.substring("keyword.".length()), number(source, key, value));
            } else if (key.equals("total")) {
                total = number(source, key, value);
            } else {
                throw new IllegalArgumentException(source + ": unknown key " + key + " (known: stage.N.share, "
                        + "stage.N.covers, severity.ID, keyword.MUST, keyword.SHOULD, total)");
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            if (shares.containsKey(n) != covers.containsKey(n)) {
                throw new IllegalArgumentException(source + ": stage." + n + " needs both .share and .covers");
            }
            if (shares.containsKey(n)) {
                stages.add(new Stage(n, shares.get(n), covers.get(n)));
            }
        }
        if (stages.isEmpty()) {
            stages.add(new Stage(1, 1, List.of("level-1", "level-2", "level-3")));
        }
        return new Weights(stages, severities, keywords, total);
    }

    private static double number(String source, String key, String value) {
        try {
            double number = Double.parseDouble(value);
            if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " = " + value
                    + ": a weight is a number of 0 or more");
        }
    }

    /**
     * The stage a case counts in. Every case of the client suite counts in the client
     * suite's stage; a server case in the first other stage that covers the
     * requirement it checks first (or, failing that, any it checks).
     */
    public Stage stageOf(List<String> ids, boolean clientSuite, Catalogue catalogue) {
        List<Stage> candidates = stages.stream().filter(s -> s.forClient() == clientSuite).toList();
        if (candidates.isEmpty()) {
            candidates = stages;
        }
        if (clientSuite) {
            return candidates.get(0);
        }
        for (String id : ids) {
            Requirement requirement = catalogue.get(id);
            for (Stage stage : candidates) {
                if (stage.covers(requirement)) {
                    return stage;
                }
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** A case's weight within its stage: the severity of the requirement it checks first, times its keyword's. */
    public double within(List<String> ids, Catalogue catalogue) {
        if (ids.isEmpty()) {
            return 1;
        }
        Requirement first = catalogue.get(ids.get(0));
        return severities.getOrDefault(first.id(), 1.0) * keywords.get(first.keyword());
    }

    /**
     * Each case's unscaled weight: its stage's share, split among the stage's cases of
     * this run by their keywords' weights, times the severity of the requirement the
     * case checks first. Severity is not shared out within the stage: a stage with
     * harmful bugs to catch weighs more in all, so that writing outside the storage
     * directory costs more than a missing LF whichever stage each belongs to. A stage
     * with no case in the run gives its share to the others (the total is scaled after).
     */
    public double[] of(List<List<String>> cases, boolean clientSuite, Catalogue catalogue) {
        Map<Integer, Double> sums = new LinkedHashMap<>();
        for (List<String> ids : cases) {
            sums.merge(stageOf(ids, clientSuite, catalogue).number(), keyword(ids, catalogue), Double::sum);
        }
        double[] weights = new double[cases.size()];
        for (int i = 0; i < weights.length; i++) {
            List<String> ids = cases.get(i);
            Stage stage = stageOf(ids, clientSuite, catalogue);
            double sum = sums.get(stage.number());
            weights[i] = sum == 0 ? 0 : stage.share() * within(ids, catalogue) / sum;
        }
        return weights;
    }

    private double keyword(List<String> ids, Catalogue catalogue) {
        return ids.isEmpty() ? 1 : keywords.get(catalogue.get(ids.get(0)).keyword());
    }

    /** The share of the total each stage gets in a run of these cases, in points: what {@code weights} prints. */
    public Map<Integer, Double> points(List<List<String>> cases, boolean clientSuite, Catalogue catalogue) {
        double[] raw = of(cases, clientSuite, catalogue);
        double[] scaled = Grade.scaled(raw, total);
        Map<Integer, Double> points = new java.util.TreeMap<>();
        for (int i = 0; i < raw.length; i++) {
            points.merge(stageOf(cases.get(i), clientSuite, catalogue).number(), scaled[i], Double::sum);
        }
        points.replaceAll((stage, sum) -> Grade.round(sum));
        return points;
    }
}
