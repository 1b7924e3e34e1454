package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every job belongs to its owner: another user gets 404 as if it did not exist, an admin sees
 * and steers all. The script app is for the roles configured (the test server allows users).
 */
@ExtendWith(PlinthTestServer.class)
class OwnershipIT {

    private final Api admin;
    private final Api alice;
    private final Api bob;
    private final Api carol;

    OwnershipIT(PlinthTestServer server) {
        this.admin = new Api(server, server.adminKey());
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
        this.carol = new Api(server, server.guestKey());
    }

    @Test
    void anotherUsersJobIsNotFound() {
        JsonObject job = alice.script("echo secret > s.txt");
        String id = job.getString("id");
        assertEquals("alice", job.getString("owner"));
        alice.awaitEnd(id);
        for (String path : List.of("", "/logs", "/outputs", "/outputs/s.txt", "/archive", "/result")) {
            Api.problem(bob.get("/jobs/" + id + path), 404);
        }
        Api.problem(bob.post("/jobs/" + id + "/rerun", null), 404);
        Api.problem(bob.request("DELETE", "/jobs/" + id, null, null, Map.of()), 404);
        assertFalse(bob.get("/jobs?limit=500").body().contains(id));
        assertTrue(alice.get("/jobs?limit=500").body().contains(id));
        assertTrue(admin.get("/jobs?limit=500").body().contains(id));
        assertEquals("secret\n", admin.get("/jobs/" + id + "/outputs/s.txt").body());
    }

    @Test
    void adminControlsEveryJob() {
        String id = alice.script("sleep 60").getString("id");
        alice.awaitState(id, List.of("RUNNING"), java.time.Duration.ofSeconds(30));
        assertEquals(200, admin.post("/jobs/" + id + "/cancel", null).statusCode());
        assertEquals("CANCELLED", alice.awaitEnd(id).getString("state"));
    }

    @Test
    void appRolesAreEnforced() {
        JsonObject describe = Api.json(carol.get("/apps/script"));
        assertFalse(describe.getBoolean("mayRun"));
        JsonObject p = Api.problem(carol.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"id\"}}"), 403);
        assertTrue(p.getString("detail").contains("roles"), p.toString());
    }
}
