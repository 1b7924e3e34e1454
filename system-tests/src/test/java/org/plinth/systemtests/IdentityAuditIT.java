package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit trail records submits, shares, keys, steering by others, admin acts and bursts of bad credentials. */
@ExtendWith(PlinthTestServer.class)
class IdentityAuditIT {

    private final PlinthTestServer server;
    private final Api admin;
    private final Api alice;
    private final Api bob;

    IdentityAuditIT(PlinthTestServer server) {
        this.server = server;
        this.admin = new Api(server, server.adminKey());
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
    }

    private List<JsonObject> events(String query) {
        var r = admin.get("/admin/audit?limit=500&" + query);
        assertEquals(200, r.statusCode(), r.body());
        return Api.json(r).getJsonArray("events").getValuesAs(JsonObject.class);
    }

    private static String since(Instant t) {
        return "since=" + URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }

    private static JsonObject only(List<JsonObject> events, String action, String target) {
        List<JsonObject> found = events.stream()
                .filter(e -> e.getString("action").equals(action) && (target == null || target.equals(e.getString("target", null))))
                .toList();
        assertEquals(1, found.size(), action + " " + target + " in " + events);
        return found.get(0);
    }

    @Test
    void submitsSharesKeysAndAnAdminCancelAreRecorded() {
        Instant t0 = Instant.now().minusSeconds(1);
        String id = alice.script("sleep 60").getString("id");
        assertEquals(201, alice.request("PUT", "/jobs/" + id + "/shares/bob", null, null, Map.of()).statusCode());
        String secret = Api.json(alice.post("/keys", "{\"name\": \"audited\"}")).getString("key");
        alice.awaitState(id, List.of("RUNNING"), Duration.ofSeconds(30));
        assertEquals(200, admin.post("/jobs/" + id + "/cancel", null).statusCode());

        List<JsonObject> events = events("user=alice&" + since(t0));
        JsonObject submit = only(events, "job.submit", "job:" + id);
        assertEquals("alice", submit.getString("actor"));
        assertFalse(submit.getBoolean("byOther"));
        assertFalse(submit.isNull("address"), submit.toString());
        JsonObject share = only(events, "share.grant", "job:" + id);
        assertTrue(share.getString("detail").contains("bob"), share.toString());
        JsonObject key = only(events, "key.create", null);
        assertEquals("alice", key.getString("actor"));
        JsonObject cancel = only(events, "job.cancel", "job:" + id);
        assertEquals("admin", cancel.getString("actor"));
        assertEquals("alice", cancel.getString("targetOwner"));
        assertTrue(cancel.getBoolean("byOther"), cancel.toString());
        assertFalse(admin.get("/admin/audit?limit=500").body().contains(secret), "no secret in the trail");

        List<JsonObject> cancels = events("action=job.cancel&user=admin&" + since(t0));
        assertTrue(cancels.stream().allMatch(e -> e.getString("action").equals("job.cancel")));
        assertTrue(cancels.stream().anyMatch(e -> e.getString("target").equals("job:" + id)));
        assertTrue(events("until=" + URLEncoder.encode(t0.toString(), StandardCharsets.UTF_8)).stream()
                .noneMatch(e -> ("job:" + id).equals(e.getString("target", null))));
        JsonObject page = Api.json(admin.get("/admin/audit?limit=1&offset=1&" + since(t0)));
        assertEquals(1, page.getJsonArray("events").size());
        assertTrue(page.getInt("total") >= 4, page.toString());
    }

    @Test
    void aBurstOfBadKeysIsOneEvent() {
        // let any window other tests' refusals opened end, so these failures start a fresh one
        Api.sleep(PlinthTestServer.AUTH_FAILURE_WINDOW_SECONDS * 1000L + 500);
        Instant t0 = Instant.now().minusSeconds(1);
        for (int i = 0; i < 12; i++) {
            String bad = i % 2 == 0 ? "no-such-key-" + i : "plk_" + "B".repeat(42) + i;
            Api.problem(new Api(server, bad).get("/jobs"), 401);
        }
        List<JsonObject> bursts = events("action=auth.failure-burst&" + since(t0));
        assertEquals(1, bursts.size(), bursts.toString());
        assertEquals("refused", bursts.get(0).getString("outcome"));
        assertFalse(bursts.get(0).isNull("address"));
        assertFalse(bursts.get(0).toString().contains("no-such-key"), "no presented key in the trail");
    }

    @Test
    void adminActionsAreRecordedAndOnlyAdminsReadTheTrail() {
        Instant t0 = Instant.now().minusSeconds(1);
        assertEquals(200, admin.post("/admin/retention/run", null).statusCode());
        JsonObject run = only(events("action=admin.retention-run&" + since(t0)), "admin.retention-run", "retention");
        assertEquals("admin", run.getString("actor"));

        Api.problem(bob.get("/admin/audit"), 403);
        Api.problem(Api.bearer(server, "nope").get("/admin/audit"), 401);
        JsonObject p = Api.problem(admin.get("/admin/audit?since=yesterday"), 400);
        assertEquals("since", p.getJsonArray("errors").getJsonObject(0).getString("field"));
        p = Api.problem(admin.get("/admin/audit?action=job.explode"), 400);
        assertEquals("action", p.getJsonArray("errors").getJsonObject(0).getString("field"));
        Api.problem(admin.get("/admin/audit?limit=0"), 400);
        Api.problem(admin.get("/admin/audit?offset=-1"), 400);
    }
}
