package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sharing a job: the grantee reads everything about it and may use its outputs as inputs, but
 * steering it is 403; a stranger still gets 404; unsharing takes it all back at once.
 */
@ExtendWith(PlinthTestServer.class)
class IdentitySharingIT {

    private static final List<String> READS = List.of("", "/logs", "/outputs", "/outputs/out.txt", "/archive", "/result");

    private final PlinthTestServer server;
    private final Api admin;
    private final Api alice;
    private final Api bob;
    private final Api dave;

    IdentitySharingIT(PlinthTestServer server) {
        this.server = server;
        this.admin = new Api(server, server.adminKey());
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
        this.dave = new Api(server, server.daveKey());
    }

    private static HttpResponse<String> delete(Api api, String path) {
        return api.request("DELETE", path, null, null, Map.of());
    }

    private static HttpResponse<String> put(Api api, String path) {
        return api.request("PUT", path, null, null, Map.of());
    }

    private String usingOutputOf(String id) {
        return "{\"app\": \"script\", \"inputs\": {\"script\": \"tr a-z A-Z < in.txt > upper.txt\"}, "
                + "\"files\": {\"in.txt\": \"job:" + id + "/out.txt\"}}";
    }

    @Test
    void aGranteeReadsUsesButCannotSteerAndLosesItAllWhenUnshared() {
        String id = alice.script("echo shared > out.txt").getString("id");
        assertEquals("SUCCEEDED", alice.awaitEnd(id).getString("state"));
        for (String path : READS) {
            Api.problem(bob.get("/jobs/" + id + path), 404);
        }

        HttpResponse<String> granted = put(alice, "/jobs/" + id + "/shares/bob");
        assertEquals(201, granted.statusCode(), granted.body());
        assertEquals(200, put(alice, "/jobs/" + id + "/shares/bob").statusCode(), "granting again changes nothing");
        JsonObject shares = Api.json(alice.get("/jobs/" + id + "/shares"));
        assertEquals("bob", shares.getJsonArray("shares").getJsonObject(0).getString("user"));
        assertEquals("alice", shares.getJsonArray("shares").getJsonObject(0).getString("grantedBy"));

        for (String path : READS) {
            assertEquals(200, bob.get("/jobs/" + id + path).statusCode(), path);
        }
        assertEquals("shared\n", bob.get("/jobs/" + id + "/outputs/out.txt").body());
        assertEquals("alice", bob.job(id).getString("owner"));
        assertTrue(bob.get("/jobs?shared=true&limit=500").body().contains(id));
        assertFalse(bob.get("/jobs?limit=500").body().contains(id), "bob's own list stays his own");

        String derived = bob.submit(usingOutputOf(id)).getString("id");
        JsonObject done = bob.awaitEnd(derived);
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        assertEquals("SHARED\n", bob.get("/jobs/" + derived + "/outputs/upper.txt").body());

        for (String action : List.of("cancel", "restart", "rerun", "start")) {
            JsonObject p = Api.problem(bob.post("/jobs/" + id + "/" + action, null), 403);
            assertTrue(p.getString("detail").contains("shared with you"), p.toString());
        }
        Api.problem(delete(bob, "/jobs/" + id), 403);
        Api.problem(put(bob, "/jobs/" + id + "/shares/dave"), 403);
        Api.problem(bob.get("/jobs/" + id + "/shares"), 403);
        Api.problem(delete(bob, "/jobs/" + id + "/shares/bob"), 403);

        for (String path : READS) {
            Api.problem(dave.get("/jobs/" + id + path), 404);
        }
        Api.problem(dave.post("/jobs/" + id + "/cancel", null), 404);
        Api.problem(put(dave, "/jobs/" + id + "/shares/dave"), 404);
        Api.problem(dave.post("/jobs", usingOutputOf(id)), 400);

        assertEquals(204, delete(alice, "/jobs/" + id + "/shares/bob").statusCode());
        for (String path : READS) {
            Api.problem(bob.get("/jobs/" + id + path), 404);
        }
        Api.problem(bob.post("/jobs/" + id + "/cancel", null), 404);
        JsonObject p = Api.problem(bob.post("/jobs", usingOutputOf(id)), 400);
        assertEquals("files.in.txt", p.getJsonArray("errors").getJsonObject(0).getString("field"), p.toString());
        assertFalse(bob.get("/jobs?shared=true&limit=500").body().contains(id));
        Api.problem(delete(alice, "/jobs/" + id + "/shares/bob"), 404);
    }

    @Test
    void anAdminSharesAnyJobAndBadNamesAreRefused() {
        String id = alice.script("echo x > out.txt").getString("id");
        alice.awaitEnd(id);
        assertEquals(201, put(admin, "/jobs/" + id + "/shares/dave").statusCode());
        assertEquals(200, dave.get("/jobs/" + id).statusCode());
        assertEquals("admin", Api.json(alice.get("/jobs/" + id + "/shares")).getJsonArray("shares").getJsonObject(0)
                .getString("grantedBy"));

        JsonObject p = Api.problem(put(alice, "/jobs/" + id + "/shares/alice"), 400);
        assertEquals("user", p.getJsonArray("errors").getJsonObject(0).getString("field"));
        p = Api.problem(put(alice, "/jobs/" + id + "/shares/" + "bad%20name"), 400);
        assertEquals("user", p.getJsonArray("errors").getJsonObject(0).getString("field"));
        Api.problem(put(alice, "/jobs/not-a-job/shares/bob"), 404);
        Api.problem(bob.get("/jobs?shared=maybe"), 400);

        // deleting the job takes its shares with it
        assertEquals(204, delete(alice, "/jobs/" + id).statusCode());
        Api.problem(dave.get("/jobs/" + id), 404);
    }
}
