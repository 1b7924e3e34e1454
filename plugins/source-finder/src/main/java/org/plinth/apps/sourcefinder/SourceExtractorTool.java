package org.plinth.apps.sourcefinder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SExtractor installation: its binary (Debian calls it {@code source-extractor}; a build
 * from source calls it {@code sex}) and its data folder with {@code default.sex} and the filter
 * kernels.
 *
 * @param binary   the executable
 * @param shareDir the folder with default.sex, the kernels and default.nnw
 * @param version  what {@code -v} reports ("2.25.0")
 */
public record SourceExtractorTool(Path binary, Path shareDir, String version) {

    public static final String DEBIAN_PACKAGE = "source-extractor";
    static final List<String> NAMES = List.of("source-extractor", "sex");
    static final List<Path> SHARE_DIRS = List.of(Path.of("/usr/share/source-extractor"),
            Path.of("/usr/local/share/source-extractor"), Path.of("/usr/share/sextractor"),
            Path.of("/usr/local/share/sextractor"));
    private static final Pattern VERSION = Pattern.compile("version\\s+(\\S+)");

    /** Finds SExtractor on the PATH, or says what is missing. */
    public static Result locate() {
        return locate(System.getenv("PATH"));
    }

    static Result locate(String path) {
        Optional<Path> binary = onPath(path);
        if (binary.isEmpty()) {
            return new Result(null, "SExtractor (" + String.join(" or ", NAMES)
                    + ") not found on the PATH: install the Debian package " + DEBIAN_PACKAGE);
        }
        Optional<Path> share = SHARE_DIRS.stream().filter(d -> Files.isRegularFile(d.resolve("default.sex"))).findFirst();
        if (share.isEmpty()) {
            return new Result(null, "SExtractor's default.sex and filter kernels not found in " + SHARE_DIRS
                    + ": install the Debian package " + DEBIAN_PACKAGE);
        }
        try {
            return new Result(new SourceExtractorTool(binary.get(), share.get(), version(binary.get())), null);
        } catch (IOException e) {
            return new Result(null, binary.get() + " -v failed (" + e.getMessage() + "): reinstall the Debian package "
                    + DEBIAN_PACKAGE);
        }
    }

    /** Either the tool or why it cannot be used. */
    public record Result(SourceExtractorTool tool, String problem) {
    }

    static Optional<Path> onPath(String path) {
        if (path == null) {
            path = "/usr/local/bin:/usr/bin:/bin";
        }
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String version(Path binary) throws IOException {
        Process p = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("no answer within 10 s");
            }
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw new IOException("no version in its answer: " + out.strip());
            }
            return m.group(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted");
        }
    }
}
