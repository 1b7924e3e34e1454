package org.plinth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Plinth on a local Payara domain with an embedded PostgreSQL: the composition used by the
 * launcher ({@code ./mvnw -Prun package}) and by the system tests.
 *
 * <p>Work directory layout: {@code pgdata/} (PostgreSQL), {@code domains/plinth/} (the Payara
 * domain), {@code data/} (plinth.data-dir), {@code db-port} (the last PostgreSQL port, reused so
 * a reused domain finds its database where it left it), {@code logs/}.
 */
public final class PlinthServer {

    public static final String APP_NAME = "plinth";
    public static final String DOMAIN_NAME = "plinth";
    public static final String JDBC_POOL = "plinth-pool";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final String CONFIGURED_MARKER = "config/plinth-configured";

    /** How long one start-up step took, for logs and reports. */
    public record Timing(String step, Duration duration) {
        @Override
        public String toString() {
            return String.format("%s %.1f s", step, duration.toMillis() / 1000.0);
        }
    }

    private final PlinthServerConfig config;
    private final PayaraDomain domain;
    private final List<Timing> timings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean hookRegistered = new AtomicBoolean();
    private volatile EmbeddedDatabase database;
    /** Between stopDatabase() and startDatabase(): {@link #database} names the stopped one. */
    private volatile boolean databaseDown;
    private volatile boolean stopping;

    public PlinthServer(PlinthServerConfig config) {
        this.config = config;
        this.domain = new PayaraDomain(config.payaraHome(), DOMAIN_NAME, config.workDir().resolve("domains"),
                config.ports());
    }

    /**
     * Starts PostgreSQL and Payara, (re)deploys the EAR and waits until /health/ready is UP.
     * On failure everything started so far is stopped again before the exception propagates.
     */
    public synchronized void start() {
        stopping = false;
        registerShutdownHook();
        try {
            if (!Files.isRegularFile(config.ear())) {
                throw new IllegalStateException("No EAR at " + config.ear() + " (build it: mvn -DskipTests install)");
            }
            if (config.wipeWorkDir()) {
                domain.stop(); // a domain from an earlier run of this work dir must not keep files open
                Files2.deleteRecursively(config.workDir());
            }
            Files.createDirectories(config.dataDir());
            Files.createDirectories(logDir());

            EmbeddedDatabase db = timed("PostgreSQL start", () -> uncheckedStartDatabase());
            database = db;
            Files.writeString(config.workDir().resolve("db-port"), Integer.toString(db.port()));
            checkNotStopping();

            boolean fresh = !domain.exists() || !Files.exists(domain.domainDir().resolve(CONFIGURED_MARKER));
            if (fresh) {
                if (domain.exists()) {
                    // a first start that failed half-way: start over rather than patch it
                    timed("domain delete (half-configured)", () -> { domain.delete(); return null; });
                }
                timed("domain create", () -> { domain.create(); return null; });
                domain.addLibrary(jdbcDriverJar());
            }
            // After a crash the old EAR is still enabled and loads during start-up; touching it
            // (properties, redeploy) before that load is over made the deploy fail in Payara
            // ("applicationInfo is null"). stop() disables it, so normally there is nothing to wait for.
            boolean oldAppLoads = !fresh && domain.isApplicationEnabled(APP_NAME);
            timed("domain start", () -> { domain.start(); return null; });
            if (oldAppLoads) {
                boolean up = timed("wait for previous EAR to load", () -> new HealthProbe(uri(baseUrl() + "/health/ready"))
                        .awaitUpQuietly(Duration.ofSeconds(60)));
                if (!up) {
                    // An EAR that failed its start-up load (e.g. database moved) leaves its health
                    // checks registered with dead CDI contexts (WELD-001303): /health/ready would stay
                    // DOWN even after a good redeploy. Restart without it.
                    timed("restart without previous EAR", () -> {
                        domain.asadmin("disable", APP_NAME);
                        domain.restart();
                        return null;
                    });
                }
            }
            checkNotStopping();
            if (fresh) {
                timed("domain configure", () -> { configureFreshDomain(); return null; });
                // the heap size and other JVM options only apply to a new JVM
                timed("domain restart", () -> { domain.restart(); return null; });
                Files.writeString(domain.domainDir().resolve(CONFIGURED_MARKER), "configured by PlinthServer\n");
            } else {
                timed("domain update properties", () -> { updateReusedDomain(); return null; });
            }
            checkNotStopping();
            if (config.configCacheSeconds() != null) {
                // before the deploy, so that no value the application reads is cached longer
                domain.asadmin("set-config-cache", "--duration=" + config.configCacheSeconds()).requireSuccess();
            }
            timed("deploy", () -> { domain.deploy(config.ear(), APP_NAME); return null; });
            timed("health ready", () -> { awaitReady(); return null; });
        } catch (IOException e) {
            stopAfterFailedStart();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stopAfterFailedStart();
            throw e;
        }
    }

