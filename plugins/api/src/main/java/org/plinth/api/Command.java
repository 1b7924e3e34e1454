package org.plinth.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A program to run in the job's workspace. The arguments are passed as they are, never through
 * a shell, so user input in them cannot inject commands.
 *
 * @param argv        the program and its arguments
 * @param environment variables added to the host's minimal environment
 */
public record Command(List<String> argv, Map<String, String> environment) {

    public Command {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        environment = Map.copyOf(environment == null ? Map.of() : environment);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), Map.of());
    }
}
