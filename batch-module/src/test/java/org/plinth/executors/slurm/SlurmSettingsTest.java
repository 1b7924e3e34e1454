package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

class SlurmSettingsTest {

    /** Just enough of MicroProfile Config over a map. */
    record MapConfig(Map<String, String> values) implements Config {
        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            return Optional.ofNullable(values.get(name)).map(type::cast);
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return java.util.List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException();
        }
    }

    @Test
    void defaultsNeedNoConfiguration() {
        SlurmSettings s = SlurmSettings.from(new MapConfig(Map.of()));
        assertEquals(URI.create("http://127.0.0.1:6820"), s.url());
        assertEquals("v0.0.38", s.apiVersion());
        assertEquals(SlurmSettings.AuthMode.MINT, s.auth().mode());
        assertEquals(Path.of("/var/spool/slurm/jwt_hs256.key"), s.auth().keyFile());
        assertEquals("plinth", s.auth().serviceUser());
        assertEquals(Duration.ofMinutes(30), s.auth().tokenLifetime());
        assertEquals(SlurmSettings.UserMode.SERVICE, s.users().mode());
        assertNull(s.socksProxy());
        assertEquals(Path.of("plinth-data").toAbsolutePath(), s.paths().serverDataDir());
        assertEquals(Path.of("plinth-data").toAbsolutePath().toString(), s.paths().clusterDataDir());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        String p = SlurmSettings.PREFIX;
        Map<String, String> m = new java.util.HashMap<>(Map.ofEntries(
                Map.entry(p + "url", "http://login01:6820/"),
                Map.entry(p + "api-version", "v0.0.41"),
                Map.entry(p + "auth", "TOKEN"),
                Map.entry(p + "token", "aaa.bbb.ccc"),
                Map.entry(p + "service-user", "svc"),
                Map.entry(p + "users", "mapped"),
                Map.entry(p + "user.alice@example.org", "alice01"),
                Map.entry(p + "partition", "gpu"),
                Map.entry(p + "constraints", "a100"),
                Map.entry(p + "account", "proj42"),
                Map.entry(p + "qos", "normal"),
                Map.entry(p + "env.OMPI_MCA_x", "1,2"),
                Map.entry(p + "script-setup", "module load openmpi\n"),
                Map.entry(p + "cluster-data-dir", "/cluster/plinth/"),
                Map.entry(p + "proxy", "socks5://localhost:1080"),
                Map.entry(p + "timeout-seconds", "5"),
                Map.entry(p + "retries", "1"),
                Map.entry("plinth.data-dir", "/srv/plinth")));
        SlurmSettings s = SlurmSettings.from(new MapConfig(m));
        assertEquals(41, s.apiMinor());
        assertEquals(SlurmSettings.AuthMode.TOKEN, s.auth().mode());
        assertTrue(!s.toString().contains("aaa.bbb.ccc"), "the token never shows");
        assertEquals("alice01", s.clusterUserFor("alice@example.org"));
        var e = assertThrows(SlurmRejectedException.class, () -> s.clusterUserFor("mallory"));
        assertTrue(e.getMessage().contains("mallory"));
        assertEquals(new SlurmSettings.JobDefaults("gpu", "a100", "proj42", "normal", Map.of("OMPI_MCA_x", "1,2"),
                "module load openmpi\n"), s.job());
        assertEquals("/cluster/plinth/jobs/j1", s.paths().toCluster(Path.of("/srv/plinth/jobs/j1")));
        assertEquals("/cluster/plinth", s.paths().toCluster(Path.of("/srv/plinth")));
        assertThrows(IllegalArgumentException.class, () -> s.paths().toCluster(Path.of("/srv/plinth/../etc")));
        assertEquals("localhost", s.socksProxy().getHostString());
        assertEquals(1080, s.socksProxy().getPort());
        assertEquals(Duration.ofSeconds(5), s.timeout());
        assertEquals(1, s.retries());

        m.put(p + "users", "service");
        assertEquals("svc", SlurmSettings.from(new MapConfig(m)).clusterUserFor("mallory"));
    }

    @Test
    void badValuesNameTheirKey() {
        String p = SlurmSettings.PREFIX;
        var e = assertThrows(IllegalArgumentException.class,
                () -> SlurmSettings.from(new MapConfig(Map.of(p + "auth", "password"))));
        assertTrue(e.getMessage().contains("auth") && e.getMessage().contains("mint"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SlurmSettings.from(new MapConfig(Map.of(p + "auth", "token"))));
        assertTrue(e.getMessage().contains("needs token"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SlurmSettings.from(new MapConfig(Map.of(p + "proxy", "http://p:3128"))));
        assertThrows(IllegalArgumentException.class, () -> SlurmSettings.from(new MapConfig(Map.of(p + "api-version", "0.0.38"))));
        assertThrows(IllegalArgumentException.class, () -> SlurmSettings.from(new MapConfig(Map.of(p + "cluster-data-dir", "relative"))));
    }
}
