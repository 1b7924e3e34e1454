package org.plinth.apps.astra;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The apps' configuration, read at each use so an admin's change applies without a redeploy.
 *
 * <p>{@code plinth.apps.astra.binary-path}: MicroProfile Config maps it from the environment
 * variable {@code PLINTH_APPS_ASTRA_BINARY_PATH} (non-alphanumerics to '_', then upper case), not
 * from the ASTRA web API's {@code ASTRA_BINARY_PATH}; that name is therefore read as a second
 * key, so a host configured for the web API works unchanged.
 *
 * @param binaryFolder the folder with generator, astra, parallel_astra (empty when unset)
 * @param checksums    expected SHA-256 per binary name
 * @param mpirun       the launcher for parallel_astra (a name on the PATH or a path)
 */
public record AstraSettings(Optional<Path> binaryFolder, Map<String, String> checksums, String mpirun) {

    public static final String BINARY_PATH = "plinth.apps.astra.binary-path";
    public static final String WEB_API_BINARY_PATH = "ASTRA_BINARY_PATH";
    public static final String CHECKSUMS = "plinth.apps.astra.checksums";
    public static final String MPIRUN = "plinth.apps.astra.mpirun";

    /** From a lookup of configuration values (MicroProfile Config in the server, a map in tests). */
    public static AstraSettings from(Function<String, Optional<String>> config) {
        Optional<Path> folder = config.apply(BINARY_PATH).or(() -> config.apply(WEB_API_BINARY_PATH))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s.strip()));
        return new AstraSettings(folder, AstraBinaries.parseChecksums(config.apply(CHECKSUMS).orElse(null)),
                config.apply(MPIRUN).filter(s -> !s.isBlank()).orElse("mpirun"));
    }

    /** MicroProfile Config of the server; outside a server (unit tests) nothing is configured. */
    public static AstraSettings fromMicroProfileConfig() {
        try {
            org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
            return from(key -> config.getOptionalValue(key, String.class));
        } catch (IllegalStateException | java.util.ServiceConfigurationError | NoClassDefFoundError e) {
            return from(key -> Optional.empty());
        }
    }

    public AstraBinaries binaries() {
        return new AstraBinaries(binaryFolder.orElse(null), checksums);
    }
}
