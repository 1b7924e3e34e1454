package org.plinth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * "Start Plinth with embedded defaults": {@code ./mvnw -Prun package} runs this (exec:java).
 *
 * <p>Port base 8000 (HTTP 8080, admin 8048) unless {@code -Dplinth.port-base}; state under
 * {@code server-config/target/plinth-run} survives restarts (database, domain, generated API key; the EAR is
 * redeployed each time). Every {@code plinth.*} system property and {@code PLINTH_*} environment
 * variable is handed to the application's MicroProfile Config (system properties win).
 * Runs in the foreground until Ctrl-C / SIGTERM; the shutdown hook stops Payara, then PostgreSQL.
 */
public final class PlinthLauncher {

    /** Launcher settings, not application configuration: never forwarded to the app. */
    static final Set<String> LAUNCHER_PROPERTIES = Set.of(
            "plinth.port-base", "plinth.work-dir", "plinth.payara-home", "plinth.ear", "plinth.jdbc-driver");

    private PlinthLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Map<String, String> appProperties = forwardedProperties(env, System.getProperties());
        Path workDir = Path.of(setting("plinth.work-dir", "server-config/target/plinth-run")).toAbsolutePath();
        String apiKey = appProperties.remove("plinth.api-key");
        if (apiKey == null || apiKey.isBlank()) {
            apiKey = rememberedApiKey(workDir);
        }

        PlinthServerConfig.Builder builder = PlinthServerConfig.builder()
                .portBase(Integer.parseInt(setting("plinth.port-base", "8000")))
                .workDir(workDir)
                .payaraHome(Path.of(setting("plinth.payara-home", "server-config/target/payara/payara6")))
                .ear(Path.of(setting("plinth.ear", "ear/target/plinth.ear")))
                .appProperties(appProperties)
                .apiKey(apiKey);
        String driver = System.getProperty("plinth.jdbc-driver");
        if (driver != null && !driver.isBlank()) {
            builder.jdbcDriverJar(Path.of(driver));
        }
        PlinthServerConfig config = builder.build();
        PlinthServer server = new PlinthServer(config);

        System.out.println("[plinth] starting Plinth: " + server.domain());
        long t0 = System.nanoTime();
        server.start(); // on failure it has stopped what it started; the exception ends the build
        double seconds = (System.nanoTime() - t0) / 1e9;

        String base = server.baseUrl();
        System.out.printf("""

                ================================================================================
                 Plinth is running (ready after %.1f s)

                   Console      %s/
                   API          %s/api/v1
                   API docs     %s/docs
                   OpenAPI      %s/openapi
                   Health       %s/health/ready
                   Admin API key  %s
                                (header  X-API-Key: <key>; kept in <work dir>/api-key,
                                 PLINTH_API_KEY or -Dplinth.api-key override it)

                   Payara admin port %d (asadmin --port %d ...), server log:
                     %s
                   Work dir (database, domain, data): %s

                 Stop with Ctrl-C (or SIGTERM): Payara, then PostgreSQL, are shut down.
                ================================================================================

                """, seconds, base, base, base, base, base, server.apiKey(), server.adminPort(), server.adminPort(),
                server.domain().serverLog(), config.workDir());

        // Stay in the foreground; the JVM's shutdown (Ctrl-C, SIGTERM) runs PlinthServer's hook.
        new CountDownLatch(1).await();
    }

    /**
     * plinth.* and mp.jwt.* (the OIDC token settings) system properties and PLINTH_* environment
     * variables, minus launcher settings.
     * PLINTH_KEYS_ALICE becomes plinth.keys.alice: '_' maps to '.' except that PLINTH_API_KEY and
     * PLINTH_DATA_DIR keep their '-' (the names Plinth reads). System properties win over env.
     */
    static Map<String, String> forwardedProperties(Map<String, String> env, java.util.Properties system) {
        Map<String, String> result = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("PLINTH_") && !isLauncherEnv(name)) {
                String key = envToProperty(name);
                {
                    result.put(key, value);
                }
            }
        });
        for (String name : system.stringPropertyNames()) {
            if ((name.startsWith("plinth.") || name.startsWith("mp.jwt.")) && !LAUNCHER_PROPERTIES.contains(name)) {
                result.put(name, system.getProperty(name));
            }
        }
        return result;
    }

    private static boolean isLauncherEnv(String envName) {
        return LAUNCHER_PROPERTIES.stream()
                .anyMatch(p -> p.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').equals(envName));
    }

    static String envToProperty(String envName) {
        String lower = envName.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "plinth_api_key" -> "plinth.api-key";
            case "plinth_data_dir" -> "plinth.data-dir";
            default -> lower.replace('_', '.');
        };
    }

    /**
     * A generated key, kept in the work dir (owner-only) so that clients keep working across
     * restarts, like the database does. Delete the file (or the work dir) for a new key.
     */
    static String rememberedApiKey(Path workDir) {
        Path file = workDir.resolve("api-key");
        try {
            if (Files.isRegularFile(file)) {
                String key = Files.readString(file).trim();
                if (!key.isEmpty()) {
                    return key;
                }
            }
            Files.createDirectories(workDir);
            String key = ApiKeyGenerator.generate();
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + "\n");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the API key in " + file, e);
        }
    }

    /** A launcher setting: system property, else PLINTH_* environment variable, else the default. */
    private static String setting(String property, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
