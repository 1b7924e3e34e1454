package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plinth.server.KeycloakServer;

/**
 * The web console in a real browser: src/test/e2e/console.e2e.mjs drives Debian's headless
 * chromium through playwright-core (from npm, installed into target/e2e from the committed
 * package-lock.json; Playwright's own browser download is neither needed nor reachable).
 * Playwright rather than Selenium: one npm package, no driver version to match, and waiting for
 * a selector is built in. Screenshots of each page land in target/screenshots.
 */
@ExtendWith({KeycloakTestServer.class, PlinthTestServer.class})
class ConsoleIT {

    private static final Path SOURCES = Path.of("src/test/e2e");
    private static final Path WORK = Path.of("target/e2e");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final PlinthTestServer server;

    ConsoleIT(PlinthTestServer server) {
        this.server = server;
    }

    @Test
    void theConsoleIsServedAtTheRootWithItsPublicConfig() {
        HttpResponse<String> page = Http.get(server.baseUrl() + "/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/console/app.js"), page.body());
        JsonObject config = (JsonObject) Http.json(Http.get(server.apiUrl() + "/console/config", null));
        assertTrue(config.getJsonObject("oidc").getBoolean("enabled"));
        assertEquals("plinth-console", config.getJsonObject("oidc").getString("clientId"));
        assertEquals(PlinthTestServer.OIDC_ISSUER + "/protocol/openid-connect/auth",
                config.getJsonObject("oidc").getString("authorizationEndpoint"));
        assertEquals(200, Http.get(server.baseUrl() + "/webjars/uplot/1.6.30/dist/uPlot.esm.js", null).statusCode());
    }

    @Test
    void aUserAndAnAdminWorkThroughTheConsoleInChromium(KeycloakServer keycloak) throws Exception {
        String chromium = System.getenv().getOrDefault("PLINTH_CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            RequiredTools.missing("ConsoleIT needs Debian's chromium at " + chromium + " (apt-get install chromium)");
        }
        if (!onPath("node") || !onPath("npm")) {
            RequiredTools.missing("ConsoleIT needs node and npm on the PATH");
        }
        allowConsoleOrigin(new KeycloakClient(keycloak), server.baseUrl());
        Files.createDirectories(WORK);
        if (Files.isDirectory(SCREENSHOTS)) { // a previous run's failure shots must not pass for this run's
            try (var old = Files.list(SCREENSHOTS)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        for (String name : List.of("package.json", "package-lock.json", "console.e2e.mjs")) {
            Files.copy(SOURCES.resolve(name), WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300, "npm-ci.log");
        }
        ProcessBuilder scenario = new ProcessBuilder("node", "console.e2e.mjs");
        scenario.environment().put("PLINTH_URL", server.baseUrl());
        scenario.environment().put("ALICE_KEY", server.aliceKey());
        scenario.environment().put("ADMIN_KEY", server.adminKey());
        scenario.environment().put("ALICE_PASSWORD", "alice-dev-password"); // the development realm's
        scenario.environment().put("KEYCLOAK_URL", keycloak.baseUrl());
        scenario.environment().put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        scenario.environment().put("CHROMIUM", chromium);
        int exit = run(scenario, 420, "console-e2e.log");
        String log = Files.readString(WORK.resolve("console-e2e.log"));
        System.out.println(log);
        assertEquals(0, exit, log);
        for (String shot : List.of("01-login", "02-apps", "03-submit-field-error", "04-job-succeeded", "05-jobs-live",
                "06-job-cancelled", "07-phone-jobs", "08-phone-job", "09-admin")) {
            assertTrue(Files.size(SCREENSHOTS.resolve(shot + ".png")) > 1000, shot);
        }
    }

    /**
     * The realm's console client lets the browser call its token endpoint (CORS) from the origins
     * it lists; the development realm lists the run command's (port 8080). A site does the same
     * for its console's origin (docs/identity.md).
     */
    private static void allowConsoleOrigin(KeycloakClient keycloak, String origin) {
        HttpResponse<String> found = keycloak.admin("GET", "/plinth/clients?clientId=plinth-console", null);
        assertEquals(200, found.statusCode(), found.body());
        JsonObject client = jakarta.json.Json.createReader(new java.io.StringReader(found.body())).readArray().getJsonObject(0);
        var origins = jakarta.json.Json.createArrayBuilder(client.getJsonArray("webOrigins")).add(origin);
        HttpResponse<String> put = keycloak.admin("PUT", "/plinth/clients/" + client.getString("id"),
                jakarta.json.Json.createObjectBuilder().add("webOrigins", origins).build().toString());
        assertEquals(204, put.statusCode(), put.body());
    }

    private static int run(List<String> command, int seconds, String log) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command), seconds, log);
    }

    private static int run(ProcessBuilder builder, int seconds, String log) throws IOException, InterruptedException {
        Path out = WORK.resolve(log);
        Process p = builder.directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(builder.command() + " ran longer than " + seconds + " s:\n" + Files.readString(out));
        }
        if (p.exitValue() != 0 && log.startsWith("npm")) {
            throw new AssertionError("npm ci failed:\n" + Files.readString(out));
        }
        return p.exitValue();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
