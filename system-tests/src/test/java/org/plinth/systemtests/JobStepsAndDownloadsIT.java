package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the console's job page reads besides the job: its batch steps (GET /jobs/{id}/steps,
 * from the batch runtime's own records) and download links a browser follows without a
 * credential (GET /jobs/{id}/download-link, then GET /downloads/{token}).
 */
@ExtendWith(PlinthTestServer.class)
class JobStepsAndDownloadsIT {

    private final PlinthTestServer server;
    private final Api alice;
    private final Api bob;

    JobStepsAndDownloadsIT(PlinthTestServer server) {
        this.server = server;
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
    }

    private static List<String> names(JsonObject execution) {
        return execution.getJsonArray("steps").getValuesAs(JsonObject.class).stream().map(s -> s.getString("name")).toList();
    }

    @Test
    void aJobShowsItsBatchStepsAndARestartAsASecondExecution() {
        JsonObject created = Api.json(alice.request("POST", "/jobs?start=false", "application/json",
                "{\"app\": \"script\", \"inputs\": {\"script\": \"if [ -f tried ]; then echo second; else touch tried; exit 3; fi\"}}", Map.of()));
        String id = created.getString("id");
        JsonObject none = Api.json(alice.get("/jobs/" + id + "/steps"));
        assertEquals(0, none.getJsonArray("executions").size(), none.toString());
        assertEquals("app-run", none.getString("batchJob"));

        assertEquals(200, alice.post("/jobs/" + id + "/start", null).statusCode());
        assertEquals("FAILED", alice.awaitEnd(id).getString("state"));
        JsonObject failed = Api.json(alice.get("/jobs/" + id + "/steps"));
        List<JsonObject> runs = failed.getJsonArray("executions").getValuesAs(JsonObject.class);
        assertEquals(1, runs.size(), failed.toString());
        assertEquals(List.of("stage", "execute"), names(runs.get(0)), "collect never ran: " + failed);
        JsonObject execute = runs.get(0).getJsonArray("steps").getJsonObject(1);
        assertEquals("FAILED", execute.getString("batchStatus"), failed.toString());
        assertEquals("COMPLETED", runs.get(0).getJsonArray("steps").getJsonObject(0).getString("batchStatus"));
        assertEquals(alice.job(id).getJsonNumber("batchExecutionId").longValue(), runs.get(0).getJsonNumber("executionId").longValue());
        assertTrue(failed.containsKey("instanceId"));

        assertEquals(200, alice.post("/jobs/" + id + "/restart", null).statusCode());
        assertEquals("SUCCEEDED", alice.awaitEnd(id).getString("state"));
        JsonObject after = settledSteps(id);
        runs = after.getJsonArray("executions").getValuesAs(JsonObject.class);
        assertEquals(2, runs.size(), after.toString());
        assertEquals(List.of("execute", "collect"), names(runs.get(1)), "a restart continues at the failed step: " + after);
        assertEquals("COMPLETED", runs.get(1).getString("batchStatus"), after.toString());
        for (JsonObject step : runs.get(1).getJsonArray("steps").getValuesAs(JsonObject.class)) {
            assertEquals("COMPLETED", step.getString("batchStatus"), after.toString());
            assertNotNull(step.getString("startedAt", null), after.toString());
            assertNotNull(step.getString("endedAt", null), after.toString());
        }

        Api.problem(bob.get("/jobs/" + id + "/steps"), 404);
        assertEquals(201, alice.request("PUT", "/jobs/" + id + "/shares/bob", null, null, Map.of()).statusCode());
        assertEquals(200, bob.get("/jobs/" + id + "/steps").statusCode(), "a grantee reads the steps");
    }

