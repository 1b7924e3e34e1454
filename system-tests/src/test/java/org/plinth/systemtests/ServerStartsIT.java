package org.plinth.systemtests;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Smoke test: the EAR deploys on Payara with PostgreSQL and answers. */
@ExtendWith(PlinthTestServer.class)
class ServerStartsIT {

    @Test
    void healthIsReadyAndUp(PlinthTestServer server) {
        HttpResponse<String> r = Http.get(server.baseUrl() + "/health/ready", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("UP", ((JsonObject) Http.json(r)).getString("status"), r.body());
    }

    @Test
    void adminCanListApps(PlinthTestServer server) {
        HttpResponse<String> r = Http.get(server.apiUrl() + "/apps", server.adminKey());
        assertEquals(200, r.statusCode(), r.body());
    }
}
