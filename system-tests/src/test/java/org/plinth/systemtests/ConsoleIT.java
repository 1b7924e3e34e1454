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
        // jobs whose pages have plots of their own, started now so they run while the browser works
        Api alice = new Api(server, server.aliceKey());
        List<String> shots = new java.util.ArrayList<>(List.of("01-login", "01-login-phone", "02-keycloak", "03-apps",
                "03-apps-phone", "04-submit-field-error", "04-submit-phone", "05-job-succeeded", "05-job-succeeded-phone",
                "06-jobs-live", "06-jobs-phone", "07-job-cancelled", "08-files", "08-files-phone", "09-astra", "09-astra-phone",
                "12-admin", "12-admin-phone"));
        String astra = astraRun(alice);
        String sources = "";
        if (available(alice, "source-finder")) {
            sources = sourceFinderRun(alice);
            shots.addAll(List.of("10-source-finder", "10-source-finder-phone"));
        }
        String fel = "";
        if (available(alice, "hyphy-fel")) {
            fel = felRun(alice);
            shots.addAll(List.of("11-hyphy-fel", "11-hyphy-fel-phone"));
        }

        ProcessBuilder scenario = new ProcessBuilder("node", "console.e2e.mjs");
        scenario.environment().put("ASTRA_JOB", astra);
        scenario.environment().put("SOURCES_JOB", sources);
        scenario.environment().put("FEL_JOB", fel);
        scenario.environment().put("PLINTH_URL", server.baseUrl());
        scenario.environment().put("ALICE_KEY", server.aliceKey());
        scenario.environment().put("ADMIN_KEY", server.adminKey());
        scenario.environment().put("ALICE_PASSWORD", "alice-dev-password"); // the development realm's
        scenario.environment().put("KEYCLOAK_URL", keycloak.baseUrl());
        scenario.environment().put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        scenario.environment().put("CHROMIUM", chromium);
        int exit = run(scenario, 1500, "console-e2e.log");
        String log = Files.readString(WORK.resolve("console-e2e.log"));
        System.out.println(log);
        assertEquals(0, exit, log);
        for (String shot : shots) {
            Path file = SCREENSHOTS.resolve(shot + ".png");
            assertTrue(Files.isRegularFile(file) && Files.size(file) > 1000, shot + " was not saved");
        }
    }

    /** The native generator's bunch, tracked by astra (the test double unless ASTRA_BINARY_PATH names ASTRA). */
    private static String astraRun(Api alice) {
        String generator = alice.submit("""
                {"app": "generator", "name": "console bunch", "inputs": {"IPart": 3000, "seed": 11, "referenceEnergy": 5}}""")
                .getString("id");
        assertEquals("SUCCEEDED", alice.awaitEnd(generator).getString("state"));
        return alice.submit("""
                {"app": "astra", "name": "console tracking", "inputs": {"particles": "job:%s/generator.ini", "zStop": 3.2}}"""
                .formatted(generator)).getString("id");
    }

    /** SourceFinderIT's image of 20 point sources with a WCS. */
    private static String sourceFinderRun(Api alice) {
        String image = alice.upload("console-field.fits", SourceFinderIT.image(SourceFinderIT.sources(7), 7, true)).getString("id");
        return alice.submit("{\"app\": \"source-finder\", \"name\": \"console sources\", \"inputs\": {\"image\": \"" + image + "\"}}")
                .getString("id");
    }

    /** FEL on HyPhy's Drosophila adh example, as HyphyIT runs it. */
    private static String felRun(Api alice) throws IOException {
        HyphyIT.Alignment adh = HyphyIT.Alignment.fromNexus(Files.readString(HyphyIT.ADH));
        String alignment = alice.upload("console-adh.fas", adh.fasta().getBytes(java.nio.charset.StandardCharsets.UTF_8)).getString("id");
        String tree = alice.upload("console-adh.nwk", adh.newick().getBytes(java.nio.charset.StandardCharsets.UTF_8)).getString("id");
        return alice.submit(("{\"app\": \"hyphy-fel\", \"name\": \"console FEL\", \"inputs\": {\"alignment\": \"%s\", "
                + "\"tree\": \"%s\", \"pvalue\": 0.1}}").formatted(alignment, tree)).getString("id");
    }

    /** Whether the app's tool is installed here; its plots are then part of the scenario (on CI they must be). */
    private static boolean available(Api alice, String app) {
        JsonObject described = Api.json(alice.get("/apps/" + app));
        if (described.getJsonObject("availability").getBoolean("available")) {
            return true;
        }
        String reason = app + " is unavailable, so ConsoleIT leaves out its plots: "
                + described.getJsonObject("availability").getString("reason", "");
        if ("true".equalsIgnoreCase(System.getenv("PLINTH_REQUIRE_TOOLS"))) {
            throw new IllegalStateException(reason + " (PLINTH_REQUIRE_TOOLS=true)");
        }
        System.out.println("[plinth-it] " + reason);
        return false;
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
