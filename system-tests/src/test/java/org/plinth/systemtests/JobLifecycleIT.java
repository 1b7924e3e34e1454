package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A job's whole life through the real API, Payara, batch runtime and PostgreSQL. */
@ExtendWith(PlinthTestServer.class)
class JobLifecycleIT {

    private final Api admin;

    JobLifecycleIT(PlinthTestServer server) {
        this.admin = new Api(server, server.adminKey());
    }

    @Test
    void happyPathSubmitPollLogsOutputsArchiveResult() throws Exception {
        HttpResponse<String> created = admin.post("/jobs", """
                {"app": "script", "name": "hello", "tags": ["demo"],
                 "inputs": {"script": "echo hello $WHO; echo err >&2; mkdir -p out; seq 1 1000 > out/numbers.txt",
                            "environment": {"WHO": "world"}},
                 "resources": {"cores": 1, "memoryMb": 256, "walltimeSeconds": 60}}""");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject job = Api.json(created);
        String id = job.getString("id");
        assertEquals("/api/v1/jobs/" + id, URI.create(created.headers().firstValue("Location").orElseThrow()).getPath());

        JsonObject done = admin.awaitEnd(id);
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        assertEquals(0, done.getInt("exitCode"));
        assertEquals(List.of("QUEUED", "STAGING", "RUNNING", "COLLECTING", "SUCCEEDED"), Api.history(done));
        assertTrue(done.containsKey("batchExecutionId"));
        assertTrue(done.getJsonNumber("wallTimeMs").longValue() >= 0);
        assertEquals("hello", done.getString("name"));

        assertEquals("hello world\n", admin.get("/jobs/" + id + "/logs").body());
        assertEquals("err\n", admin.get("/jobs/" + id + "/logs?stream=stderr").body());
        HttpResponse<String> offset = admin.get("/jobs/" + id + "/logs?offset=6");
        assertEquals("world\n", offset.body());
        assertEquals("12", offset.headers().firstValue("X-Next-Offset").orElseThrow());

        JsonObject outputs = Api.json(admin.get("/jobs/" + id + "/outputs"));
        List<String> paths = outputs.getJsonArray("files").stream().map(f -> f.asJsonObject().getString("path")).toList();
        assertEquals(List.of("out/numbers.txt", "script.sh"), paths);

        HttpResponse<String> file = admin.get("/jobs/" + id + "/outputs/out/numbers.txt");
        assertEquals(200, file.statusCode());
        assertTrue(file.body().startsWith("1\n2\n3\n"));
        HttpResponse<String> range = admin.request("GET", "/jobs/" + id + "/outputs/out/numbers.txt", null, null,
                Map.of("Range", "bytes=0-3"));
        assertEquals(206, range.statusCode());
        assertEquals("1\n2\n", range.body());

        HttpResponse<byte[]> archive = admin.getBytes("/jobs/" + id + "/archive");
        assertEquals(200, archive.statusCode());
        Path tgz = Files.createTempFile("job", ".tar.gz");
        Files.write(tgz, archive.body());
        Process tar = new ProcessBuilder("tar", "tzf", tgz.toString()).start();
        List<String> names = new String(tar.getInputStream().readAllBytes()).lines().sorted().toList();
        assertEquals(0, tar.waitFor());
        assertEquals(List.of("out/numbers.txt", "script.sh"), names);

        JsonObject result = Api.json(admin.get("/jobs/" + id + "/result"));
        assertEquals(0, result.getJsonObject("data").getInt("exitCode"));
    }

    @Test
    void nonZeroExitFailsWithTheExitCode() {
        JsonObject done = admin.awaitEnd(admin.script("echo broken >&2; exit 3").getString("id"));
        assertEquals("FAILED", done.getString("state"));
        assertEquals(3, done.getInt("exitCode"));
        assertEquals("exited with status 3", done.getString("message"));
        Api.problem(admin.get("/jobs/" + done.getString("id") + "/result"), 409);
    }

    @Test
    void walltimeEndsTheJobAsTimedOut() {
        JsonObject job = admin.submit("""
                {"app": "script", "inputs": {"script": "sleep 120"}, "resources": {"walltimeSeconds": 2}}""");
        JsonObject done = admin.awaitState(job.getString("id"), Api.TERMINAL, Duration.ofSeconds(30));
        assertEquals("TIMED_OUT", done.getString("state"));
        assertTrue(done.getString("message").contains("walltime"), done.getString("message"));
    }

    @Test
    void cancelKillsTheWholeProcessTree() throws Exception {
        String marker = "plinth-cancel-" + System.nanoTime();
        JsonObject job = admin.script("sleep 300 & exec -a " + marker + " sleep 300");
        String id = job.getString("id");
        admin.awaitState(id, List.of("RUNNING"), Duration.ofSeconds(30));
        Api.sleep(300);
        assertTrue(processesNamed(marker) > 0, "the job's process should run");
        HttpResponse<String> cancel = admin.post("/jobs/" + id + "/cancel", null);
        assertEquals(200, cancel.statusCode(), cancel.body());
        JsonObject done = admin.awaitState(id, Api.TERMINAL, Duration.ofSeconds(20));
        assertEquals("CANCELLED", done.getString("state"));
        assertEquals(0, processesNamed(marker), "cancel left a process behind");
        Api.problem(admin.post("/jobs/" + id + "/cancel", null), 409);
    }

