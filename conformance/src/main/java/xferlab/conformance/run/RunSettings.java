package xferlab.conformance.run;

import xferlab.spec.Catalogue;

/**
 * What a run is asked to do, once the command line is read: which cases, how often,
 * how strictly, and where the results go.
 *
 * @param catalogue the spec's requirements
 * @param seed      the run's seed
 * @param selection which cases run
 * @param verbose   whether the console shows every connection's transcript
 * @param repeats   how many times every case runs ({@code --repeat}; 1 is once)
 * @param reruns    how many more times each failing case runs ({@code --rerun})
 * @param strict    whether a warning counts as a failure
 * @param outputs   the report and grading files to write
 */
public record RunSettings(Catalogue catalogue, long seed, Selection selection, boolean verbose, int repeats,
                          int reruns, boolean strict, Outputs outputs) {
}
