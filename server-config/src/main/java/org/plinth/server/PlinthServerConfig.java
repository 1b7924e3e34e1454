package org.plinth.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything PlinthServer needs to know.
 *
 * @param portBase      Payara --portbase: admin = base+48, HTTP = base+80
 * @param workDir       holds pgdata/, domains/ and data/ (Plinth's data dir)
 * @param ear           the application archive
 * @param payaraHome    an unpacked Payara Server 6 distribution (contains bin/asadmin)
 * @param appProperties MicroProfile Config values for the application (extra to the ones
 *                      PlinthServer always sets)
 * @param apiKey        the admin API key; generated when null
 * @param wipeWorkDir   delete workDir before starting (tests); false keeps database and domain
 * @param jdbcDriverJar the PostgreSQL driver copied into the domain's lib/; found on the class path when null
 * @param configCacheSeconds how long Payara caches MicroProfile Config values (asadmin
 *                      set-config-cache); null keeps Payara's 60 s. Tests that change a limit at
 *                      run time set 0.
 */
public record PlinthServerConfig(int portBase, Path workDir, Path ear, Path payaraHome,
                                 Map<String, String> appProperties, String apiKey, boolean wipeWorkDir,
                                 Path jdbcDriverJar, Integer configCacheSeconds) {

    public PlinthServerConfig {
        new PortLayout(portBase); // validates the range
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(ear, "ear");
        Objects.requireNonNull(payaraHome, "payaraHome");
        workDir = workDir.toAbsolutePath().normalize();
        appProperties = Map.copyOf(appProperties == null ? Map.of() : appProperties);
        apiKey = apiKey == null || apiKey.isBlank() ? ApiKeyGenerator.generate() : apiKey;
    }

    public PortLayout ports() {
        return new PortLayout(portBase);
    }

    public Path dataDir() {
        return workDir.resolve("data");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the launcher's defaults (port base 8000). */
    public static final class Builder {
        private int portBase = 8000;
        private Path workDir;
        private Path ear;
        private Path payaraHome;
        private final Map<String, String> appProperties = new LinkedHashMap<>();
        private String apiKey;
        private boolean wipeWorkDir;
        private Path jdbcDriverJar;
        private Integer configCacheSeconds;

        public Builder portBase(int portBase) {
            this.portBase = portBase;
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder ear(Path ear) {
            this.ear = ear;
            return this;
        }

        public Builder payaraHome(Path payaraHome) {
            this.payaraHome = payaraHome;
            return this;
        }

        public Builder appProperty(String name, String value) {
            appProperties.put(name, value);
            return this;
        }

        public Builder appProperties(Map<String, String> properties) {
            appProperties.putAll(properties);
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder wipeWorkDir(boolean wipe) {
            this.wipeWorkDir = wipe;
            return this;
        }

        public Builder jdbcDriverJar(Path jar) {
            this.jdbcDriverJar = jar;
            return this;
        }

        public Builder configCacheSeconds(int seconds) {
            this.configCacheSeconds = seconds;
            return this;
        }

        public PlinthServerConfig build() {
            return new PlinthServerConfig(portBase, workDir, ear, payaraHome, appProperties, apiKey, wipeWorkDir,
                    jdbcDriverJar, configCacheSeconds);
        }
    }
}
