package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many jobs side by side: the columns that vary across a small sweep, as JSON and CSV. */
@ExtendWith(PlinthTestServer.class)
class JobTableIT {

    private final Api alice;
    private final Api bob;

    JobTableIT(PlinthTestServer server) {
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
    }

    @Test
    void aSweepsVaryingColumns() {
        String tag = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        for (int n : new int[] {1, 2, 3}) {
            String id = alice.submit("{\"app\": \"script\", \"name\": \"scan-" + n + "\", \"tags\": [\"" + tag + "\"], "
                    + "\"inputs\": {\"script\": \"echo $N\", \"environment\": {\"N\": \"" + n + "\"}}}").getString("id");
            alice.awaitEnd(id);
        }
        JsonObject t = Api.json(alice.get("/jobs/table?app=script&tag=" + tag + "&varying=true"));
        List<String> columns = t.getJsonArray("columns").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        assertEquals(List.of("id", "name", "state", "inputs.environment.N"), columns, t.toString());
        JsonArray rows = t.getJsonArray("rows");
        assertEquals(3, rows.size());
        assertEquals("scan-3", rows.getJsonArray(0).getString(1), "newest first");
        assertEquals("3", rows.getJsonArray(0).getString(3));

        var csv = alice.request("GET", "/jobs/table?app=script&tag=" + tag + "&varying=true&fields=inputs.environment.N",
                null, null, Map.of("Accept", "text/csv"));
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("id,name,state,inputs.environment.N\r\n"), csv.body());
        assertTrue(csv.body().contains(",scan-1,SUCCEEDED,1\r\n"), csv.body());

        String first = rows.getJsonArray(2).getString(0);
        Api.problem(bob.get("/jobs/table?ids=" + first), 404);
        assertEquals(0, Api.json(bob.get("/jobs/table?app=script&tag=" + tag)).getJsonArray("rows").size());
        Api.problem(alice.get("/jobs/table"), 400);
        Api.problem(alice.get("/jobs/table?app=script&fields=secret.x"), 400);
    }
}
