package xferlab.conformance.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

import xferlab.conformance.grade.Roster;

/**
 * How a roster line runs when containers are involved, for the two commands that read
 * rosters ({@code class}, {@code interop}): a line {@code name: docker:IMAGE} names the
 * student's own image, and with {@code --isolate docker} every other command runs with
 * {@code sh -c} in the image of {@code --image}.
 */
final class RosterContainers {
    private final boolean isolateAll;
    private final ImageOptions image;

    /** @param image the --image options, or null when none were given */
    RosterContainers(boolean isolateAll, ImageOptions image) {
        this.isolateAll = isolateAll;
        this.image = image;
    }

    static boolean ownImage(String command) {
        return command.startsWith(Roster.OWN_IMAGE);
    }

    boolean inContainer(String command) {
        return isolateAll || ownImage(command);
    }

    /** Refuses, as a usage error, a line that cannot run as asked. */
    void check(CommandLine commandLine, String option, String name, String command) {
        if (ownImage(command) && command.substring(Roster.OWN_IMAGE.length()).isBlank()) {
            throw new CommandLine.ParameterException(commandLine, option + name + ": docker: names no image");
        }
        if (isolateAll && !ownImage(command) && image == null) {
            throw new CommandLine.ParameterException(commandLine, "--isolate docker: " + name
                    + "'s command needs an image to run in: give --image IMAGE (or write 'docker:IMAGE')");
        }
    }

    /** The options that point a child suite at the implementation this line runs. */
    List<String> suiteTarget(String command) {
        if (!inContainer(command)) {
            return List.of("--launch", command);
        }
        List<String> args = new ArrayList<>();
        if (ownImage(command)) {
            args.addAll(List.of("--image", command.substring(Roster.OWN_IMAGE.length()).strip()));
        } else {
            args.addAll(List.of("--image", image.image, "--image-cmd", command));
        }
        if (image != null) {
            image.mounts.forEach(mount -> args.addAll(List.of("--image-mount", mount)));
            args.addAll(List.of("--image-cpus", String.valueOf(image.cpus), "--image-memory", image.memory));
        }
        return args;
    }
}
