package xferlab.conformance.grade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.RunReport;
import xferlab.conformance.report.Verdict;
import xferlab.spec.Catalogue;

/**
 * A run turned into points. Only a passed case earns its points: a failure, a
 * timeout, a harness error (the implementation may have crashed the launch) and
 * a skipped case all earn zero, so nothing an implementation does wrong can
 * raise its score.
 *
 * @param report the run
 * @param cases  each case's points, in the run's order
 */
public record Grade(RunReport report, List<GradedCase> cases) {

    /**
     * @param result the case's result
     * @param max    what the case is worth
     * @param points what it earned: {@code max} if it passed, else 0
     */
    public record GradedCase(CaseResult result, double max, double points) {
        public boolean passed() {
            return result.verdict() == Verdict.PASSED;
        }
    }

    /** The requirement whose cases gate every point: a server that stores no upload earns nothing. */
    public static final String GATE = "XFER-UP-01";

    public static Grade of(RunReport report, Weights weights, Catalogue catalogue) {
        List<CaseResult> results = report.cases();
        double[] raw = weights.of(results.stream().map(CaseResult::requirements).toList(),
                report.suite().equals("client"), catalogue);
        double[] max = weights.total() > 0 ? scaled(raw, weights.total()) : raw;
        boolean gated = gated(results);
        List<GradedCase> cases = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            boolean passed = results.get(i).verdict() == Verdict.PASSED;
            cases.add(new GradedCase(results.get(i), max[i], passed && !gated ? max[i] : 0));
        }
        return new Grade(report, cases);
    }

    /**
     * Whether the run earns nothing: it checked the plain upload (XFER-UP-01) and no
     * case of it passed. A server that never answers would otherwise collect the
     * points of cases that only check that nothing happened (no partial file left).
     */
    public static boolean gated(List<CaseResult> results) {
        List<CaseResult> gate = results.stream().filter(r -> r.requirements().contains(GATE)).toList();
        return !gate.isEmpty() && gate.stream().noneMatch(r -> r.verdict() == Verdict.PASSED);
    }

    /**
     * Scales the weights to hundredths of points that add up to exactly the total:
     * each case gets its share rounded down, and the hundredths left over go to the
     * cases that lost most to the rounding (the largest-remainder method).
     */
    static double[] scaled(double[] weights, double total) {
        double sum = java.util.Arrays.stream(weights).sum();
        double[] out = new double[weights.length];
        if (sum == 0) {
            return out;
        }
        long totalCents = Math.round(total * 100);
        long[] cents = new long[weights.length];
        double[] remainder = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = weights[i] / sum * totalCents;
            cents[i] = (long) Math.floor(exact);
            remainder[i] = exact - cents[i];
            given += cents[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -remainder[i]).thenComparingInt(i -> i));
        for (int k = 0; given < totalCents; k++, given++) {
            cents[order.get(k % order.size())]++;
        }
        for (int i = 0; i < weights.length; i++) {
            out[i] = cents[i] / 100.0;
        }
        return out;
    }

    public double score() {
        return round(cases.stream().mapToDouble(GradedCase::points).sum());
    }

    public double maxScore() {
        return round(cases.stream().mapToDouble(GradedCase::max).sum());
    }

    /** Passed and total cases per level: {@code [level - 1] = {passed, cases}}. */
    public int[][] levels() {
        int[][] levels = new int[3][2];
        for (GradedCase graded : cases) {
            int[] level = levels[graded.result().level() - 1];
            level[1]++;
            level[0] += graded.passed() ? 1 : 0;
        }
        return levels;
    }

    public int levelReached() {
        return reached(levels());
    }

    /**
     * The highest level whose cases, and those of every level below it, all passed;
     * 0 if none. A level with no case selected is neither reached nor missed.
     */
    public static int reached(int[][] levels) {
        int reached = 0;
        for (int level = 1; level <= 3; level++) {
            int[] counts = levels[level - 1];
            if (counts[1] == 0) {
                continue;
            }
            if (counts[0] < counts[1]) {
                break;
            }
            reached = level;
        }
        return reached;
    }

    /** Points as people write them: 12, 12.5, 12.25. */
    public static String format(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.valueOf(round(points));
    }

    public static double round(double points) {
        return Math.round(points * 100) / 100.0;
    }
}