    /**
     * Stops Payara (stop-domain, SIGKILL if that fails), then PostgreSQL. Idempotent.
     *
     * <p>The application is disabled first: a reused domain then starts without loading the old
     * EAR, which would otherwise race with the property update and redeploy of the next start
     * (seen: NPE in EarClassLoader, "Exception while loading the app"). A killed domain keeps
     * the application enabled, so {@link #restartAfterKill()} brings it back.
     */
    public void stop() {
        stopping = true;
        try {
            if (domain.isRunning()) {
                try {
                    domain.asadmin("disable", APP_NAME);
                } catch (RuntimeException e) {
                    // not deployed yet, or admin not answering: stop anyway
                }
            }
            domain.stop();
        } finally {
            EmbeddedDatabase db = database;
            database = null;
            if (db != null) {
                db.stop();
            }
        }
    }

    /**
     * Stops PostgreSQL only (fast shutdown: open connections are cut), Payara keeps running: a
     * database outage. {@link #startDatabase()} brings it back on the same port and data directory.
     */
    public synchronized void stopDatabase() {
        EmbeddedDatabase db = database;
        if (db == null) {
            throw new IllegalStateException("Not started (or stopped): use start()");
        }
        databaseDown = true;
        timed("PostgreSQL stop (outage)", () -> { db.stop(); return null; });
    }

