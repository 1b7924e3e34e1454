package org.plinth.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.plinth.server.KeycloakServer;

/**
 * JUnit 5 extension: ONE real Keycloak per test JVM (the Maven Central distribution unpacked by
 * the build into target/keycloak) with the development realm, on
 * {@link PlinthTestServer#KEYCLOAK_PORT}. Stopped when JUnit closes the root store.
 *
 * <p>No Keycloak (not fetched: -DskipKeycloak, offline) or one that does not start: the tests
 * using it are skipped with the reason printed, unless {@code PLINTH_REQUIRE_TOOLS=true}, when
 * they fail.
 */
public final class KeycloakTestServer implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakTestServer.class);
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());

    private record Handle(KeycloakServer server, String unavailable) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    private static KeycloakServer shared(ExtensionContext context) {
        Handle handle = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Handle.class, k -> start(), Handle.class);
        if (handle.unavailable() != null) {
            RequiredTools.missing("Keycloak unavailable: " + handle.unavailable());
        }
        return handle.server();
    }

    private static Handle start() {
        String dir = System.getProperty("plinth.keycloak-home", "target/keycloak");
        Optional<Path> home = KeycloakServer.findHome(Path.of(dir));
        if (home.isEmpty()) {
            return new Handle(null, "no Keycloak distribution in " + dir + " (was it fetched? -DskipKeycloak leaves it out)");
        }
        Path work = Path.of(System.getProperty("plinth.it.work-dir", "target/it-server")).resolveSibling("it-keycloak");
        KeycloakServer server = new KeycloakServer(home.get(), realmFile(work), "plinth", work.resolve("keycloak.log"),
                ADMIN_USER, ADMIN_PASSWORD);
        try {
            server.start(PlinthTestServer.KEYCLOAK_PORT);
            System.out.printf("[plinth-it] Keycloak ready in %.1f s at %s (log %s)%n", server.startTime().toMillis() / 1000.0,
                    server.baseUrl(), server.logFile());
            return new Handle(server, null);
        } catch (RuntimeException e) {
            return new Handle(null, e.getMessage());
        }
    }

    /** The development realm from the server-config jar, as a file for Keycloak's import. */
    private static Path realmFile(Path work) {
        try (InputStream in = KeycloakTestServer.class.getResourceAsStream("/org/plinth/server/keycloak/plinth-realm.json")) {
            if (in == null) {
                throw new IllegalStateException("plinth-realm.json is not on the class path (server-config jar)");
            }
            Files.createDirectories(work);
            Path file = work.resolve("plinth-realm.json");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