    /**
     * A job's SUCCEEDED is stored by its collect step, before the batch runtime stores the
     * execution's own final status: for a few milliseconds after the job reads SUCCEEDED its
     * execution may still read STARTED (one CI run saw it). Wait for the runtime.
     */
    private JsonObject settledSteps(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonObject steps = Api.json(alice.get("/jobs/" + id + "/steps"));
            List<JsonObject> runs = steps.getJsonArray("executions").getValuesAs(JsonObject.class);
            String last = runs.isEmpty() ? "NONE" : runs.get(runs.size() - 1).getString("batchStatus");
            if (!List.of("STARTING", "STARTED").contains(last) || System.nanoTime() > deadline) {
                return steps;
            }
            Api.sleep(50);
        }
    }

    private HttpResponse<byte[]> follow(String href, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + href)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        try {
            // HTTP/1.1 as a browser following the link speaks it over plain http (Java's default
            // client upgrades to h2c, which no browser does; one full-suite run saw an early EOF there)
            return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String link(Api who, String job, String path) {
        HttpResponse<String> r = who.get("/jobs/" + job + "/download-link" + (path == null ? "" : "?path=" + path));
        assertEquals(200, r.statusCode(), r.body());
        String href = Api.json(r).getString("href");
        assertTrue(href.startsWith("/api/v1/downloads/"), href);
        return href;
    }

    @Test
    void aDownloadLinkServesTheFileWithoutACredentialWhileItsUserMayReadIt() {
        String id = alice.script("seq 1 20000 > numbers.txt; echo done").getString("id");
        assertEquals("SUCCEEDED", alice.awaitEnd(id).getString("state"));
        byte[] direct = alice.getBytes("/jobs/" + id + "/outputs/numbers.txt").body();
        assertTrue(direct.length > 100_000, "a file worth streaming: " + direct.length);

        String href = link(alice, id, "numbers.txt");
        HttpResponse<byte[]> whole = follow(href, Map.of());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(direct, whole.body());
        assertTrue(whole.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"), whole.headers().toString());
        assertTrue(whole.headers().firstValue("Content-Disposition").orElse("").contains("numbers.txt"));
        HttpResponse<byte[]> part = follow(href, Map.of("Range", "bytes=0-9"));
        assertEquals(206, part.statusCode());
        assertEquals("1\n2\n3\n4\n5\n", new String(part.body(), StandardCharsets.US_ASCII));

        HttpResponse<byte[]> archive = follow(link(alice, id, null), Map.of());
        assertEquals(200, archive.statusCode());
        assertEquals(0x1f, archive.body()[0] & 0xff, "gzip");
        assertEquals(0x8b, archive.body()[1] & 0xff, "gzip");

        Api.problem(alice.get("/jobs/" + id + "/download-link?path=missing.txt"), 404);
        Api.problem(bob.get("/jobs/" + id + "/download-link?path=numbers.txt"), 404);
        String token = href.substring(href.lastIndexOf('/') + 1);
        String forged = token.substring(0, token.indexOf('.')) + "." + "A".repeat(43);
        assertEquals(404, follow("/api/v1/downloads/" + forged, Map.of()).statusCode());
        assertEquals(404, follow("/api/v1/downloads/garbage", Map.of()).statusCode());
        String problemType = follow("/api/v1/downloads/garbage", Map.of()).headers().firstValue("Content-Type").orElse("");
        assertTrue(problemType.startsWith("application/problem+json"), problemType);

        // a grantee's link ends when the share does
        assertEquals(201, alice.request("PUT", "/jobs/" + id + "/shares/bob", null, null, Map.of()).statusCode());
        String bobs = link(bob, id, "numbers.txt");
        assertEquals(200, follow(bobs, Map.of()).statusCode());
        assertEquals(204, alice.request("DELETE", "/jobs/" + id + "/shares/bob", null, null, Map.of()).statusCode());
        assertEquals(404, follow(bobs, Map.of()).statusCode(), "the share was taken back");
        assertFalse(new String(follow(bobs, Map.of()).body(), StandardCharsets.UTF_8).contains("numbers"), "says nothing of the file");
    }

    @Test
    void anExpiredLinkIsGone() {
        String id = alice.script("echo x > x.txt").getString("id");
        assertEquals("SUCCEEDED", alice.awaitEnd(id).getString("state"));
        var domain = server.server().domain();
        domain.asadmin("create-system-properties", "plinth.downloads.link-seconds=1").requireSuccess();
        String href;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            do { // the test server reads configuration afresh; wait until the short life applies
                href = link(alice, id, "x.txt");
                Api.sleep(2500);
            } while (follow(href, Map.of()).statusCode() == 200 && System.nanoTime() < deadline);
        } finally {
            domain.asadmin("create-system-properties", "plinth.downloads.link-seconds=300").requireSuccess();
        }
        HttpResponse<byte[]> gone = follow(href, Map.of());
        assertEquals(410, gone.statusCode(), new String(gone.body(), StandardCharsets.UTF_8));
        assertTrue(new String(gone.body(), StandardCharsets.UTF_8).contains("expired"));
    }
}
