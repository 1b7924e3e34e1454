package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an admin changes at run time (issue 8): an app switched off and on again, a user's quota
 * set and dropped. Each takes effect at once, is refused to non-admins, names bad fields, and is
 * in the audit trail.
 */
@ExtendWith(PlinthTestServer.class)
class AdminSettingsIT {

    private final Api admin;
    private final Api alice;
    private final Api bob;

    AdminSettingsIT(PlinthTestServer server) {
        this.admin = new Api(server, server.adminKey());
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
    }

    private HttpResponse<String> put(Api who, String path, String json) {
        return who.request("PUT", path, "application/json", json, Map.of());
    }

    private JsonObject app(String id) {
        HttpResponse<String> r = admin.get("/admin/apps");
        assertEquals(200, r.statusCode(), r.body());
        return Api.json(r).getJsonArray("apps").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("id").equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " not in " + r.body()));
    }

    private List<JsonObject> audit(Instant since, String action) {
        HttpResponse<String> r = admin.get("/admin/audit?limit=500&action=" + action + "&since="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return Api.json(r).getJsonArray("events").getValuesAs(JsonObject.class);
    }

    @Test
    void anAppSwitchedOffTakesNoNewJobsWhileAcceptedOnesFinish() {
        Instant t0 = Instant.now().minusSeconds(1);
        assertTrue(app("script").getBoolean("enabled")); // (other tests may have switched it on explicitly)
        String running = alice.script("sleep 3; echo still here").getString("id");
        String waiting = Api.json(alice.request("POST", "/jobs?start=false", "application/json",
                "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}}", Map.of())).getString("id");
        String done = alice.script("true").getString("id");
        alice.awaitEnd(done);
        try {
            Api.problem(put(alice, "/admin/apps/script", "{\"enabled\": false}"), 403);
            HttpResponse<String> off = put(admin, "/admin/apps/script", "{\"enabled\": false}");
            assertEquals(200, off.statusCode(), off.body());
            assertFalse(Api.json(off).getBoolean("enabled"));
            assertEquals("admin", Api.json(off).getString("enabledBy"));
            assertEquals("admin", Api.json(off).getString("changedBy"));

            assertFalse(alice.get("/apps").body().contains("\"id\":\"script\""), "a disabled app is not listed");
            String detail = Api.problem(alice.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}}"), 409)
                    .getString("detail");
            assertTrue(detail.contains("disabled"), detail);
            Api.problem(alice.get("/apps/script"), 409);
            Api.problem(alice.post("/jobs/" + waiting + "/start", null), 409);
            Api.problem(alice.post("/jobs/" + done + "/rerun", null), 409);
            assertTrue(admin.get("/admin/apps").body().contains("\"id\":\"script\""), "admins still see it");

            JsonObject finished = alice.awaitState(running, Api.TERMINAL, Duration.ofSeconds(60));
            assertEquals("SUCCEEDED", finished.getString("state"), "the job accepted before the switch ran to its end: " + finished);
        } finally {
            HttpResponse<String> on = put(admin, "/admin/apps/script", "{\"enabled\": true}");
            assertEquals(200, on.statusCode(), on.body());
        }
        assertTrue(app("script").getBoolean("enabled"));
        assertEquals("admin", app("script").getString("enabledBy"));
        HttpResponse<String> start = alice.post("/jobs/" + waiting + "/start", null);
        assertEquals(200, start.statusCode(), "the waiting job starts once the app is on again: " + start.body());
        assertEquals("SUCCEEDED", alice.awaitEnd(waiting).getString("state"));

        assertEquals(1, audit(t0, "admin.app-disable").stream().filter(e -> e.getString("target").equals("app:script")).count());
        assertEquals(1, audit(t0, "admin.app-enable").stream().filter(e -> e.getString("target").equals("app:script")).count());
    }

    @Test
    void badSwitchesAreProblemsNamingTheField() {
        JsonObject p = Api.problem(put(admin, "/admin/apps/script", "{\"enabled\": \"no\", \"colour\": 1}"), 400);
        String errors = p.getJsonArray("errors").toString();
        assertTrue(errors.contains("\"field\":\"enabled\"") && errors.contains("\"field\":\"colour\""), errors);
        Api.problem(put(admin, "/admin/apps/no-such-app", "{\"enabled\": false}"), 404);
        Api.problem(put(admin, "/admin/apps/script", "[true]"), 400);
        assertTrue(app("script").getBoolean("enabled"));
    }

    @Test
    void aQuotaSetByAnAdminHoldsAtOnceAndGoesAwayAgain() {
        Instant t0 = Instant.now().minusSeconds(1);
        long files = Api.json(bob.get("/me/usage")).getJsonObject("files").getJsonNumber("count").longValue();
        try {
            Api.problem(put(bob, "/admin/quotas/bob", "{\"files\": 1000, \"bytes\": 1000000000}"), 403);
            HttpResponse<String> set = put(admin, "/admin/quotas/bob", "{\"files\": " + files + ", \"bytes\": 1000000}");
            assertEquals(200, set.statusCode(), set.body());
            assertEquals("admin", Api.json(set).getString("source"));
            assertEquals(files, Api.json(set).getJsonObject("quota").getJsonNumber("files").longValue());

            JsonObject refused = Api.problem(bob.send("POST", "/files?name=over.txt", "over\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "text/plain")), 403);
            assertEquals(files, refused.getJsonNumber("quotaFiles").longValue(), refused.toString());
            JsonObject usage = Api.json(bob.get("/me/usage")).getJsonObject("files");
            assertEquals(files, usage.getJsonNumber("quotaCount").longValue(), usage.toString());
            assertEquals(1000000, usage.getJsonNumber("quotaBytes").longValue(), usage.toString());

            JsonObject listed = Api.json(admin.get("/admin/quotas")).getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .filter(u -> u.getString("user").equals("bob")).findFirst().orElseThrow();
            assertEquals("admin", listed.getString("source"));
            assertEquals(1000000, listed.getJsonObject("quota").getJsonNumber("bytes").longValue());
        } finally {
            assertEquals(204, admin.request("DELETE", "/admin/quotas/bob", null, null, Map.of()).statusCode());
        }
        String id = bob.upload("after-the-reset.txt", "fits again\n".getBytes(StandardCharsets.UTF_8)).getString("id");
        assertEquals(204, bob.request("DELETE", "/files/" + id, null, null, Map.of()).statusCode());
        Api.problem(admin.request("DELETE", "/admin/quotas/bob", null, null, Map.of()), 404);

        assertEquals(1, audit(t0, "admin.quota-set").stream().filter(e -> e.getString("target").equals("quota:bob")).count());
        List<JsonObject> resets = audit(t0, "admin.quota-reset");
        assertEquals(1, resets.size(), resets.toString());
        assertEquals("bob", resets.get(0).getString("targetOwner"));
    }

    @Test
    void badQuotasAreProblemsNamingEveryField() {
        JsonObject p = Api.problem(put(admin, "/admin/quotas/bob", "{\"files\": -1, \"bytes\": 1.5, \"size\": 3}"), 400);
        String errors = p.getJsonArray("errors").toString();
        for (String field : List.of("files", "bytes", "size")) {
            assertTrue(errors.contains("\"field\":\"" + field + "\""), field + " in " + errors);
        }
        Api.problem(put(admin, "/admin/quotas/bob", "{\"files\": 1}"), 400);
        Api.problem(put(admin, "/admin/quotas/" + URLEncoder.encode("bob smith", StandardCharsets.UTF_8).replace("+", "%20"), "{\"files\": 1, \"bytes\": 1}"), 400);
        Api.problem(put(admin, "/admin/quotas/bob", "{\"files\": 99999999999999999999, \"bytes\": 1}"), 400);
        assertFalse(Api.json(admin.get("/admin/quotas")).getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .anyMatch(u -> u.getString("user").equals("bob") && u.getString("source").equals("admin")), "nothing was set for bob");
    }
}
