package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of bad request gets a problem+json naming the field and the reason, never a 500. */
@ExtendWith(PlinthTestServer.class)
class BadInputIT {

    private final PlinthTestServer server;
    private final Api admin;
    private final Api anonymous;

    BadInputIT(PlinthTestServer server) {
        this.server = server;
        this.admin = new Api(server, server.adminKey());
        this.anonymous = new Api(server, null);
    }

    private JsonObject submit(String body, int status) {
        return Api.problem(admin.post("/jobs", body), status);
    }

    private static void field(JsonObject problem, String field, String reasonPart) {
        var errors = problem.getJsonArray("errors");
        assertTrue(errors.stream().anyMatch(e -> e.asJsonObject().getString("field").equals(field)
                && e.asJsonObject().getString("reason").contains(reasonPart)), problem.toString());
    }

    @Test
    void unknownAppIs404() {
        submit("{\"app\": \"no-such-app\"}", 404);
        Api.problem(admin.get("/apps/no-such-app"), 404);
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() {
        JsonObject p = submit("{\"app\": \"script\", ", 400);
        field(p, "body", "malformed JSON");
        submit("[1, 2]", 400);
        submit("", 400);
        submit("[".repeat(5000) + "]".repeat(5000), 400);
    }

    @Test
    void wrongTypesMissingAndUnknownFieldsAre400PerField() {
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": 42}}", 400), "inputs.script", "must be a string");
        field(submit("{\"app\": \"script\", \"inputs\": {}}", 400), "inputs.script", "is required");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\", \"shell\": \"zsh\"}}", 400), "inputs.shell", "unknown input");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, \"priority\": 1}", 400), "priority", "unknown field");
        field(submit("{\"app\": 7}", 400), "app", "must be a string");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, \"resources\": {\"cores\": \"two\"}}", 400),
                "resources.cores", "whole number");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, \"resources\": {\"cores\": 1e40}}", 400),
                "resources.cores", "between");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, \"resources\": {\"walltimeSeconds\": -5}}", 400),
                "resources.walltimeSeconds", "between");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, \"resources\": {\"gpus\": \"one\"}}", 400),
                "resources.gpus", "whole number");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, \"resources\": {\"gpus\": -1}}", 400),
                "resources.gpus", "between 0 and");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, \"resources\": {\"gpus\": 65}}", 400),
                "resources.gpus", "between 0 and 64");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, \"resources\": {\"gpus\": 1}}", 400),
                "resources.gpus", "the local executor has no GPUs");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\", \"environment\": {\"A;B\": \"x\"}}}", 400),
                "inputs.environment.A;B", "variable name");
        field(submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, \"tags\": [1]}", 400), "tags[0]", "string");
    }

    @Test
    void bodyTooLargeIs413() throws Exception {
        String big = "{\"app\": \"script\", \"inputs\": {\"script\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}}";
        // Its own HTTP/1.1 client: on an HTTP/2 (h2c) stream Payara's Grizzly never delivers an
        // answer sent before the body was read, and after a 413 it closes the connection.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/jobs"))
                .timeout(Duration.ofSeconds(30)).header("X-API-Key", server.adminKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject p = Api.problem(r, 413);
        assertTrue(p.getString("detail").contains("4194304"), p.toString());
    }

    @Test
    void wrongStateIs409() {
        String id = admin.awaitEnd(admin.script("true").getString("id")).getString("id");
        Api.problem(admin.post("/jobs/" + id + "/cancel", null), 409);
        Api.problem(admin.post("/jobs/" + id + "/restart", null), 409);
        Api.problem(admin.post("/jobs/" + id + "/start", null), 409);
    }

    @Test
    void queryAndPathMistakesAreProblems() {
        Api.problem(admin.get("/jobs?state=DONE"), 400);
        Api.problem(admin.get("/jobs?limit=100000"), 400);
        Api.problem(admin.get("/jobs?offset=-1"), 400);
        Api.problem(admin.post("/jobs?start=maybe", "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}}"), 400);
        Api.problem(admin.get("/jobs/not-a-job-id"), 404);
        Api.problem(admin.get("/no/such/path"), 404);
        Api.problem(admin.request("PATCH", "/jobs", "application/json", "{}", Map.of()), 405);
        Api.problem(admin.request("POST", "/jobs", "text/xml", "<job/>", Map.of()), 415);
        String id = admin.awaitEnd(admin.script("echo x > f.txt").getString("id")).getString("id");
        Api.problem(admin.get("/jobs/" + id + "/outputs/..%2F..%2Fetc%2Fpasswd"), 404);
        Api.problem(admin.get("/jobs/" + id + "/outputs/.plinth/exit"), 404);
        Api.problem(admin.get("/jobs/" + id + "/logs?stream=stdin"), 400);
        HttpResponse<String> range = admin.request("GET", "/jobs/" + id + "/outputs/f.txt", null, null, Map.of("Range", "bytes=99-"));
        Api.problem(range, 416);
    }

    @Test
    void noOrWrongCredentialsAre401WithAChallenge() {
        HttpResponse<String> none = anonymous.get("/apps");
        Api.problem(none, 401);
        assertEquals("Bearer realm=\"plinth\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> wrong = anonymous.request("GET", "/jobs", null, null, Map.of("Authorization", "Bearer not-a-key"));
        Api.problem(wrong, 401);
    }
}
