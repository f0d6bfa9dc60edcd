package xferlab.conformance.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is to blame for a failing pair, and for which rule: the rules the exchange
 * itself shows broken, and each side's verdict from its own suite. A side is named
 * when either says it is at fault; when neither does, the pair is said to disagree,
 * with the first thing that went wrong.
 *
 * @param charged the rule each blamed side broke first (empty when no side is)
 * @param cell    the few words the matrix cell shows
 * @param lines   the full account, one sentence a line
 */
record Blame(Map<Side, String> charged, String cell, List<String> lines) {

    /**
     * @param server the server's suite verdict, or null when the suites were not run
     * @param client the client's suite verdict, or null when the suites were not run
     */
    static Blame of(PairResult pair, SuiteVerdict server, SuiteVerdict client, int level) {
        if (pair.passed()) {
            return new Blame(Map.of(), "pass", List.of("Every file was stored exactly, every OK carried the file's "
                    + "digest, and the client exited 0 each time."));
        }
        Map<Side, String> charged = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        List<Breach> breaches = pair.breaches();
        for (Side side : List.of(Side.SERVER, Side.CLIENT)) {
            SuiteVerdict verdict = side == Side.SERVER ? server : client;
            List<Breach> own = breaches.stream().filter(b -> b.side() == side).toList();
            String rule = own.stream().map(Breach::requirement).filter(r -> !r.isEmpty()).findFirst().orElse("");
            if (!own.isEmpty()) {
                charged.put(side, rule.isEmpty() && verdict != null && !verdict.passed() ? verdict.requirement() : rule);
            } else if (verdict != null && !verdict.passed()) {
                charged.put(side, verdict.requirement());
            }
            String name = "The " + side.word() + " (" + (side == Side.SERVER ? pair.server() : pair.client()).name()
                    + ")";
            if (!own.isEmpty()) {
                lines.add(name + " in this exchange: " + own.get(0).describe().replaceFirst("^the " + side.word()
                        + " ", "") + (own.size() > 1 ? " (and " + (own.size() - 1) + " more below)" : ""));
            } else {
                lines.add(name + " broke no rule this exchange shows.");
            }
            if (verdict != null) {
                lines.add(name + " " + verdict.describe(level) + ".");
            }
        }
        if (charged.isEmpty()) {
            String where = firstFailure(pair);
            String prefix = server != null && client != null ? "Both pass their suites; the pair disagrees at: "
                    : "Neither side broke a rule this exchange shows; the pair disagrees at: ";
            lines.add(0, prefix + where);
            return new Blame(Map.of(), "fails: the pair disagrees", lines);
        }
        List<String> parts = new ArrayList<>();
        charged.forEach((side, rule) -> parts.add(side.word() + (rule.isEmpty() ? "" : " " + rule)));
        String who = charged.size() == 2 ? "both sides" : "the " + charged.keySet().iterator().next().word();
        lines.add(0, "Fails: " + who + " at fault (" + String.join(", ", parts) + ").");
        return new Blame(java.util.Collections.unmodifiableMap(charged), "fails: " + String.join(", ", parts), lines);
    }

    private static String firstFailure(PairResult pair) {
        if (!pair.problem().isEmpty()) {
            return pair.problem();
        }
        return pair.uploads().stream().filter(u -> !u.passed()).findFirst()
                .map(u -> u.file().name() + ": " + u.failures().get(0)).orElse("nothing");
    }
}
