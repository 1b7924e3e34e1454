package org.plinth.systemtests;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.plinth.server.ApiKeyGenerator;
import org.plinth.server.PlinthServer;
import org.plinth.server.PlinthServerConfig;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * JUnit 5 extension: ONE Plinth server (real EAR, Payara 6, PostgreSQL) per test JVM, shared by
 * all test classes. Use {@code @ExtendWith(PlinthTestServer.class)} and take a
 * {@code PlinthTestServer} parameter (constructor, lifecycle or test method).
 *
 * <p>Port base 28000 (HTTP 28080, admin 28048) so it never meets the launcher's 8000 server.
 * Work dir {@code target/it-server}, wiped at start. Test users: admin ({@code plinth.api-key}),
 * alice and bob ({@code plinth.keys.<name>=<key>:user}), carol ({@code :guest}); the local
 * executor gets {@link #LOCAL_CORES} cores.
 *
 * <p>Stopped when JUnit closes the root store (end of the run, also after failures) and, as a
 * fallback, by PlinthServer's JVM shutdown hook. Tests of another engine (jqwik) use {@link #shared()}. A failed start is remembered: later classes
 * fail at once instead of waiting for another 3-minute timeout.
 */
public final class PlinthTestServer implements BeforeAllCallback, ParameterResolver {

    /** 28000 unless -Dplinth.it.port-base says otherwise (e.g. a second checkout testing at once). */
    public static final int PORT_BASE = Integer.parseInt(property("plinth.it.port-base", "28000"));
    /** Where OidcIT's Keycloak listens; the test server trusts its plinth realm. */
    public static final int KEYCLOAK_PORT = PORT_BASE + 180;
    public static final String OIDC_ISSUER = "http://localhost:" + KEYCLOAK_PORT + "/realms/plinth";
    /** The leeway on a token's expiry, short so OidcIT sees a token expire within seconds. */
    public static final int CLOCK_SKEW_SECONDS = 2;
    /** plinth.executors.local.cores of the test server: fixed, so tests don't depend on the machine. */
    public static final int LOCAL_CORES = 4;
    /** slurmrestd of the development cluster (server-config/slurm/start-dev-cluster.sh). */
    static final String SLURM_URL = property("plinth.it.slurm-url", "http://127.0.0.1:6820");
    /** plinth.audit.auth-failures.window-seconds of the test server. */
    public static final int AUTH_FAILURE_WINDOW_SECONDS = 5;
    /** plinth.limits.upload-bytes of the test server. */
    public static final long UPLOAD_LIMIT = 32L * 1024 * 1024;
    /** dave's key: a user with a quota of 3 files and 100000 bytes. */
    static final String DAVE_KEY = ApiKeyGenerator.generate();
    /** erin's key: a plain user only the reliability tests use. */
    static final String ERIN_KEY = ApiKeyGenerator.generate();

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlinthTestServer.class);

    private final PlinthServer server;
    private final String aliceKey;
    private final String bobKey;
    private final String guestKey;

    /** For JUnit (as extension instance); the real state lives in the shared {@link Handle}. */
    public PlinthTestServer() {
        this.server = null;
        this.aliceKey = null;
        this.bobKey = null;
        this.guestKey = null;
    }

    private PlinthTestServer(PlinthServer server, String aliceKey, String bobKey, String guestKey) {
        this.server = server;
        this.aliceKey = aliceKey;
        this.bobKey = bobKey;
        this.guestKey = guestKey;
    }

    /**
     * The started server (or why it failed). Closed by the {@link Closer} in Jupiter's root store
     * at the end of the run, also after failures (JUnit 5.13+ closes AutoCloseable store values).
     */
    private record Handle(PlinthTestServer instance, RuntimeException startFailure)
            implements AutoCloseable {
        @Override
        public void close() {
            if (instance != null) {
                instance.server.stop();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PlinthTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return shared(extensionContext);
    }

    private static PlinthTestServer shared(ExtensionContext context) {
        // the root store stops the server when Jupiter is done (also one a jqwik test started first)
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Closer.class, k -> new Closer(), Closer.class);
        return shared();
    }

    /** The server started by whichever engine came first (Jupiter or jqwik), until it is stopped. */
    private static Handle current;

    /**
     * The shared server for tests outside Jupiter (jqwik properties cannot use Jupiter
     * extensions). Started here if no test started it yet; stopped by Jupiter's root store if
     * Jupiter tests run in this JVM, else by PlinthServer's shutdown hook.
     */
    public static synchronized PlinthTestServer shared() {
        if (current == null) {
            current = startServer();
        }
        if (current.startFailure() != null) {
            throw new IllegalStateException("The Plinth test server did not start (see the first failure)",
                    current.startFailure());
        }
        return current.instance();
    }

    /** Closed with Jupiter's root store: stops the server; a later engine starts a fresh one. */
    private static final class Closer implements AutoCloseable {
        @Override
        public void close() {
            synchronized (PlinthTestServer.class) {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }
        }
    }

    private static Handle startServer() {
        String aliceKey = ApiKeyGenerator.generate();
        String bobKey = ApiKeyGenerator.generate();
        String guestKey = ApiKeyGenerator.generate();
        PlinthServer server = new PlinthServer(PlinthServerConfig.builder()
                .portBase(PORT_BASE)
                .workDir(Path.of(property("plinth.it.work-dir", "target/it-server")))
                .payaraHome(Path.of(property("plinth.payara-home", "target/payara/payara6")))
                .ear(Path.of(property("plinth.ear", "../ear/target/plinth.ear")))
                .wipeWorkDir(true)
                .configCacheSeconds(0) // FilesIT changes the disk floor at run time
                .appProperty("plinth.keys.alice", aliceKey + ":user")
                .appProperty("plinth.keys.bob", bobKey + ":user")
                .appProperty("plinth.keys.carol", guestKey + ":guest")
                // dave has a small quota, for the quota tests
                .appProperty("plinth.keys.dave", DAVE_KEY + ":user")
                .appProperty("plinth.quota.user.dave.files", "3")
                .appProperty("plinth.quota.user.dave.bytes", "100000")
                .appProperty("plinth.keys.erin", ERIN_KEY + ":user")
                .appProperty("plinth.limits.upload-bytes", Long.toString(UPLOAD_LIMIT))
                .appProperty("plinth.executors.local.cores", Integer.toString(LOCAL_CORES))
                // the script app is admin-only by default; the tests run it as alice and bob
                .appProperty("plinth.apps.script.roles", "admin,user")
                .appProperty("plinth.retention.delete-after-days", "365")
                // ASTRA's binaries: AstraDouble's test double, written before the server starts, unless
                // ASTRA_BINARY_PATH names the real ones
                .appProperty("plinth.apps.astra.binary-path", AstraDouble.binaryPath())
                // JobEventsIT's callback receiver listens on localhost; retries quickly
                .appProperty("plinth.callbacks.allow-private-addresses", "true")
                .appProperty("plinth.callbacks.retry-base-seconds", "0.5")
                // the development SLURM cluster of server-config/slurm (SlurmIT skips without it)
                // on only when a cluster answers: its readiness check would keep the server DOWN
                .appProperty("plinth.executors.slurm.enabled", Boolean.toString(slurmReachable()))
                .appProperty("plinth.executors.slurm.token-lifetime-seconds", "30") // renewed during SlurmIT
                .appProperty("plinth.executors.slurm.url", SLURM_URL)
                .appProperty("plinth.executors.slurm.service-user", "plinth")
                .appProperty("plinth.executors.slurm.poll-seconds", "0.5")
                // a short window, so IdentityAuditIT can start a fresh one and see a burst become one event
                .appProperty("plinth.audit.auth-failures.window-seconds", Integer.toString(AUTH_FAILURE_WINDOW_SECONDS))
                // OIDC tokens from the realm OidcIT starts (KeycloakTestServer); the other tests
                // use API keys, so they also prove keys keep working with OIDC switched on
                .appProperty("mp.jwt.verify.issuer", OIDC_ISSUER)
                .appProperty("mp.jwt.verify.publickey.location", OIDC_ISSUER + "/protocol/openid-connect/certs")
                .appProperty("mp.jwt.verify.audiences", "plinth-api")
                .appProperty("mp.jwt.verify.clock.skew", Integer.toString(CLOCK_SKEW_SECONDS))
                .build());
        try {
            long t0 = System.nanoTime();
            server.start(); // stops what it started if it fails
            System.out.printf("[plinth-it] server ready in %.1f s at %s%n", (System.nanoTime() - t0) / 1e9,
                    server.baseUrl());
            return new Handle(new PlinthTestServer(server, aliceKey, bobKey, guestKey), null);
        } catch (RuntimeException e) {
            return new Handle(null, e);
        }
    }

    /** Whether slurmrestd accepts a connection (a TCP connect: its unauthenticated answer is not one Java's HTTP client parses). */
    static boolean slurmReachable() {
        java.net.URI url = java.net.URI.create(SLURM_URL);
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(url.getHost(), url.getPort()), 3000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String property(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    public String daveKey() {
        return DAVE_KEY;
    }

    /** e.g. http://localhost:28080 */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** e.g. http://localhost:28080/api/v1 */
    public String apiUrl() {
        return server.baseUrl() + "/api/v1";
    }

    public String adminKey() {
        return server.apiKey();
    }

    public String aliceKey() {
        return aliceKey;
    }

    public String bobKey() {
        return bobKey;
    }

    /** carol, role "guest" (no "user" role): may read, may not submit. */
    public String guestKey() {
        return guestKey;
    }

    /** Stop PostgreSQL while Payara keeps running: a database outage. */
    public void stopDatabase() {
        server.stopDatabase();
    }

    /** Start PostgreSQL again, on the same port and data directory, after {@link #stopDatabase()}. */
    public void startDatabase() {
        server.startDatabase();
    }

    /** erin: a user of her own for the reliability tests, so that listing "all her jobs" means theirs. */
    public String erinKey() {
        return ERIN_KEY;
    }

    /** SIGKILL the Payara JVM (PostgreSQL keeps running): a crash. */
    public void kill() {
        server.kill();
    }

    /** Start the killed domain again and wait until /health/ready is UP. */
    public void restartAfterKill() {
        server.restartAfterKill();
    }

    public OptionalLong payaraPid() {
        return server.payaraPid();
    }

    /**
     * The server's threads that are doing something of ours or serving HTTP (jcmd Thread.print,
     * filtered), for a test that met a server that stopped answering: CI keeps only the test's
     * output, so this is what tells the next reader where the server was stuck.
     */
    public String threadDump() {
        long pid = payaraPid().orElse(-1);
        if (pid < 0) {
            return "(no server process)";
        }
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String all = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            StringBuilder kept = new StringBuilder();
            for (String thread : all.split("\n\n")) {
                if (thread.contains("org.plinth") || thread.contains("http-thread-pool") || thread.contains("deadlock")) {
                    kept.append(thread).append("\n\n");
                }
            }
            return kept.toString();
        } catch (java.io.IOException e) {
            return "(jcmd failed: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** The underlying server, for anything else (database coordinates, timings, domain). */
    public PlinthServer server() {
        return server;
    }
}
