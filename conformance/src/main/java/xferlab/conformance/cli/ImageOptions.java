package xferlab.conformance.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import xferlab.conformance.target.ContainerLimits;
import xferlab.conformance.target.ContainerSpec;
import xferlab.conformance.target.DockerEngine;
import xferlab.conformance.target.ShellWords;

/**
 * {@code --image IMAGE [--image-cmd CMD] [--image-mount HOST:PATH]... [--image-cpus N]
 * [--image-memory SIZE]}: the implementation runs in a container. A group of its own
 * inside each command's target group, so that {@code --image-cmd} without
 * {@code --image} is a usage error, and {@code --image} with {@code --launch} too.
 */
final class ImageOptions {
    @Option(names = "--image", paramLabel = "IMAGE", required = true,
            description = "Run the implementation in a container from IMAGE (needs a Docker engine). Without "
                    + "--image-cmd, the image's entrypoint gets the reference's arguments.")
    String image;

    @Option(names = "--image-cmd", paramLabel = "CMD",
            description = "With --image: run sh -c CMD in the container instead, with the placeholders of --launch.")
    String command;

    @Option(names = "--image-mount", paramLabel = "HOST:PATH",
            description = "With --image: also mount HOST read-only at PATH in the container (repeatable).")
    List<String> mounts = new ArrayList<>();

    @Option(names = "--image-cpus", paramLabel = "N", defaultValue = "1",
            description = "With --image: CPUs the container may use (default: ${DEFAULT-VALUE}).")
    double cpus;

    @Option(names = "--image-memory", paramLabel = "SIZE", defaultValue = "512m",
            description = "With --image: memory the container may use, swap included (default: ${DEFAULT-VALUE}).")
    String memory;

    /** The container to run; a bad value is a usage error (exit 2) that names its option. */
    ContainerSpec spec(CommandLine commandLine) {
        List<ContainerSpec.Mount> parsed = new ArrayList<>();
        for (String mount : mounts) {
            parsed.add(parse(commandLine, "--image-mount", () -> ContainerSpec.Mount.parse(mount)));
        }
        long bytes = parse(commandLine, "--image-memory", () -> ContainerLimits.parseMemory(memory));
        ContainerLimits limits = parse(commandLine, "--image-cpus or --image-memory",
                () -> new ContainerLimits(cpus, bytes, ContainerLimits.DEFAULT.processes()));
        return parse(commandLine, "--image", () -> new ContainerSpec(image, command, limits, parsed));
    }

    private static <T> T parse(CommandLine commandLine, String option, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, option + ": " + e.getMessage());
        }
    }

    /**
     * Checks for an engine before anything else.
     *
     * @return the one-line error to print before exiting 2, or null when an engine answers
     */
    static String engineProblem() {
        return DockerEngine.problem().map(problem -> "xfer-conformance: " + problem).orElse(null);
    }

    /** These options again, for a rerun command. */
    List<String> words() {
        List<String> words = new ArrayList<>(List.of("--image", ShellWords.quote(image)));
        if (command != null) {
            words.addAll(List.of("--image-cmd", ShellWords.quote(command)));
        }
        for (String mount : mounts) {
            words.addAll(List.of("--image-mount", ShellWords.quote(mount)));
        }
        if (cpus != 1) {
            words.addAll(List.of("--image-cpus", String.valueOf(cpus)));
        }
        if (!"512m".equals(memory)) {
            words.addAll(List.of("--image-memory", ShellWords.quote(memory)));
        }
        return words;
    }
}
