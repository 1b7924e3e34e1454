package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plinth.server.KeycloakServer;

/**
 * Issue 4's "what never happens", proved for EVERY endpoint: one table ({@link #TABLE}) says per
 * endpoint its method, path, how its ids are filled, whether it writes and whether it is for
 * admins; {@link #expected} turns that into the status for every credential case ({@link Case}):
 * bad or no credentials 401 with a challenge, another user's job, file or key 404, a share's
 * grantee reads but cannot steer (403), non-admins on admin endpoints 403, a read-only key's
 * writes 403. The table is checked against the server's OpenAPI document, so an endpoint added
 * later without a row fails here. Afterwards the server log (with the security logger at FINE)
 * must hold none of the tokens and keys used.
 *
 * <p>Real tokens from the test Keycloak for alice and bob (users) and admin1 (admin); the tokens
 * that must be refused are real too where Keycloak can make them: expired (a 3 s client), for
 * another audience (a client without the audience mapper), from another realm (its own keys),
 * and from another issuer signed with the right key (the realm's frontend URL changed for one
 * token). The rest are alice's or admin1's genuine tokens altered: tampered claims, re-signed
 * with a key of our own, {@code alg: none}.
 */
@ExtendWith({KeycloakTestServer.class, PlinthTestServer.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessMatrixIT {

    // ---------------------------------------------------------------------------------------
    // The table
    // ---------------------------------------------------------------------------------------

    /** How a row's path ids are filled; "fresh" fills make a new resource for every cell, as the cell may use it up. */
    enum Fill {
        NONE, APP,
        /** alice's finished job with out.txt (shared with bob for the grantee case) */
        DONE_JOB,
        /** the finished job, {user} a name nobody was granted yet */
        DONE_JOB_NEW_GRANTEE,
        /** the finished job, {user} a name granted just before */
        DONE_JOB_GRANTED,
        /** fresh: alice's job created with ?start=false (shared with bob for the grantee case) */
        NEW_JOB,
        /** fresh: such a job, cancelled */
        CANCELLED_JOB,
        /** alice's uploaded file */
        FILE,
        /** fresh: a file alice uploads for the cell */
        FRESH_FILE,
        /** fresh: a personal key alice makes for the cell */
        FRESH_KEY,
        /** fresh: {user} a name admin1 gave a quota just before */
        USER_WITH_QUOTA,
        /** {token}: a download link alice asked for, for out.txt of her finished job */
        DOWNLOAD_LINK;

        boolean job() {
            return name().contains("JOB");
        }

        /** Whether the ids name alice's job, file or key (so that bob gets 404). */
        boolean alices() {
            return this != NONE && this != APP;
        }
    }

    /**
     * One endpoint. {@code ok} is what alice (or admin1, for admin rows) gets on the happy path;
     * {@code granteeMay}: a user the job is shared with gets {@code ok} too (else 403).
     */
    record Endpoint(String method, String path, String query, Fill fill, boolean writes, boolean adminOnly,
                    boolean granteeMay, int ok, String contentType, String body, Access access) {

        Endpoint(String method, String path, String query, Fill fill, boolean writes, boolean adminOnly,
                 boolean granteeMay, int ok, String contentType, String body) {
            this(method, path, query, fill, writes, adminOnly, granteeMay, ok, contentType, body, Access.CHECKED);
        }

        String key() {
            return method + " " + path;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private static Endpoint read(String path, Fill fill, boolean granteeMay) {
        return new Endpoint("GET", path, "", fill, false, false, granteeMay, 200, null, null);
    }

    private static Endpoint write(String method, String path, Fill fill, int ok) {
        return new Endpoint(method, path, "", fill, true, false, false, ok, null, null);
    }

    private static Endpoint write(String method, String path, String query, Fill fill, int ok, String contentType, String body) {
        return new Endpoint(method, path, query, fill, true, false, false, ok, contentType, body);
    }

    private static Endpoint admin(String method, String path, int ok, String contentType, String body) {
        return new Endpoint(method, path, "", Fill.NONE, !method.equals("GET"), true, false, ok, contentType, body);
    }

    /** CHECKED: the usual rules; PUBLIC: answers anyone, whatever credential (the console's settings); STREAM: an SSE stream, only its status is read. */
    enum Access { CHECKED, PUBLIC, STREAM }

    private static Endpoint stream(String path, String query) {
        return new Endpoint("GET", path, query, Fill.NONE, false, false, true, 200, null, null, Access.STREAM);
    }

    private static final String JSON = "application/json";
    private static final String BYTES = "application/octet-stream";
    private static final String SCRIPT = "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}}";

    /** EVERY endpoint of /api/v1. {@link #theTableHasEveryEndpointOfTheOpenApiDocument} keeps it complete. */
    private static List<Endpoint> table(boolean slurmEnabled) {
        return List.of(
                write("POST", "/jobs", "?start=false", Fill.NONE, 201, JSON, SCRIPT),
                read("/jobs", Fill.NONE, true),
                read("/jobs/{id}", Fill.DONE_JOB, true),
                write("DELETE", "/jobs/{id}", Fill.NEW_JOB, 204),
                write("POST", "/jobs/{id}/start", Fill.NEW_JOB, 200),
                write("POST", "/jobs/{id}/cancel", Fill.NEW_JOB, 200),
                write("POST", "/jobs/{id}/restart", Fill.CANCELLED_JOB, 200),
                write("POST", "/jobs/{id}/rerun", Fill.DONE_JOB, 201),
                write("PUT", "/jobs/{id}/files/{name}", "", Fill.NEW_JOB, 201, BYTES, "uploaded\n"),
                read("/jobs/{id}/logs", Fill.DONE_JOB, true),
                read("/jobs/{id}/outputs", Fill.DONE_JOB, true),
                read("/jobs/{id}/outputs/{path}", Fill.DONE_JOB, true),
                read("/jobs/{id}/archive", Fill.DONE_JOB, true),
                read("/jobs/{id}/result", Fill.DONE_JOB, true),
                read("/jobs/{id}/shares", Fill.DONE_JOB, false),
                write("PUT", "/jobs/{id}/shares/{user}", Fill.DONE_JOB_NEW_GRANTEE, 201),
                write("DELETE", "/jobs/{id}/shares/{user}", Fill.DONE_JOB_GRANTED, 204),
                write("POST", "/files", "?name=matrix.txt", Fill.NONE, 201, BYTES, "uploaded\n"),
                read("/files", Fill.NONE, true),
                read("/files/{id}", Fill.FILE, true),
                read("/files/{id}/content", Fill.FILE, true),
                write("DELETE", "/files/{id}", Fill.FRESH_FILE, 204),
                write("POST", "/keys", "", Fill.NONE, 201, JSON, "{\"name\": \"made in the matrix\", \"expiresInDays\": 1}"),
                read("/keys", Fill.NONE, true),
                write("DELETE", "/keys/{id}", Fill.FRESH_KEY, 204),
                read("/apps", Fill.NONE, true),
                read("/apps/{id}", Fill.APP, true),
                read("/me", Fill.NONE, true),
                read("/me/usage", Fill.NONE, true),
                new Endpoint("GET", "/jobs/table", "?app=script", Fill.NONE, false, false, true, 200, null, null),
                stream("/jobs/events", ""),
                read("/jobs/{id}/deliveries", Fill.DONE_JOB, false),
                read("/jobs/{id}/steps", Fill.DONE_JOB, true),
                new Endpoint("GET", "/jobs/{id}/download-link", "?path=out.txt", Fill.DONE_JOB, false, false, true, 200, null, null),
                // the link is the credential: whatever else a request carries, it is served
                new Endpoint("GET", "/downloads/{token}", "", Fill.DOWNLOAD_LINK, false, false, true, 200, null, null, Access.PUBLIC),
                read("/me/callback-secret", Fill.NONE, true),
                write("POST", "/me/callback-secret", "", Fill.NONE, 200, null, null),
                new Endpoint("GET", "/console/config", "", Fill.NONE, false, false, true, 200, null, null, Access.PUBLIC),
                admin("POST", "/admin/retention/run", 200, null, null),
                admin("GET", "/admin/executors", 200, null, null),
                // an empty token: 400 when SLURM is on (never replaces the real one), else 409
                admin("PUT", "/admin/slurm/token", slurmEnabled ? 400 : 409, JSON, "{\"token\": \"\"}"),
                admin("GET", "/admin/audit", 200, null, null),
                admin("GET", "/admin/apps", 200, null, null),
                // switching script on (it is on): the cell changes nothing the other cells rely on
                new Endpoint("PUT", "/admin/apps/{id}", "", Fill.APP, true, true, false, 200, JSON, "{\"enabled\": true}"),
                admin("GET", "/admin/quotas", 200, null, null),
                admin("PUT", "/admin/quotas/{user}", 200, JSON, "{\"files\": 5, \"bytes\": 1000}"),
                new Endpoint("DELETE", "/admin/quotas/{user}", "", Fill.USER_WITH_QUOTA, true, true, false, 204, null, null));
    }

    /** Who calls. The first nine must be refused whatever the endpoint. */
    enum Case {
        NO_CREDENTIALS(null),
        EXPIRED_TOKEN("the token has expired"),
        OTHER_REALM_TOKEN("invalid token"),
        OTHER_ISSUER_TOKEN("invalid token"),
        WRONG_AUDIENCE_TOKEN("invalid token"),
        TAMPERED_TOKEN("invalid token"),
        FOREIGN_SIGNATURE_TOKEN("invalid token"),
        ALG_NONE_TOKEN("invalid token"),
        UNKNOWN_API_KEY("invalid token"),
        /** alice's token: the owner; a non-admin on admin rows */
        ALICE,
        /** bob's token on alice's things */
        BOB,
        /** bob's token on alice's job shared with him */
        BOB_GRANTEE,
        ALICE_READ_ONLY_KEY,
        ADMIN1;

        /** For refused cases: the 401's error_description (null: no credentials, so no error). */
        final String description;

        Case(String description) {
            this.description = description;
        }

        Case() {
            this.description = null;
        }

        boolean refused() {
            return ordinal() <= UNKNOWN_API_KEY.ordinal();
        }
    }

    /** The rules of docs/identity.md, one place. */
    static int expected(Endpoint e, Case c) {
        if (e.access() == Access.PUBLIC) {
            return e.ok(); // read before anyone signs in: a credential is not even looked at
        }
        if (c.refused()) {
            return 401;
        }
        if (e.adminOnly()) {
            return c == Case.ADMIN1 ? e.ok() : 403;
        }
        return switch (c) {
            case ALICE, ADMIN1 -> e.ok();
            case ALICE_READ_ONLY_KEY -> e.writes() ? 403 : e.ok();
            case BOB -> e.fill().alices() ? 404 : e.ok();
            case BOB_GRANTEE -> !e.fill().alices() ? e.ok()
                    : !e.fill().job() ? 404 // files and keys are not shared along with a job
                    : e.granteeMay() ? e.ok() : 403;
            default -> throw new IllegalStateException(c.name());
        };
    }

    // ---------------------------------------------------------------------------------------
    // Credentials and fixtures
    // ---------------------------------------------------------------------------------------

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String OTHER_REALM = "matrix-other";
    /** Every token and key the test used: none may appear in the server log. */
    private static final Set<String> SECRETS = new LinkedHashSet<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private static PlinthTestServer server;
    private static KeycloakClient keycloak;
    private static final Map<Case, String[]> CREDENTIALS = new EnumMap<>(Case.class);
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final Map<String, Long> FETCHED = new LinkedHashMap<>();
    private static String doneJob;
    private static String sharedDoneJob;
    private static String file;
    private static boolean slurmEnabled;
    private static int cells;
    private static int grantees;

    @BeforeAll
    static void credentials(KeycloakServer kc, PlinthTestServer plinth) throws Exception {
        server = plinth;
        keycloak = new KeycloakClient(kc);
        // the security logger at FINE, so the log check below also covers the refusal reasons
        server.server().domain().asadmin("set-log-levels", "org.plinth.web.security=FINE");

        String mappers = """
                [{"name":"groups","protocol":"openid-connect","protocolMapper":"oidc-usermodel-realm-role-mapper",
                  "config":{"claim.name":"groups","multivalued":"true","jsonType.label":"String","access.token.claim":"true"}},
                 {"name":"upn","protocol":"openid-connect","protocolMapper":"oidc-usermodel-attribute-mapper",
                  "config":{"user.attribute":"username","claim.name":"upn","jsonType.label":"String","access.token.claim":"true"}}%s]""";
        String audience = """
                ,{"name":"aud","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
                  "config":{"included.client.audience":"plinth-api","access.token.claim":"true"}}""";
        String clients = """
                {"ifResourceExists":"SKIP","clients":[
                 {"clientId":"matrix-no-audience","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false,
                  "protocolMappers":%s},
                 {"clientId":"matrix-short-lived","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false,
                  "attributes":{"access.token.lifespan":"3"},"protocolMappers":%s}]}"""
                .formatted(mappers.formatted(""), mappers.formatted(audience));
        HttpResponse<String> r = keycloak.admin("POST", "/plinth/partialImport", clients);
        assertEquals(200, r.statusCode(), r.body());
        // first, so that it has long expired when the matrix runs
        String expired = secret(keycloak.password("matrix-short-lived", "admin1", "admin1-dev-password"));
        long expiredAt = System.nanoTime() + Duration.ofSeconds(3 + PlinthTestServer.CLOCK_SKEW_SECONDS + 2).toNanos();

        String admin1 = token("admin1");
        String alice = token("alice");
        CREDENTIALS.put(Case.EXPIRED_TOKEN, bearer(expired));
        CREDENTIALS.put(Case.OTHER_REALM_TOKEN, bearer(otherRealmToken()));
        CREDENTIALS.put(Case.OTHER_ISSUER_TOKEN, bearer(otherIssuerToken(kc)));
        CREDENTIALS.put(Case.WRONG_AUDIENCE_TOKEN,
                bearer(secret(keycloak.password("matrix-no-audience", "admin1", "admin1-dev-password"))));
        String[] a = alice.split("\\.");
        String claims = json(a[1]).replace("\"alice\"", "\"admin1\"").replace("\"user\"", "\"user\",\"admin\"");
        assertNotEquals(json(a[1]), claims, "the tampering changes the claims");
        CREDENTIALS.put(Case.TAMPERED_TOKEN, bearer(secret(a[0] + "." + b64(claims) + "." + a[2])));
        String[] m = admin1.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate());
        rs256.update((m[0] + "." + m[1]).getBytes(StandardCharsets.US_ASCII));
        CREDENTIALS.put(Case.FOREIGN_SIGNATURE_TOKEN, bearer(secret(m[0] + "." + m[1] + "." + B64.encodeToString(rs256.sign()))));
        CREDENTIALS.put(Case.ALG_NONE_TOKEN, bearer(secret(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + m[1] + ".")));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        CREDENTIALS.put(Case.UNKNOWN_API_KEY, bearer(secret("plk_" + B64.encodeToString(random))));

        JsonObject readOnly = created(call(bearer(alice), "POST", "/keys", JSON,
                "{\"name\": \"matrix read-only\", \"readOnly\": true, \"expiresInDays\": 1}"));
        CREDENTIALS.put(Case.ALICE_READ_ONLY_KEY, new String[] {"X-API-Key", secret(readOnly.getString("key"))});

        HttpResponse<String> executors = call(bearer(admin1), "GET", "/admin/executors", null, null);
        assertEquals(200, executors.statusCode(), executors.body());
        slurmEnabled = Api.json(executors).getJsonObject("slurm").getBoolean("enabled");

        doneJob = finishedJob();
        sharedDoneJob = finishedJob();
        shareWithBob(sharedDoneJob);
        file = upload();

        long wait = expiredAt - System.nanoTime();
        if (wait > 0) {
            Api.sleep(wait / 1_000_000 + 1);
        }
    }

    @AfterAll
    static void quietAgain() {
        if (server != null) {
            server.server().domain().asadmin("set-log-levels", "org.plinth.web.security=INFO");
        }
    }

    /** A real token from the plinth realm; fetched again after 4 minutes (they live 10) so a slow run does not see it expire. */
    private static synchronized String token(String user) {
        Long at = FETCHED.get(user);
        if (at == null || System.nanoTime() - at > Duration.ofMinutes(4).toNanos()) {
            TOKENS.put(user, secret(keycloak.password("plinth-cli", user, user + "-dev-password")));
            FETCHED.put(user, System.nanoTime());
        }
        return TOKENS.get(user);
    }

    /** admin1's token from a realm Plinth does not trust: its own keys and issuer, the same user names and audience. */
    private static String otherRealmToken() throws IOException {
        if (keycloak.admin("GET", "/" + OTHER_REALM, null).statusCode() != 200) {
            String realm;
            try (var in = AccessMatrixIT.class.getResourceAsStream("/org/plinth/server/keycloak/plinth-realm.json")) {
                realm = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            JsonObject copy = Json.createObjectBuilder(Json.createReader(new StringReader(realm)).readObject())
                    .add("realm", OTHER_REALM).add("displayName", "not Plinth's").build();
            HttpResponse<String> r = keycloak.admin("POST", "", copy.toString());
            assertEquals(201, r.statusCode(), r.body());
        }
        String token = secret(keycloak.password(OTHER_REALM, "plinth-cli", "admin1", "admin1-dev-password"));
        assertTrue(json(token.split("\\.")[1]).contains("/realms/" + OTHER_REALM + "\""), "issued by the other realm");
        return token;
    }

    /**
     * admin1's token signed by the plinth realm's own key but naming another issuer: the realm's
     * frontend URL is changed for the one token (127.0.0.1 instead of localhost) and put back.
     * So the issuer check itself is what refuses it, not the key lookup.
     */
    private static String otherIssuerToken(KeycloakServer kc) {
        String other = kc.baseUrl().replace("localhost", "127.0.0.1");
        assertNotEquals(kc.baseUrl(), other);
        setFrontendUrl(other);
        try {
            String token = secret(keycloak.password("plinth-cli", "admin1", "admin1-dev-password"));
            assertTrue(json(token.split("\\.")[1]).contains("\"iss\":\"" + other + "/realms/plinth\""),
                    "Keycloak did not take the frontend URL: " + json(token.split("\\.")[1]));
            return token;
        } finally {
            setFrontendUrl("");
            String again = keycloak.password("plinth-cli", "admin1", "admin1-dev-password");
            assertTrue(json(again.split("\\.")[1]).contains("\"iss\":\"" + kc.baseUrl() + "/realms/plinth\""),
                    "the realm's issuer is back: " + json(again.split("\\.")[1]));
            secret(again);
        }
    }

    private static void setFrontendUrl(String url) {
        HttpResponse<String> r = keycloak.admin("PUT", "/plinth", "{\"attributes\": {\"frontendUrl\": \"" + url + "\"}}");
        assertEquals(204, r.statusCode(), r.body());
    }

    private static String finishedJob() {
        JsonObject job = created(call(bearer(token("alice")), "POST", "/jobs", JSON,
                "{\"app\": \"script\", \"inputs\": {\"script\": \"echo matrix > out.txt\"}}"));
        String id = job.getString("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            String state = Api.json(call(bearer(token("alice")), "GET", "/jobs/" + id, null, null)).getString("state");
            if (state.equals("SUCCEEDED")) {
                return id;
            }
            if (Api.TERMINAL.contains(state) || System.nanoTime() > deadline) {
                fail("the fixture job " + id + " is " + state);
            }
            Api.sleep(200);
        }
    }

    private static String newJob(boolean sharedWithBob) {
        String id = created(call(bearer(token("alice")), "POST", "/jobs", "?start=false", JSON, SCRIPT)).getString("id");
        if (sharedWithBob) {
            shareWithBob(id);
        }
        return id;
    }

    private static void shareWithBob(String job) {
        grant(job, "bob");
    }

    private static void grant(String job, String user) {
        HttpResponse<String> r = call(bearer(token("alice")), "PUT", "/jobs/" + job + "/shares/" + user, null, null);
        assertEquals(201, r.statusCode(), r.body());
    }

    private static String upload() {
        return created(call(bearer(token("alice")), "POST", "/files", "?name=matrix-fixture.txt", BYTES, "fixture\n")).getString("id");
    }

    /** The path of a cell, its ids filled; makes what a fresh fill needs. */
    private static String fill(Endpoint e, Case c) {
        boolean grantee = c == Case.BOB_GRANTEE;
        String done = grantee ? sharedDoneJob : doneJob;
        String id = switch (e.fill()) {
            case NONE -> null;
            case APP -> "script";
            case DONE_JOB, DONE_JOB_NEW_GRANTEE, DONE_JOB_GRANTED -> done;
            case NEW_JOB -> newJob(grantee);
            case CANCELLED_JOB -> {
                String job = newJob(grantee);
                assertEquals(200, call(bearer(token("alice")), "POST", "/jobs/" + job + "/cancel", null, null).statusCode());
                yield job;
            }
            case FILE -> file;
            case FRESH_FILE -> upload();
            case USER_WITH_QUOTA -> null;
            case DOWNLOAD_LINK -> {
                HttpResponse<String> r = call(bearer(token("alice")), "GET", "/jobs/" + doneJob + "/download-link?path=out.txt", null, null);
                assertEquals(200, r.statusCode(), r.body());
                String href = Api.json(r).getString("href");
                yield href.substring(href.lastIndexOf('/') + 1);
            }
            case FRESH_KEY -> {
                JsonObject key = created(call(bearer(token("alice")), "POST", "/keys", JSON,
                        "{\"name\": \"matrix victim\", \"expiresInDays\": 1}"));
                secret(key.getString("key"));
                yield key.getString("id");
            }
        };
        String user = "matrix-" + Long.toHexString(System.nanoTime());
        if (e.fill() == Fill.DONE_JOB_GRANTED) {
            grant(done, user);
        }
        if (e.fill() == Fill.USER_WITH_QUOTA) {
            HttpResponse<String> r = call(bearer(token("admin1")), "PUT", "/admin/quotas/" + user, JSON,
                    "{\"files\": 5, \"bytes\": 1000}");
            assertEquals(200, r.statusCode(), r.body());
        }
        String path = e.path();
        if (id != null) {
            path = path.replace("{id}", id).replace("{token}", id);
        }
        return path.replace("{user}", user).replace("{path}", "out.txt").replace("{name}", "in.txt") + e.query();
    }

    // ---------------------------------------------------------------------------------------
    // The tests
    // ---------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theTableHasEveryEndpointOfTheOpenApiDocument() {
        HttpResponse<String> doc = Http.get(server.baseUrl() + "/openapi", null);
        assertEquals(200, doc.statusCode());
        JsonObject paths = Api.json(doc).getJsonObject("paths");
        Set<String> documented = new TreeSet<>();
        Set<String> methods = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
        paths.forEach((path, item) -> item.asJsonObject().keySet().stream().filter(methods::contains)
                .forEach(m -> documented.add(normalise(m + " " + path))));
        assertTrue(documented.size() > 20, "the OpenAPI document lists endpoints: " + documented);
        Set<String> tabled = new TreeSet<>();
        table(false).forEach(e -> tabled.add(normalise(e.method() + " /api/v1" + e.path())));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(tabled);
        Set<String> stale = new TreeSet<>(tabled);
        stale.removeAll(documented);
        assertTrue(missing.isEmpty(), "endpoints in the OpenAPI document but not in AccessMatrixIT's table "
                + "(add a row: who may call it?): " + missing);
        assertTrue(stale.isEmpty(), "rows of AccessMatrixIT's table that the OpenAPI document lacks: " + stale);
    }

    /** "GET /api/v1/jobs/{id}/outputs/{path: .+}" → "GET /api/v1/jobs/{}/outputs/{}" */
    private static String normalise(String endpoint) {
        return endpoint.toUpperCase(java.util.Locale.ROOT).substring(0, endpoint.indexOf(' '))
                + endpoint.substring(endpoint.indexOf(' ')).replaceAll("\\{[^}]*\\}", "{}").replaceAll("/+$", "");
    }

    @Test
    @Order(2)
    void everyEndpointTimesEveryCredentialGetsItsStatus() {
        List<Endpoint> table = table(slurmEnabled);
        List<String> wrong = new ArrayList<>();
        StringBuilder matrix = new StringBuilder(String.format("%-34s", "endpoint"));
        for (Case c : Case.values()) {
            matrix.append(String.format(" %4.4s", c.name().replace("_", "")));
        }
        int before = REQUESTS.get();
        for (Endpoint e : table) {
            matrix.append(String.format("%n%-34s", e.key()));
            for (Case c : Case.values()) {
                int want = expected(e, c);
                String path = fill(e, c);
                String[] credential = credential(c);
                HttpResponse<String> r = e.access() == Access.STREAM ? openStream(credential, path)
                        : call(credential, e.method(), path, e.contentType(), e.body());
                cells++;
                if (e.key().equals("POST /keys") && r.statusCode() == 201) {
                    secret(Api.json(r).getString("key"));
                }
                matrix.append(String.format(" %4d", r.statusCode()));
                String problem = check(e, c, want, r, credential);
                if (problem != null) {
                    wrong.add(e.method() + " " + path + " as " + c + ": " + problem);
                    matrix.append('!');
                }
            }
        }
        System.out.printf("[access-matrix] %d endpoints x %d cases = %d cells, %d requests in all (%d in the matrix "
                        + "with its fresh fixtures)%n%s%n", table.size(), Case.values().length, cells, REQUESTS.get(),
                REQUESTS.get() - before, matrix);
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " of " + cells + " cells answered otherwise:\n  " + String.join("\n  ", wrong) + "\n" + matrix);
        }
    }

    private static String[] credential(Case c) {
        return switch (c) {
            case NO_CREDENTIALS -> null;
            case ALICE -> bearer(token("alice"));
            case BOB, BOB_GRANTEE -> bearer(token("bob"));
            case ADMIN1 -> bearer(token("admin1"));
            default -> CREDENTIALS.get(c);
        };
    }

    /** null when the answer is right, else what is wrong with it. */
    private static String check(Endpoint e, Case c, int want, HttpResponse<String> r, String[] credential) {
        if (r.statusCode() != want) {
            return "status " + r.statusCode() + ", expected " + want + ": " + cut(r.body());
        }
        if (credential != null && r.body().contains(credential[1].replaceFirst("^Bearer ", ""))) {
            return "the answer echoes the credential";
        }
        if (want >= 400) {
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return "not a problem (" + type + "): " + cut(r.body());
            }
        }
        if (want == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            String expectedChallenge = c.description == null ? "Bearer realm=\"plinth\""
                    : "Bearer realm=\"plinth\", error=\"invalid_token\", error_description=\"" + c.description + "\"";
            if (!challenge.equals(expectedChallenge)) {
                return "WWW-Authenticate '" + challenge + "', expected '" + expectedChallenge + "'";
            }
            if (c.description != null && !c.description.equals(Api.json(r).getString("detail", ""))) {
                return "detail '" + Api.json(r).getString("detail", "") + "', expected '" + c.description + "'";
            }
            for (String hint : List.of("issuer", "audience", "signature", "algorithm", "RS256", "kid", "well-formed", "claim", "realm ")) {
                if (r.body().contains(hint)) {
                    return "the 401 names what failed (" + hint + "): " + r.body();
                }
            }
        }
        if (!(e.key().equals("POST /keys") && want == 201) && WHOLE_KEY.matcher(r.body()).find()) {
            return "an API key in the answer: " + cut(r.body());
        }
        return null;
    }

    /** In the log: not even a key's 12-character prefix (listings show it, logs have no need to). */
    private static final Pattern KEY = Pattern.compile("plk_[A-Za-z0-9_-]+");
    /** In answers: more than the prefix ({@code plk_} + 8) is (part of) a secret. */
    private static final Pattern WHOLE_KEY = Pattern.compile("plk_[A-Za-z0-9_-]{9,}");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}");

    @Test
    @Order(3)
    void noSecretIsInTheServerLog() throws IOException {
        assertTrue(cells > 0, "the matrix ran first");
        Path log = server.server().domain().serverLog();
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(log.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("server.log")).sorted().toList()) {
                text.append(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        // proof that the FINE lines this check is about were written (and so were searched)
        assertTrue(text.indexOf("refused a token from") >= 0, "no FINE line about a refused token in " + log);
        List<String> found = new ArrayList<>();
        for (String secret : SECRETS) {
            String[] parts = secret.split("\\.");
            // a whole token, or the signature that makes it usable
            if (text.indexOf(secret) >= 0 || (parts.length == 3 && parts[2].length() > 20 && text.indexOf(parts[2]) >= 0)) {
                found.add(cut(secret));
            }
        }
        Matcher key = KEY.matcher(text);
        while (key.find()) {
            found.add("an API key: " + cut(key.group()));
        }
        Matcher jwt = JWT.matcher(text);
        while (jwt.find()) {
            found.add("a JWT: " + cut(jwt.group()));
        }
        assertTrue(SECRETS.size() >= 15, "the secrets were collected: " + SECRETS.size());
        assertTrue(found.isEmpty(), "secrets in " + log + " (of " + SECRETS.size() + " searched): " + found);
    }

    // ---------------------------------------------------------------------------------------
    // Plumbing
    // ---------------------------------------------------------------------------------------

    private static HttpResponse<String> call(String[] credential, String method, String path, String contentType, String body) {
        return call(credential, method, path, "", contentType, body);
    }

    private static HttpResponse<String> call(String[] credential, String method, String path, String query,
                                             String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.apiUrl() + path + query))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            b.header(credential[0], credential[1]);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        REQUESTS.incrementAndGet();
        return Http.send(b.build());
    }

    /**
     * Opens an event stream and reads only its status (and the body of a refusal): an accepted
     * stream never ends. The answer is given as a string response for the usual checks.
     */
    private static HttpResponse<String> openStream(String[] credential, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.apiUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/event-stream");
        if (credential != null) {
            b.header(credential[0], credential[1]);
        }
        REQUESTS.incrementAndGet();
        try {
            HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newHttpClient()
                    .send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (java.io.InputStream in = r.body()) {
                body = r.statusCode() == 200 ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            return new HttpResponse<>() {
                public int statusCode() { return r.statusCode(); }
                public HttpRequest request() { return r.request(); }
                public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
                public java.net.http.HttpHeaders headers() { return r.headers(); }
                public String body() { return body; }
                public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return r.sslSession(); }
                public URI uri() { return r.uri(); }
                public java.net.http.HttpClient.Version version() { return r.version(); }
            };
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject created(HttpResponse<String> r) {
        assertEquals(201, r.statusCode(), r.body());
        return Api.json(r);
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String secret(String value) {
        SECRETS.add(value);
        return value;
    }

    private static String json(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String cut(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
