package org.plinth.apps.astra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ASTRA's executables in the configured folder: {@code generator}, {@code astra} and
 * {@code parallel_astra} (the MPI build; only needed to run on more than one core). With
 * checksums configured, each binary must match its SHA-256 or the apps are unavailable: the
 * ASTRA web API offers the same check against a binary swapped underneath it.
 */
public final class AstraBinaries {

    public static final String GENERATOR = "generator";
    public static final String ASTRA = "astra";
    public static final String PARALLEL_ASTRA = "parallel_astra";

    /** Hashes already checked, by path, size and modification time: hashing on every describe is wasteful. */
    private static final Map<String, String> VERIFIED = new ConcurrentHashMap<>();

    private final Path folder;
    private final Map<String, String> checksums;

    public AstraBinaries(Path folder, Map<String, String> checksums) {
        this.folder = folder;
        this.checksums = Map.copyOf(checksums);
    }

    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** The executable, or why it cannot be used (not configured, missing, not executable, checksum). */
    public Found find(String name) {
        if (folder == null) {
            return Found.problem("ASTRA's binaries are not configured: set plinth.apps.astra.binary-path (or the "
                    + "environment variable ASTRA_BINARY_PATH) to the folder holding generator, astra and parallel_astra");
        }
        Path p = folder.resolve(name);
        if (!Files.isRegularFile(p)) {
            return Found.problem(p + " not found (plinth.apps.astra.binary-path is " + folder + ")");
        }
        if (!Files.isExecutable(p)) {
            return Found.problem(p + " is not executable");
        }
        String expected = checksums.get(name);
        if (expected != null) {
            try {
                String actual = sha256(p);
                if (!actual.equalsIgnoreCase(expected)) {
                    return Found.problem(p + " has SHA-256 " + actual + ", not the configured " + expected.toLowerCase(Locale.ROOT)
                            + " (plinth.apps.astra.checksums)");
                }
            } catch (IOException e) {
                return Found.problem(p + " cannot be read for its checksum: " + e.getMessage());
            }
        }
        return new Found(p, null);
    }

    /** Either the binary or why not. */
    public record Found(Path path, String problem) {
        static Found problem(String why) {
            return new Found(null, why);
        }

        public boolean present() {
            return path != null;
        }
    }

    /** {@code generator=<hex>,astra=<hex>}: names as in the folder. Malformed entries are refused loudly. */
    public static Map<String, String> parseChecksums(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.split("[,;\\s]+")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String hex = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (eq < 1 || !hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("plinth.apps.astra.checksums: '" + entry
                        + "' is not <binary>=<64 hex digits of SHA-256>");
            }
            out.put(entry.substring(0, eq).strip(), hex);
        }
        return out;
    }

    static String sha256(Path p) throws IOException {
        String key = p + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
        String known = VERIFIED.get(key);
        if (known != null) {
            return known;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        VERIFIED.put(key, hex);
        return hex;
    }
}
