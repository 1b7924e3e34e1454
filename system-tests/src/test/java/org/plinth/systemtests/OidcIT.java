package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plinth.server.KeycloakServer;

/**
 * OIDC access tokens from a real Keycloak (the development realm) against the real server: who
 * the token names owns the job, its realm roles are the caller's roles, and every bad token is a
 * 401 problem that says "expired" for a genuine expired token and one generic "invalid token" for
 * everything else (so a forger learns nothing), while API keys keep working next to tokens.
 *
 * <p>Machine callers: a client_credentials token of {@code plinth-api}'s service account is
 * accepted; it acts as the user {@code service-account-plinth-api} with the realm roles given to
 * that service account ({@code user} in the development realm). A site that wants no machine
 * callers gives the service account no role (it can then read nothing of anyone's and submit nothing).
 */
@ExtendWith({KeycloakTestServer.class, PlinthTestServer.class})
class OidcIT {

    private static KeycloakClient keycloak;
    private final PlinthTestServer server;

    OidcIT(PlinthTestServer server) {
        this.server = server;
    }

    /** Two clients the development realm does not have: one without the plinth-api audience, one with 3 s tokens. */
    @BeforeAll
    static void testClients(KeycloakServer kc) {
        keycloak = new KeycloakClient(kc);
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
                 {"clientId":"other-service","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false,
                  "protocolMappers":%s},
                 {"clientId":"short-lived","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false,
                  "attributes":{"access.token.lifespan":"3"},"protocolMappers":%s}]}"""
                .formatted(mappers.formatted(""), mappers.formatted(audience));
        HttpResponse<String> r = keycloak.admin("POST", "/plinth/partialImport", clients);
        assertEquals(200, r.statusCode(), r.body());
    }

    private Api as(String user) {
        return Api.bearer(server, keycloak.password("plinth-cli", user, user + "-dev-password"));
    }

    @Test
    void aTokenNamesTheOwnerOfTheJob() {
        Api alice = as("alice");
        JsonObject job = alice.script("echo from a token");
        assertEquals("alice", job.getString("owner"));
        String id = job.getString("id");
        assertTrue(alice.get("/jobs?limit=500").body().contains(id));
        assertEquals("SUCCEEDED", alice.awaitEnd(id).getString("state"));

        Api.problem(as("bob").get("/jobs/" + id), 404);
        Api admin1 = as("admin1");
        assertTrue(admin1.get("/jobs?limit=500").body().contains(id), "an admin token sees every job");
        assertEquals(200, admin1.get("/jobs/" + id).statusCode());
    }

    @Test
    void apiKeysStillWorkNextToTokens() {
        assertEquals(200, new Api(server, server.aliceKey()).get("/jobs").statusCode());
        assertEquals(200, Api.bearer(server, server.aliceKey()).get("/jobs").statusCode());
        Api.problem(Api.bearer(server, "not-a-key-of-anyone-at-all").get("/jobs"), 401);
    }

    @Test
    void aUserWithoutRolesMayNotSubmit() {
        Api guest = as("guest");
        assertEquals(200, guest.get("/jobs").statusCode());
        JsonObject p = Api.problem(guest.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"id\"}}"), 403);
        assertTrue(p.getString("detail").contains("roles"), p.toString());
    }

    @Test
    void aServiceAccountTokenActsAsItsServiceUser() {
        Api machine = Api.bearer(server, keycloak.clientCredentials("plinth-api", "plinth-api-dev-secret"));
        assertEquals("service-account-plinth-api", machine.script("true").getString("owner"));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = keycloak.password("other-service", "alice", "alice-dev-password");
        assertRefused(token, false);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = keycloak.password("short-lived", "alice", "alice-dev-password");
        assertEquals(200, Api.bearer(server, token).get("/jobs").statusCode(), "fresh, it is accepted");
        Api.sleep((3 + PlinthTestServer.CLOCK_SKEW_SECONDS + 2) * 1000L);
        assertRefused(token, true);
    }

    @Test
    void aForgedOrTamperedTokenIsRefused() throws Exception {
        String[] parts = keycloak.password("plinth-cli", "alice", "alice-dev-password").split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();

        // the same header (kid) and claims, signed by a key that is not the realm's
        var pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(pair.getPrivate());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertRefused(parts[0] + "." + parts[1] + "." + b64.encodeToString(rs256.sign()), false);

        // alice's signature on claims that say admin1
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"alice\"", "\"admin1\"").replace("\"user\"]", "\"user\",\"admin\"]");
        assertRefused(parts[0] + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2], false);

        // no signature at all
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(none + "." + parts[1] + ".", false);
        assertRefused(none + "." + parts[1] + ".x", false);
        assertRefused("a.b.c", false);
    }

    @Test
    void anOldTokenStillWorksAfterANewRealmKey() {
        String before = keycloak.password("plinth-cli", "alice", "alice-dev-password");
        assertEquals(200, Api.bearer(server, before).get("/jobs").statusCode());
        String realmId = ((JsonObject) Http.json(keycloak.admin("GET", "/plinth", null))).getString("id");
        String key = Json.createObjectBuilder().add("name", "rotated").add("providerId", "rsa-generated")
                .add("providerType", "org.keycloak.keys.KeyProvider").add("parentId", realmId)
                .add("config", Json.createObjectBuilder().add("priority", Json.createArrayBuilder().add("500"))
                        .add("algorithm", Json.createArrayBuilder().add("RS256")))
                .build().toString();
        assertEquals(201, keycloak.admin("POST", "/plinth/components", key).statusCode());
        String after = keycloak.password("plinth-cli", "alice", "alice-dev-password");
        assertFalse(kid(before).equals(kid(after)), "the new key signs new tokens");
        // the old key stays published until it is disabled, so tokens signed with it stay good
        assertEquals(200, Api.bearer(server, before).get("/jobs").statusCode());
        // a token with the new kid: the server fetches the JWKS again for a kid it does not know
        // (at most every 10 s, so a flood of made-up kids cannot make it hammer Keycloak)
        long deadline = System.nanoTime() + 20_000_000_000L;
        HttpResponse<String> r = Api.bearer(server, after).get("/jobs");
        while (r.statusCode() != 200 && System.nanoTime() < deadline) {
            Api.sleep(1000);
            r = Api.bearer(server, after).get("/jobs");
        }
        assertEquals(200, r.statusCode(), r.body());
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return ((JsonObject) Json.createReader(new java.io.StringReader(header)).readObject()).getString("kid");
    }

    /** 401 with a Bearer challenge; "expired" only for an expired token, else the one generic phrase. */
    private void assertRefused(String token, boolean expired) {
        HttpResponse<String> r = Api.bearer(server, token).get("/jobs");
        JsonObject p = Api.problem(r, 401);
        String said = expired ? "the token has expired" : "invalid token";
        assertEquals(said, p.getString("detail"), p.toString());
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        assertEquals("Bearer realm=\"plinth\", error=\"invalid_token\", error_description=\"" + said + "\"", challenge);
        for (String hint : List.of("issuer", "audience", "signature", "algorithm", "RS256", "well-formed", "claim", "kid")) {
            assertFalse(r.body().contains(hint), "the answer names what failed (" + hint + "): " + r.body());
        }
        assertFalse(r.body().contains(token), "the token is not echoed");
    }
}
