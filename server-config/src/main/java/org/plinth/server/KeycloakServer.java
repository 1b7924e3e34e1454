package org.plinth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Keycloak from an unpacked {@code org.keycloak:keycloak-quarkus-dist} in dev mode, with one
 * realm imported: for the system tests (one per test run) and for anyone who wants one from Java.
 *
 * <p>Runs {@code bin/kc.sh start-dev} as a child process with its output in a log file. Dev mode
 * uses an in-memory database here ({@code --db=dev-mem}): every start imports the realm afresh,
 * so a test that adds keys or clients leaves nothing behind (the cost: ~30 s per start instead of
 * ~11 s with a kept database). Ready when the realm's OpenID configuration answers.
 */
public final class KeycloakServer {

    /** Seen: 30 s on an idle 2-core machine, 136 s of Quarkus start-up (over 240 s in all) at load 20. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(600);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path home;
    private final Path realmFile;
    private final String realm;
    private final Path logFile;
    private final String adminUser;
    private final String adminPassword;
    private volatile Process process;
    private volatile int port;
    private volatile Duration startTime;

    /**
     * @param home      an unpacked Keycloak (contains bin/kc.sh)
     * @param realmFile the realm export to import (its realm name is {@code realm})
     * @param logFile   where Keycloak's console output goes
     */
    public KeycloakServer(Path home, Path realmFile, String realm, Path logFile, String adminUser, String adminPassword) {
        this.home = home.toAbsolutePath().normalize();
        this.realmFile = realmFile;
        this.realm = realm;
        this.logFile = logFile.toAbsolutePath();
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** The keycloak-* folder inside {@code dir} (where maven-dependency-plugin unpacked the zip), if any. */
    public static Optional<Path> findHome(Path dir) {
        if (Files.isExecutable(dir.resolve("bin/kc.sh"))) {
            return Optional.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().startsWith("keycloak-"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/kc.sh"))).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Starts Keycloak on 127.0.0.1:{@code port} and waits until the realm answers; stops it again on failure. */
    public synchronized void start(int port) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running on port " + this.port);
        }
        this.port = port;
        long t0 = System.nanoTime();
        try {
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            try (Stream<Path> old = Files.list(importDir)) {
                for (Path p : old.toList()) {
                    Files.delete(p); // --import-realm reads every *.json here
                }
            }
            Files.copy(realmFile, importDir.resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(logFile.getParent());
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port,
                    "--http-host=127.0.0.1",
                    // pins the issuer: in dev mode it otherwise follows the Host of each request
                    "--hostname=" + baseUrl(),
                    "--db=dev-mem",
                    "--import-realm"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Map<String, String> env = builder.environment();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            // kc.sh uses JAVA_HOME's java when set; otherwise the java on the PATH. Prefer the JVM
            // running us (JDK 17 is enough for Keycloak 26.5).
            env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
            process = builder.start();
            awaitReady();
            startTime = Duration.ofNanos(System.nanoTime() - t0);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Keycloak did not start (log: " + logFile + ")", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI url = URI.create(issuer() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue()
                        + " before it was ready (log: " + logFile + ")");
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT.toSeconds()
                + " s (log: " + logFile + ")");
    }

    /** SIGTERM to kc.sh (it passes it on to its java child), SIGKILL to both after a timeout. Idempotent. */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        if (!Processes.awaitExit(p.toHandle(), STOP_TIMEOUT)) {
            p.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive() && !Processes.awaitExit(child, Duration.ofSeconds(5))) {
                child.destroyForcibly();
            }
        }
        process = null;
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** e.g. http://localhost:38180 */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The {@code iss} of this realm's tokens, e.g. http://localhost:38180/realms/plinth */
    public String issuer() {
        return baseUrl() + "/realms/" + realm;
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** How long the last start took until the realm answered. */
    public Duration startTime() {
        return startTime;
    }

    public Path logFile() {
        return logFile;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
