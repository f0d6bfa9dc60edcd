package xferlab.conformance.grade;

import java.time.Instant;
import java.util.List;

/**
 * What a class run was, for the top of {@code grades.html}: an instructor comparing
 * two runs, or answering a student weeks later, needs to know how it was graded.
 *
 * @param suite        {@code server} or {@code client}
 * @param version      the suite's version
 * @param seed         the one seed every submission ran with
 * @param date         when the run started
 * @param weights      where the weights came from: a file's path, or the built-in defaults
 * @param stages       each stage's points in this run
 * @param requirements the grid's columns: the requirements the run checks, in the spec's order
 */
public record ClassRun(String suite, String version, long seed, Instant date, String weights,
                       List<StagePoints> stages, List<String> requirements) {

    /**
     * @param number the stage's number in the lab sheets
     * @param points what the stage is worth in this run
     * @param covers what it covers, as the weights file says
     */
    public record StagePoints(int number, double points, List<String> covers) {
    }
}
