package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The Plinth API as one user sees it, for the system tests. */
final class Api {

    static final List<String> TERMINAL = List.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT");

    /**
     * Downloads over HTTP/1.1, as browsers and curl do over plain http: Java's client otherwise
     * upgrades to h2c, and with Payara's Grizzly a large body after the upgrade now and then
     * arrives as plain bytes the client reads as HTTP/2 frames ("Frame type(48) … exceeds
     * MAX_FRAME_SIZE", SweepIT in a CI run on 2026-12-03; an early EOF in JobStepsAndDownloadsIT
     * before, see docs/hardening.md).
     */
    private static final java.net.http.HttpClient BYTES = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    private final String base;
    private final String header;
    private final String credential;

    /** Authenticates with {@code X-API-Key: key} (none when null). */
    Api(PlinthTestServer server, String key) {
        this(server, "X-API-Key", key);
    }

    private Api(PlinthTestServer server, String header, String credential) {
        this(server.apiUrl(), header, credential);
    }

    private Api(String apiUrl, String header, String credential) {
        this.base = apiUrl;
        this.header = header;
        this.credential = credential;
    }

    /** A server other than the shared one (e.g. ReliabilityDiskFullIT's), with {@code X-API-Key: key}. */
    static Api at(String apiUrl, String key) {
        return new Api(apiUrl, "X-API-Key", key);
    }

    /** Authenticates with {@code Authorization: Bearer token} (an access token or an API key). */
    static Api bearer(PlinthTestServer server, String token) {
        return new Api(server, "Authorization", "Bearer " + token);
    }

    HttpResponse<String> request(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            b.header(header, credential);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return Http.send(b.build());
    }

    HttpResponse<byte[]> getBytes(String path) {
        return getBytes(path, Map.of());
    }

    /** Sends bytes as the body (a raw upload); headers as given. */
    HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (credential != null) {
            b.header(header, credential);
        }
        headers.forEach(b::header);
        return Http.send(b.build());
    }

    /** Sends a body whose length is not announced (chunked), as a client streaming a file does. */
    HttpResponse<String> sendStream(String method, String path, java.util.function.Supplier<java.io.InputStream> body,
                                    Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .method(method, HttpRequest.BodyPublishers.ofInputStream(body));
        if (credential != null) {
            b.header(header, credential);
        }
        headers.forEach(b::header);
        return Http.send(b.build());
    }

    /** Uploads a file as a raw body; fails the test on anything but 201. */
    JsonObject upload(String name, byte[] content) {
        HttpResponse<String> r = send("POST", "/files?name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8),
                content, Map.of("Content-Type", "application/octet-stream"));
        assertEquals(201, r.statusCode(), r.body());
        return json(r);
    }

    HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (credential != null) {
            b.header(header, credential);
        }
        headers.forEach(b::header);
        try {
            return BYTES.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return request("GET", path, null, null, Map.of());
    }

    HttpResponse<String> post(String path, String json) {
        return request("POST", path, json == null ? null : "application/json", json, Map.of());
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** Submits and answers the created job; fails the test on anything but 201. */
    JsonObject submit(String json) {
        HttpResponse<String> r = post("/jobs", json);
        assertEquals(201, r.statusCode(), r.body());
        return json(r);
    }

    JsonObject script(String script) {
        return submit(Json.createObjectBuilder().add("app", "script")
                .add("inputs", Json.createObjectBuilder().add("script", script)).build().toString());
    }

    JsonObject job(String id) {
        HttpResponse<String> r = get("/jobs/" + id);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    JsonObject awaitState(String id, List<String> states, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject job = job(id);
        while (!states.contains(job.getString("state"))) {
            if (System.nanoTime() > deadline) {
                fail("job " + id + " still " + job.getString("state") + " after " + timeout + ", wanted " + states + ": " + job);
            }
            sleep(100);
            job = job(id);
        }
        return job;
    }

    JsonObject awaitEnd(String id) {
        return awaitState(id, TERMINAL, Duration.ofSeconds(60));
    }

    static List<String> history(JsonObject job) {
        return job.getJsonArray("history").stream().map(v -> v.asJsonObject().getString("state")).toList();
    }

    /** Asserts a problem+json answer with the status, and answers its body. */
    static JsonObject problem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.body());
        JsonObject body = json(r);
        assertEquals(status, body.getInt("status"));
        if (r.body().contains("\tat ") || r.body().contains("Exception")) {
            fail("stack trace or exception name in an answer: " + r.body());
        }
        return body;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
