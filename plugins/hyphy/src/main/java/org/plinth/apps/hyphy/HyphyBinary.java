package org.plinth.apps.hyphy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HyPhy executable to run and its version.
 *
 * <p>Debian's {@code /usr/bin/hyphy} is a shell wrapper that passes all arguments as one string,
 * so {@code hyphy fel --alignment x} fails; the real binaries live in {@code /usr/lib/hyphy/bin}
 * in SIMD flavours. The wrapper picks one with {@code lscpu | grep avx}; this does the same from
 * {@code /proc/cpuinfo}'s flags (where SSE3 is spelled {@code pni}).
 *
 * @param path    the executable
 * @param version what {@code --version} reports ({@code 2.5.46})
 */
record HyphyBinary(Path path, String version) {

    static final Path BIN_DIR = Path.of("/usr/lib/hyphy/bin");
    /** HyPhy's batch-file library; passed as LIBPATH so a folder named {@code res} in the workspace cannot shadow it. */
    static final Path LIBRARY = Path.of("/usr/share/hyphy");
    static final String PACKAGE = "hyphy-pt";

    private static final Pattern VERSION = Pattern.compile("HYPHY\\s+(\\d+(?:\\.\\d+)+)");

    /** The best binary this CPU can run, with its version; empty when HyPhy is not installed. */
    static Optional<HyphyBinary> find() {
        return choose(BIN_DIR, cpuFlags()).flatMap(path -> version(path).map(v -> new HyphyBinary(path, v)));
    }

    /** The fastest flavour the CPU supports among those present in {@code dir}. */
    static Optional<Path> choose(Path dir, Set<String> cpuFlags) {
        if (cpuFlags.contains("avx") && Files.isExecutable(dir.resolve("hyphy-avx"))) {
            return Optional.of(dir.resolve("hyphy-avx"));
        }
        if ((cpuFlags.contains("pni") || cpuFlags.contains("sse3")) && Files.isExecutable(dir.resolve("hyphy-sse3"))) {
            return Optional.of(dir.resolve("hyphy-sse3"));
        }
        Path plain = dir.resolve("hyphy");
        // /usr/bin/hyphy is the broken wrapper; only a real binary in the bin directory will do.
        return Files.isExecutable(plain) && !isScript(plain) ? Optional.of(plain) : Optional.empty();
    }

    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("flags")) {
                    return new HashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException e) {
            // not Linux, or no /proc: only the plain binary is safe
        }
        return Set.of();
    }

    /** Parses {@code HYPHY 2.5.46(MP) for Linux on x86_64}. */
    static Optional<String> parseVersion(String text) {
        Matcher m = VERSION.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> version(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return parseVersion(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean isScript(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            return true;
        }
    }
}
