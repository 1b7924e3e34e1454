package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Personal API keys on the real server: made, shown once, used as X-API-Key and as a bearer
 * value, listed without the secret, revoked at once; read-only and expired keys; bad requests.
 */
@ExtendWith(PlinthTestServer.class)
class IdentityKeysIT {

    private final PlinthTestServer server;
    private final Api admin;
    private final Api alice;
    private final Api bob;
    private final Api carol;

    IdentityKeysIT(PlinthTestServer server) {
        this.server = server;
        this.admin = new Api(server, server.adminKey());
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
        this.carol = new Api(server, server.guestKey());
    }

    private static JsonObject created(HttpResponse<String> r) {
        assertEquals(201, r.statusCode(), r.body());
        return Api.json(r);
    }

    @Test
    void aKeyIsShownOnceWorksBothWaysIsListedWithoutItsSecretAndIsRevokedAtOnce() {
        JsonObject made = created(alice.post("/keys", "{\"name\": \"nightly\"}"));
        String key = made.getString("key");
        String id = made.getString("id");
        assertTrue(key.startsWith("plk_") && key.length() > 40, made.toString());
        assertTrue(key.startsWith(made.getString("prefix")), made.toString());
        assertEquals("nightly", made.getString("name"));
        assertFalse(made.getBoolean("readOnly"));
        assertTrue(made.isNull("expiresAt"));
        assertEquals(List.of("user"), made.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        Instant.parse(made.getString("createdAt"));

        Api viaHeader = new Api(server, key);
        Api viaBearer = Api.bearer(server, key);
        assertEquals("alice", Api.json(viaHeader.get("/me")).getString("user"));
        assertEquals("alice", Api.json(viaBearer.get("/me")).getString("user"));
        JsonObject job = viaBearer.script("echo by key");
        assertEquals("alice", job.getString("owner"));

        HttpResponse<String> list = alice.get("/keys");
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains(id) && list.body().contains(made.getString("prefix")), list.body());
        assertFalse(list.body().contains(key), "the secret is never listed");
        assertFalse(Api.json(list).getJsonArray("keys").getJsonObject(0).containsKey("key"));
        assertFalse(bob.get("/keys").body().contains(id));
        assertTrue(admin.get("/keys?user=alice").body().contains(id));
        Api.problem(bob.get("/keys?user=alice"), 403);

        Api.problem(bob.request("DELETE", "/keys/" + id, null, null, Map.of()), 404);
        assertEquals(200, viaHeader.get("/me").statusCode(), "bob's attempt changed nothing");

        assertEquals(204, alice.request("DELETE", "/keys/" + id, null, null, Map.of()).statusCode());
        HttpResponse<String> refused = viaHeader.get("/me");
        Api.problem(refused, 401);
        assertTrue(refused.headers().firstValue("WWW-Authenticate").isPresent());
        assertFalse(refused.body().contains(key));
        Api.problem(viaBearer.get("/jobs"), 401);
        Api.problem(alice.request("DELETE", "/keys/" + id, null, null, Map.of()), 404);
        assertFalse(alice.get("/keys").body().contains(id));
    }

    @Test
    void aReadOnlyKeyMayOnlyRead() {
        JsonObject made = created(alice.post("/keys", "{\"name\": \"dashboard\", \"readOnly\": true, \"expiresInDays\": 7}"));
        assertTrue(made.getBoolean("readOnly"));
        Instant expires = Instant.parse(made.getString("expiresAt"));
        assertTrue(expires.isAfter(Instant.now().plusSeconds(6 * 86400)), made.toString());
        Api readOnly = new Api(server, made.getString("key"));
        assertEquals(200, readOnly.get("/jobs").statusCode());
        assertEquals(200, readOnly.request("HEAD", "/jobs", null, null, Map.of()).statusCode());
        JsonObject p = Api.problem(readOnly.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"id\"}}"), 403);
        assertTrue(p.getString("detail").contains("read-only"), p.toString());
        Api.problem(readOnly.request("DELETE", "/keys/" + made.getString("id"), null, null, Map.of()), 403);
        Api.problem(Api.bearer(server, made.getString("key")).post("/keys", "{\"name\": \"x\"}"), 403);
    }

    @Test
    void anExpiredKeyIsRefusedSayingSo() {
        Instant expiresAt = Instant.now().plusSeconds(3);
        JsonObject made = created(alice.post("/keys", "{\"name\": \"short\", \"expiresAt\": \"" + expiresAt + "\"}"));
        Api shortLived = new Api(server, made.getString("key"));
        assertEquals(200, shortLived.get("/me").statusCode());
        Api.sleep(java.time.Duration.between(Instant.now(), expiresAt).toMillis() + 1500);
        HttpResponse<String> r = shortLived.get("/me");
        JsonObject p = Api.problem(r, 401);
        assertTrue(p.getString("detail").contains("expired"), p.toString());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        assertTrue(alice.get("/keys").body().contains("\"expired\":true"), "listed as expired until revoked");
    }

    @Test
    void aPersonalKeyCannotMakeKeysNorOutgrowItsMaker() {
        Api byKey = new Api(server, created(alice.post("/keys", "{\"name\": \"script\"}")).getString("key"));
        JsonObject p = Api.problem(byKey.post("/keys", "{\"name\": \"child\"}"), 403);
        assertTrue(p.getString("detail").contains("cannot make keys"), p.toString());
        JsonObject q = Api.problem(carol.post("/keys", "{\"name\": \"up\", \"roles\": [\"admin\"]}"), 400);
        assertEquals("roles", q.getJsonArray("errors").getJsonObject(0).getString("field"));
        JsonObject guest = created(carol.post("/keys", "{\"name\": \"guest\"}"));
        Api carolByKey = new Api(server, guest.getString("key"));
        Api.problem(carolByKey.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"id\"}}"), 403);
        JsonObject narrowed = created(admin.post("/keys", "{\"name\": \"user only\", \"roles\": [\"user\"]}"));
        Api.problem(new Api(server, narrowed.getString("key")).get("/admin/audit"), 403);
    }

    @Test
    void badRequestsNameTheField() {
        Map<String, String> bodies = Map.of(
                "{}", "name",
                "{\"name\": \"a\", \"expiresInDays\": \"x\"}", "expiresInDays",
                "{\"name\": \"a\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}", "expiresAt",
                "{\"name\": \"a\", \"readOnly\": 1}", "readOnly",
                "{\"name\": \"a\", \"colour\": \"red\"}", "colour",
                "[1]", "body",
                "{\"name\": ", "body");
        bodies.forEach((body, field) -> {
            JsonObject p = Api.problem(alice.post("/keys", body), 400);
            assertTrue(p.toString().contains("\"" + field + "\"") || p.getString("detail").startsWith(field), body + " → " + p);
        });
        Api.problem(alice.request("DELETE", "/keys/not-an-id", null, null, Map.of()), 404);
        Api.problem(alice.request("DELETE", "/keys/" + java.util.UUID.randomUUID(), null, null, Map.of()), 404);
        Api.problem(new Api(server, "plk_" + "A".repeat(43)).get("/me"), 401);
    }
}
