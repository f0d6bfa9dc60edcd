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
        return 0;
    }
}
