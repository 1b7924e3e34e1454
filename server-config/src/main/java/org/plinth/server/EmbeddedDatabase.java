package org.plinth.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server from zonky's embedded binaries, with a data directory of our choosing.
 *
 * <p>An existing data directory is kept (initdb runs only when there is none), which is what
 * makes the launcher's database survive restarts. zonky's own JVM shutdown hook is switched off:
 * PostgreSQL must go down <em>after</em> Payara, so the owner of this object stops it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /**
     * Where and how to start.
     *
     * @param port           0 = any free port
     * @param anyPortIfBusy  if the port is taken, use any free port instead of failing
     */
    public record Spec(Path dataDir, int port, boolean anyPortIfBusy, Path logFile) {
    }

    /** How the application connects. */
    public record Coordinates(String host, int port, String database, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public static final String DATABASE = "plinth";
    public static final String USER = "plinth";
    /**
     * Fixed on purpose: zonky's initdb uses trust authentication and PostgreSQL listens on
     * localhost only, so a secret here would protect nothing; a stable value keeps the persistent
     * domain's pool definition valid across runs.
     */
    public static final String PASSWORD = "plinth";

    private final EmbeddedPostgres postgres;
    private final Coordinates coordinates;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.coordinates = new Coordinates("localhost", postgres.getPort(), DATABASE, USER, PASSWORD);
    }

    /** Starts PostgreSQL (initdb on first use), then creates role and database if needed. */
    public static EmbeddedDatabase start(Spec spec) throws IOException {
        Files.createDirectories(spec.dataDir());
        stopOrphan(spec.dataDir());
        // checked after stopOrphan(): an orphan of the last run still holds the port it should get back
        int port = spec.port();
        if (port == 0 || (spec.anyPortIfBusy() && !PortLayout.isFree(port))) {
            port = PortLayout.anyFreePort();
        }
        if (!PortLayout.isFree(port)) {
            throw new IllegalStateException("Cannot start PostgreSQL: port " + port + " is already in use");
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(spec.dataDir())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // ~32 batch connections + ~8 for the rest in Payara's pool, plus tools
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost")
                // zonky's defaults are for throwaway test databases (fsync, synchronous_commit
                // and full_page_writes off): a power cut could then lose accepted jobs or corrupt
                // the data directory the launcher keeps across runs. A WAL flush costs ~0.1 ms on
                // this kind of disk (pg_test_fsync), so the embedded default is made durable.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
        if (spec.logFile() != null) {
            Files.createDirectories(spec.logFile().getParent());
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(spec.logFile().toFile());
            builder.setOutputRedirector(log).setErrorRedirector(log);
        }
        EmbeddedDatabase db = new EmbeddedDatabase(builder.start());
        try {
            db.createRoleAndDatabase();
        } catch (SQLException | RuntimeException e) {
            db.stop();
            throw new IOException("PostgreSQL started but the plinth database could not be prepared", e);
        }
        return db;
    }

    private void createRoleAndDatabase() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                // CREATE DATABASE cannot run in a transaction; the connection is in autocommit mode
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'");
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A postmaster still running on this data directory (its launcher was SIGKILLed, so no hook
     * ran) would make pg_ctl start fail; ask it for a fast shutdown (SIGINT) first.
     */
    private static void stopOrphan(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        orphan.ifPresent(p -> {
            System.out.println("[plinth] stopping PostgreSQL left over from an earlier run (pid " + p.pid() + ")");
            Processes.signal(p.pid(), "INT");
            if (!Processes.awaitExit(p, Duration.ofSeconds(30))) {
                p.destroyForcibly();
                Processes.awaitExit(p, Duration.ofSeconds(10));
            }
        });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Coordinates coordinates() {
        return coordinates;
    }

    public int port() {
        return coordinates.port();
    }

    /** pg_ctl stop -m fast (waits up to 5 s), via zonky. Idempotent. */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("[plinth] stopping PostgreSQL: " + e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
