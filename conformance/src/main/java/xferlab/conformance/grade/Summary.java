package xferlab.conformance.grade;

/** One paragraph that sums up a grade, for the top of every grading output. */
final class Summary {
    private Summary() {
    }

    static String text(Grade grade) {
        var report = grade.report();
        StringBuilder out = new StringBuilder();
        out.append(String.format("XFER %s suite against %s, seed %d.%n", report.suite(), report.target(), report.seed()));
        out.append(String.format("Score: %s of %s.%n", Grade.format(grade.score()), Grade.format(grade.maxScore())));
        if (Grade.gated(report.cases())) {
            out.append(String.format("No points: no plain upload was stored (%s), so the cases that only check "
                    + "that nothing went wrong count for nothing.%n", Grade.GATE));
        }
        long warned = report.count(xferlab.conformance.report.Verdict.WARNED);
        long blocked = report.count(xferlab.conformance.report.Verdict.NOT_REACHED);
        if (warned > 0) {
            out.append(String.format("Warnings (a SHOULD missed; they earn no points): %d.%n", warned));
        }
        if (blocked > 0) {
            out.append(String.format("Not reached (blocked by another requirement): %d.%n", blocked));
        }
        if (!report.diagnosis().isEmpty()) {
            out.append("Fix first: ").append(report.diagnosis()).append(String.format(".%n"));
        }
        int[][] levels = grade.levels();
        for (int level = 1; level <= 3; level++) {
            int[] counts = levels[level - 1];
            if (counts[1] > 0) {
                out.append(String.format("Level %d: %d of %d cases passed.%n", level, counts[0], counts[1]));
            }
        }
        out.append(grade.levelReached() == 0 ? "No level reached yet." : "Level reached: " + grade.levelReached() + ".");
        return out.toString();
    }

}