    /**
     * Starts PostgreSQL again after {@link #stopDatabase()}, on the port the application's pool
     * points at (it fails if something else took that port meanwhile).
     */
    public synchronized void startDatabase() {
        EmbeddedDatabase db = database;
        if (db == null) {
            throw new IllegalStateException("Not started (or stopped): use start()");
        }
        if (!databaseDown) {
            return;
        }
        database = timed("PostgreSQL start (after outage)", () -> {
            try {
                return EmbeddedDatabase.start(new EmbeddedDatabase.Spec(config.workDir().resolve("pgdata"), db.port(),
                        false, logDir().resolve("postgres.log")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        databaseDown = false;
    }

    /** SIGKILLs the Payara JVM (PostgreSQL keeps running), to simulate a crash. */
    public void kill() {
        domain.kill();
    }

    /** Starts the killed domain again (the EAR is still deployed) and waits until ready. */
    public synchronized void restartAfterKill() {
        if (database == null) {
            throw new IllegalStateException("Not started (or stopped): use start()");
        }
        timed("domain start after kill", () -> { domain.start(); return null; });
        timed("health ready after kill", () -> { awaitReady(); return null; });
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort();
    }

    public String apiKey() {
        return config.apiKey();
    }

    public int httpPort() {
        return config.ports().http();
    }

    public int adminPort() {
        return config.ports().admin();
    }

    public OptionalLong payaraPid() {
        return domain.pid();
    }

    public PayaraDomain domain() {
        return domain;
    }

    public PlinthServerConfig config() {
        return config;
    }

    /** The database coordinates (while started). */
    public EmbeddedDatabase.Coordinates database() {
        EmbeddedDatabase db = database;
        if (db == null) {
            throw new IllegalStateException("Not started");
        }
        return db.coordinates();
    }

    public List<Timing> timings() {
        return List.copyOf(timings);
    }

    /**
     * The MicroProfile Config values the application gets: database coordinates, data dir and
     * admin key always; the configured extras may override all but the key.
     */
    public Map<String, String> appProperties() {
        EmbeddedDatabase.Coordinates db = database();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("plinth.db.url", db.jdbcUrl());
        p.put("plinth.db.user", db.user());
        p.put("plinth.db.password", db.password());
        p.put("plinth.data-dir", config.dataDir().toString());
        p.putAll(config.appProperties());
        p.put("plinth.api-key", config.apiKey());
        return p;
    }

    private EmbeddedDatabase uncheckedStartDatabase() {
        try {
            return EmbeddedDatabase.start(new EmbeddedDatabase.Spec(config.workDir().resolve("pgdata"),
                    previousDatabasePort(), true, logDir().resolve("postgres.log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The port of the previous run (the reused domain's pool and the EAR it loads at start-up point
     * there), or 0. EmbeddedDatabase falls back to any free port if it is taken.
     */
    private int previousDatabasePort() {
        Path file = config.workDir().resolve("db-port");
        try {
            if (Files.isRegularFile(file)) {
                return Integer.parseInt(Files.readString(file).trim());
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: any free port
        }
        return 0;
    }

    /** Fills the placeholders of configure-domain.asadmin and runs it. */
    private void configureFreshDomain() {
        EmbeddedDatabase.Coordinates db = database();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DB_HOST", AsadminValues.escapeValue(db.host()));
        values.put("DB_PORT", Integer.toString(db.port()));
        values.put("DB_NAME", AsadminValues.escapeValue(db.database()));
        values.put("DB_USER", AsadminValues.escapeValue(db.user()));
        values.put("DB_PASSWORD", AsadminValues.escapeValue(db.password()));
        values.put("HEAP", "1g");
        values.put("PLINTH_PROPERTIES", AsadminValues.propertyList(appProperties()));
        runGeneratedScript("configure-domain", ScriptTemplate.configureDomain().render(values));
    }

    /**
     * A reused domain keeps its configuration; only what may differ between runs is updated: the
     * application's properties (stale plinth.* ones removed) and the database port. The domain
     * already loaded the old EAR with the old values; the redeploy that follows reads the new ones.
     */
    private void updateReusedDomain() {
        Map<String, String> wanted = appProperties();
        Set<String> stale = new TreeSet<>();
        for (String line : domain.asadmin("list-system-properties").output().split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("plinth.") && eq > 0 && !wanted.containsKey(line.substring(0, eq))) {
                stale.add(line.substring(0, eq));
            }
        }
        StringBuilder script = new StringBuilder("# generated by PlinthServer: per-start update of a reused domain\n");
        stale.forEach(name -> script.append("delete-system-property ").append(AsadminValues.checkName(name)).append('\n'));
        script.append("create-system-properties \"").append(AsadminValues.propertyList(wanted)).append("\"\n");
        script.append("set resources.jdbc-connection-pool.").append(JDBC_POOL).append(".property.portNumber=")
                .append(database().port()).append('\n');
        runGeneratedScript("update-domain", script.toString());
    }

    /** Scripts hold the API keys: owner-only file, deleted after use. */
    private void runGeneratedScript(String name, String text) {
        Path file = config.workDir().resolve(name + ".asadmin");
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
            domain.runScript(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private void awaitReady() {
        new HealthProbe(uri(baseUrl() + "/health/ready")).await(READY_TIMEOUT, domain::isRunning);
    }

    private Path jdbcDriverJar() {
        if (config.jdbcDriverJar() != null) {
            return config.jdbcDriverJar();
        }
        try {
            // the driver this code runs with (a dependency of this module) is the one Payara gets
            return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot locate the PostgreSQL driver jar; set jdbcDriverJar", e);
        }
    }

    private Path logDir() {
        return config.workDir().resolve("logs");
    }

    private void checkNotStopping() {
        if (stopping) {
            throw new IllegalStateException("Stopped while starting");
        }
    }

    private void stopAfterFailedStart() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("[plinth] cleaning up after a failed start: " + e);
        }
    }

    /**
     * Stops Payara and PostgreSQL when the JVM exits (Ctrl-C, SIGTERM, end of a test run), so
     * neither outlives its launcher. Runs within the JVM's shutdown; asadmin and pg_ctl are
     * ordinary child processes, which may still be started at that point.
     */
    private void registerShutdownHook() {
        if (hookRegistered.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (database != null || domain.isRunning()) {
                    System.out.println("[plinth] stopping Payara, then PostgreSQL ...");
                    long t0 = System.nanoTime();
                    stop();
                    System.out.printf("[plinth] stopped (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
                }
            }, "plinth-server-shutdown"));
        }
    }

    private <T> T timed(String step, Supplier<T> action) {
        long t0 = System.nanoTime();
        T result = action.get();
        Timing timing = new Timing(step, Duration.ofNanos(System.nanoTime() - t0));
        timings.add(timing);
        System.out.println("[plinth] " + timing);
        return result;
    }

    private static URI uri(String s) {
        return URI.create(s);
    }
}
