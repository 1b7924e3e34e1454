package org.plinth.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where jobs keep their files: {@code <data-dir>/jobs/<jobId>/}. The app's inputs and outputs
 * live at the top of a workspace; the host's own files (wrapper, exit code, logs) live in
 * {@code .plinth/} inside it and are never listed as outputs.
 */
@ApplicationScoped
public class Workspaces {

    public static final String HOST_DIR = ".plinth";

    @Inject
    @ConfigProperty(name = "plinth.data-dir", defaultValue = "plinth-data")
    String dataDir;

    public Path root() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public Path of(String jobId) {
        return root().resolve("jobs").resolve(jobId);
    }

    public Path hostDir(String jobId) {
        return of(jobId).resolve(HOST_DIR);
    }

    public Path stdout(String jobId) {
        return hostDir(jobId).resolve("stdout.log");
    }

    public Path stderr(String jobId) {
        return hostDir(jobId).resolve("stderr.log");
    }

    /** Creates the workspace and its host directory. */
    public Path create(String jobId) {
        try {
            Files.createDirectories(hostDir(jobId));
            return of(jobId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the workspace of job " + jobId, e);
        }
    }

    /**
     * Resolves a relative path a user gave inside a job's workspace, or nothing when it would
     * leave the workspace (.., absolute paths, symbolic links pointing out) or enter the host's
     * directory.
     */
    public Optional<Path> resolveInside(String jobId, String relative) {
        if (relative == null || relative.isEmpty() || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Path workspace = of(jobId);
        Path candidate = workspace.resolve(relative).normalize();
        if (!candidate.startsWith(workspace) || candidate.equals(workspace)
                || isHostPath(workspace.relativize(candidate))) {
            return Optional.empty();
        }
        try {
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                Path real = candidate.toRealPath();
                if (!real.startsWith(workspace.toRealPath())) {
                    return Optional.empty();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /**
     * Whether a path inside a workspace is the host's: in a {@code .plinth} folder at the top or
     * in a sweep point's folder ({@code points/07/.plinth}), never an output.
     */
    public static boolean isHostPath(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().equals(HOST_DIR)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a path a user gave is a plain relative path that stays inside a workspace and
     * out of the host's directory: no absolute path, no {@code ..}, no NUL or control
     * characters, no empty segment, no host folder ({@code .plinth}) at any depth. Checked before
     * any workspace exists.
     */
    public static boolean isSafeRelative(String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > 1024 || relative.startsWith("/")) {
            return false;
        }
        for (int i = 0; i < relative.length(); i++) {
            char c = relative.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equals(HOST_DIR)) {
                return false;
            }
        }
        return true;
    }

    public void delete(String jobId) {
        deleteTree(of(jobId));
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
