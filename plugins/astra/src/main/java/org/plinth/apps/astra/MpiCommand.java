package org.plinth.apps.astra;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of an astra run: {@code astra run.in} on one core, else
 * {@code mpirun -n <cores> parallel_astra run.in}. OpenMPI refuses to start as root without
 * {@code --allow-run-as-root}, and refuses more processes than cores without
 * {@code --oversubscribe}; each flag is added only when it is needed, so a normal install runs
 * with OpenMPI's own safety checks.
 */
public final class MpiCommand {

    private MpiCommand() {
    }

    public static List<String> argv(Path astra, Path parallelAstra, Path mpirun, int cores, boolean root, int processors,
                                     String input) {
        if (cores <= 1) {
            return List.of(astra.toString(), input);
        }
        List<String> argv = new ArrayList<>(List.of(mpirun.toString(), "-n", Integer.toString(cores)));
        if (root) {
            argv.add("--allow-run-as-root");
        }
        if (cores > processors) {
            argv.add("--oversubscribe");
        }
        argv.add(parallelAstra.toString());
        argv.add(input);
        return List.copyOf(argv);
    }

    /** A launcher given as a path, or found on the PATH by its name. */
    static Optional<Path> locate(String launcher, String path) {
        if (launcher.contains("/")) {
            Path p = Path.of(launcher);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, launcher);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