    @Test
    void cancelOfAWaitingJobIsImmediate() {
        JsonObject created = Api.json(admin.post("/jobs?start=false", "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}}"));
        assertEquals("NEW", created.getString("state"));
        JsonObject cancelled = Api.json(admin.post("/jobs/" + created.getString("id") + "/cancel", null));
        assertEquals("CANCELLED", cancelled.getString("state"));
        assertEquals(List.of("NEW", "CANCELLED"), Api.history(cancelled));
    }

    @Test
    void restartContinuesAFailedJobInItsWorkspace() {
        // Fails the first time, succeeds when the step runs again in the same workspace.
        JsonObject job = admin.script("if [ -f tried ]; then echo second; else touch tried; exit 1; fi");
        String id = job.getString("id");
        JsonObject failed = admin.awaitEnd(id);
        assertEquals("FAILED", failed.getString("state"));
        long firstExecution = failed.getJsonNumber("batchExecutionId").longValue();

        HttpResponse<String> restart = admin.post("/jobs/" + id + "/restart", null);
        assertEquals(200, restart.statusCode(), restart.body());
        JsonObject done = admin.awaitState(id, List.of("SUCCEEDED"), Duration.ofSeconds(30));
        assertNotEquals(firstExecution, done.getJsonNumber("batchExecutionId").longValue());
        assertEquals("second\n", admin.get("/jobs/" + id + "/logs?tail=1").body());
        assertTrue(Api.history(done).containsAll(List.of("FAILED", "QUEUED", "SUCCEEDED")));
        Api.problem(admin.post("/jobs/" + id + "/restart", null), 409);
    }

    @Test
    void rerunMakesANewLinkedJob() {
        String id = admin.awaitEnd(admin.script("echo once").getString("id")).getString("id");
        HttpResponse<String> rerun = admin.post("/jobs/" + id + "/rerun", null);
        assertEquals(201, rerun.statusCode(), rerun.body());
        JsonObject second = Api.json(rerun);
        assertNotEquals(id, second.getString("id"));
        assertEquals(id, second.getString("rerunOf"));
        assertEquals("SUCCEEDED", admin.awaitEnd(second.getString("id")).getString("state"));
    }

    @Test
    void createUploadThenStart() {
        HttpResponse<String> created = admin.post("/jobs?start=false",
                "{\"app\": \"script\", \"inputs\": {\"script\": \"wc -l < data/input.txt\"}}");
        assertEquals(201, created.statusCode(), created.body());
        String id = Api.json(created).getString("id");
        assertEquals("NEW", Api.json(created).getString("state"));
        HttpResponse<String> put = admin.request("PUT", "/jobs/" + id + "/files/data/input.txt", "text/plain",
                "a\nb\nc\n", Map.of());
        assertEquals(201, put.statusCode(), put.body());
        Api.problem(admin.request("PUT", "/jobs/" + id + "/files/../escape.txt", "text/plain", "x", Map.of()), 400);
        assertEquals("QUEUED", Api.json(admin.post("/jobs/" + id + "/start", null)).getString("state"));
        assertEquals("SUCCEEDED", admin.awaitEnd(id).getString("state"));
        assertEquals("3\n", admin.get("/jobs/" + id + "/logs").body());
        Api.problem(admin.post("/jobs/" + id + "/start", null), 409);
        Api.problem(admin.request("PUT", "/jobs/" + id + "/files/late.txt", "text/plain", "x", Map.of()), 409);
    }

    @Test
    void idempotencyKeyReturnsTheSameJob() {
        String body = "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}}";
        String key = "retry-" + System.nanoTime();
        HttpResponse<String> first = admin.request("POST", "/jobs", "application/json", body, Map.of("Idempotency-Key", key));
        HttpResponse<String> second = admin.request("POST", "/jobs", "application/json", body, Map.of("Idempotency-Key", key));
        assertEquals(201, first.statusCode());
        assertEquals(200, second.statusCode());
        assertEquals(Api.json(first).getString("id"), Api.json(second).getString("id"));
    }

    @Test
    void deleteRemovesAFinishedJobOnly() {
        JsonObject running = admin.script("sleep 30");
        admin.awaitState(running.getString("id"), List.of("RUNNING"), Duration.ofSeconds(30));
        Api.problem(admin.request("DELETE", "/jobs/" + running.getString("id"), null, null, Map.of()), 409);
        admin.post("/jobs/" + running.getString("id") + "/cancel", null);
        admin.awaitEnd(running.getString("id"));
        assertEquals(204, admin.request("DELETE", "/jobs/" + running.getString("id"), null, null, Map.of()).statusCode());
        Api.problem(admin.get("/jobs/" + running.getString("id")), 404);
    }

    @Test
    void listIsNewestFirstAndFiltered() {
        String id = admin.awaitEnd(admin.script("exit 9").getString("id")).getString("id");
        JsonObject failed = Api.json(admin.get("/jobs?state=FAILED&app=script&limit=5"));
        assertEquals(id, failed.getJsonArray("jobs").getJsonObject(0).getString("id"));
        assertTrue(failed.getJsonArray("jobs").stream().allMatch(j -> j.asJsonObject().getString("state").equals("FAILED")));
        assertTrue(failed.getInt("total") >= 1);
        assertEquals(5, failed.getInt("limit"));
    }

    static long processesNamed(String marker) throws Exception {
        Process ps = new ProcessBuilder("pgrep", "-f", marker).start();
        long n = new String(ps.getInputStream().readAllBytes()).lines().count();
        ps.waitFor();
        return n;
    }
}
