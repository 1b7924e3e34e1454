package org.plinth.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The files of a job's workspace that are its outputs: everything but the host's directories ({@code .plinth}, also a sweep point's). */
public final class Outputs {

    private Outputs() {
    }

    public static List<OutputFile> list(Path workspace) {
        if (!Files.isDirectory(workspace)) {
            return List.of();
        }
        List<OutputFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(workspace)) {
            walk.filter(p -> !Workspaces.isHostPath(workspace.relativize(p)))
                    .filter(Files::isRegularFile)
                    .forEach(p -> {
                        try {
                            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                            files.add(new OutputFile(workspace.relativize(p).toString(), a.size(), mediaType(p),
                                    a.lastModifiedTime().toInstant().atOffset(ZoneOffset.UTC)));
                        } catch (IOException e) {
                            // vanished while listing: not an output any more
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(Comparator.comparing(OutputFile::path));
        return files;
    }

    public static String mediaType(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".fits") || name.endsWith(".fit") || name.endsWith(".fts")) {
            return "application/fits"; // RFC 4047; the JDK knows no astronomy
        }
        if (name.endsWith(".txt") || name.endsWith(".log") || name.endsWith(".sh") || name.endsWith(".in")
                || name.endsWith(".out") || name.endsWith(".csv")) {
            return name.endsWith(".csv") ? "text/csv" : "text/plain";
        }
        try {
            String probed = Files.probeContentType(file);
            return probed == null ? "application/octet-stream" : probed;
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    /** One file of an archive: its name there and the file it holds. */
    public record Entry(String name, Path file) {
    }

    /** Writes the given files as a tar.gz, streamed. */
    public static void archive(List<Entry> entries, OutputStream out) throws IOException {
        try (TarGzWriter tar = new TarGzWriter(out)) {
            for (Entry e : entries) {
                tar.addFile(e.name(), e.file());
            }
        }
    }

    /** Whether an output's path matches a glob (null matches all). */
    public static boolean matches(String glob, String path) {
        return glob == null || FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path));
    }

    /** Writes the outputs (all, or those matching a glob) as a tar.gz, streamed. */
    public static void archive(Path workspace, String glob, OutputStream out) throws IOException {
        PathMatcher matcher = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (TarGzWriter tar = new TarGzWriter(out)) {
            for (OutputFile f : list(workspace)) {
                if (matcher == null || matcher.matches(Path.of(f.path()))) {
                    tar.addFile(f.path(), workspace.resolve(f.path()));
                }
            }
        }
    }
}
