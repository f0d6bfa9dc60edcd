package xferlab.conformance.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Prints the default grading weights, as a file to copy and edit. */
@Command(name = "weights",
        mixinStandardHelpOptions = true,
        description = "Prints the default grading weights. Save them to a file, edit it, and pass it to server, "
            + "client or class with --weights FILE.",
        footerHeading = "%nExample:%n",
        footer = {"  java -jar xfer-conformance.jar weights > weights.properties"})
final class WeightsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(xferlab.conformance.grade.Weights.defaultText());
        // What the defaults give each stage in a full run of each suite, as comments: the file stays loadable.
        xferlab.spec.Catalogue catalogue = xferlab.spec.Catalogue.load();
        var weights = xferlab.conformance.grade.Weights.defaults(catalogue);
        System.out.println();
        System.out.println("# In a full run, of " + xferlab.conformance.grade.Grade.format(weights.total())
                + " points:");
        for (String suite : new String[] {ServerSuiteCommand.CASES, ClientSuiteCommand.CASES}) {
            var cases = new xferlab.conformance.run.SuiteRunner(suite).plan(catalogue,
                    xferlab.conformance.run.Selection.all()).stream().map(c -> c.requirements()).toList();
            boolean client = suite.equals(ClientSuiteCommand.CASES);
            weights.points(cases, client, catalogue).forEach((stage, points) -> System.out.printf(
                    "#   %s suite, stage %d: %s points%n", client ? "client" : "server", stage,
                    xferlab.conformance.grade.Grade.format(points)));
        }
        return 0;
    }
}
