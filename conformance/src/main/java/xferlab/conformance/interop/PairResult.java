package xferlab.conformance.interop;

import java.util.List;
import java.util.stream.Stream;

/**
 * How one client did against one server.
 *
 * @param server       the row
 * @param client       the column
 * @param uploads      each file of the set, in order (fewer when the server never started or time ran out)
 * @param problem      why the pair could not run in full (the server never listened, the time ran out), or empty
 * @param problemSide  the side {@code problem} is charged to, or null
 * @param serverOutput the end of what the server printed
 * @param millis       how long the pair took
 */
record PairResult(Implementation server, Implementation client, List<UploadOutcome> uploads, String problem,
                  Side problemSide, String serverOutput, long millis) {

    boolean passed() {
        return problem.isEmpty() && uploads.stream().allMatch(UploadOutcome::passed);
    }

    /** Every rule the exchanges show broken, in upload order. */
    List<Breach> breaches() {
        Stream<Breach> start = problemSide == null ? Stream.empty()
                : Stream.of(new Breach(problemSide, "", problem));
        return Stream.concat(start, uploads.stream().flatMap(u -> u.breaches().stream())).toList();
    }

    /** A name for the pair's page and work directory. */
    String slug() {
        return server.name() + "--" + client.name();
    }
}
