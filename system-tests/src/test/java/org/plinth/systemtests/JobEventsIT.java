package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /jobs/events (server-sent events) and callbacks, against the real server. */
@ExtendWith(PlinthTestServer.class)
class JobEventsIT {

    private static final List<String> LIFE = List.of("QUEUED", "STAGING", "RUNNING", "COLLECTING", "SUCCEEDED");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PlinthTestServer server;
    private final Api alice;
    private final Api bob;

    JobEventsIT(PlinthTestServer server) {
        this.server = server;
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
    }

    @Test
    void stateChangesReachTheOwnerAndAdminsInOrderButNoOneElse() throws Exception {
        try (SseClient aliceEvents = new SseClient(server, server.aliceKey(), null, null);
             SseClient bobEvents = new SseClient(server, server.bobKey(), null, null);
             SseClient adminEvents = new SseClient(server, server.adminKey(), null, null)) {
            assertEquals(200, aliceEvents.status());
            assertTrue(aliceEvents.contentType().startsWith("text/event-stream"), aliceEvents.contentType());
            String id = alice.script("echo hello").getString("id");
            long lastId = 0;
            for (String state : LIFE) { // awaiting in order drops anything out of order, and then fails
                SseClient.Event e = aliceEvents.await(SseClient.state(id, state), WAIT);
                long eventId = Long.parseLong(e.id());
                assertTrue(eventId > lastId, "event ids grow: " + eventId + " after " + lastId);
                lastId = eventId;
                assertEquals("alice", e.json().getString("owner"));
                assertEquals("script", e.json().getString("app"));
                assertEquals(eventId, e.json().getJsonNumber("id").longValue());
            }
            adminEvents.await(SseClient.state(id, "SUCCEEDED"), WAIT);
            // the job's history names the same event ids
            JsonObject job = alice.job(id);
            assertEquals(lastId, job.getJsonArray("history").getJsonObject(4).getJsonNumber("eventId").longValue());
            Api.sleep(500);
            assertFalse(bobEvents.drain().stream().anyMatch(e -> e.data().contains(id)), "bob saw alice's job");
        }
    }

    @Test
    void aSharedJobsEventsReachTheGrantee() throws Exception {
        HttpResponse<String> created = alice.post("/jobs?start=false", "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}}");
        assertEquals(201, created.statusCode(), created.body());
        String id = Api.json(created).getString("id");
        try (SseClient bobEvents = new SseClient(server, server.bobKey(), null, null)) {
            assertEquals(201, alice.request("PUT", "/jobs/" + id + "/shares/bob", null, null, Map.of()).statusCode());
            assertEquals(200, alice.post("/jobs/" + id + "/start", null).statusCode());
            bobEvents.await(SseClient.state(id, "SUCCEEDED"), WAIT);
        }
    }

    @Test
    void lastEventIdReplaysWhatWasMissedAndJobFollowsOneJob() throws Exception {
        String other = alice.script("true").getString("id");
        String id = alice.script("echo replay").getString("id");
        alice.awaitEnd(other);
        JsonObject done = alice.awaitEnd(id);
        long first = done.getJsonArray("history").getJsonObject(0).getJsonNumber("eventId").longValue();
        try (SseClient replay = new SseClient(server, server.aliceKey(), "job=" + id, Long.toString(first - 1))) {
            for (String state : LIFE) {
                replay.await(SseClient.state(id, state), Duration.ofSeconds(10));
            }
            Api.sleep(300);
            assertTrue(replay.drain().stream().allMatch(e -> e.json().getString("jobId").equals(id)), "?job= lets only that job through");
        }
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        JsonObject p = Api.problem(alice.request("GET", "/jobs/events", null, null, Map.of("Last-Event-ID", "abc")), 400);
        assertEquals("Last-Event-ID", p.getJsonArray("errors").getJsonObject(0).getString("field"));
        p = Api.problem(alice.get("/jobs/events?lastEventId=-4"), 400);
        assertEquals("lastEventId", p.getJsonArray("errors").getJsonObject(0).getString("field"));
        Api.problem(alice.get("/jobs/events?job=" + java.util.UUID.randomUUID()), 404);
        Api.problem(new Api(server, null).get("/jobs/events"), 401);
    }

    @Test
    void callbacksAreSignedRetriedAndShownOnTheJob() throws Exception {
        String secret = Api.json(alice.get("/me/callback-secret")).getString("secret");
        assertEquals(secret, Api.json(alice.get("/me/callback-secret")).getString("secret"), "stable until rotated");
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // the first call fails: the server must retry it
            int status = calls.getAndIncrement() == 0 ? 500 : 204;
            if (status == 204) {
                bodies.add(body);
                signatures.add(exchange.getRequestHeaders().getFirst("X-Plinth-Signature"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?from=plinth";
            JsonObject job = alice.submit(Json.createObjectBuilder().add("app", "script").add("callback", url)
                    .add("inputs", Json.createObjectBuilder().add("script", "echo called back")).build().toString());
            String id = job.getString("id");
            assertEquals(url, job.getString("callback"));
            alice.awaitEnd(id);
            JsonObject deliveries = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                deliveries = Api.json(alice.get("/jobs/" + id + "/deliveries"));
                if (deliveries.getJsonArray("deliveries").size() == 5 && deliveries.getJsonArray("deliveries").stream()
                        .allMatch(d -> d.asJsonObject().getString("state").equals("DELIVERED"))) {
                    break;
                }
                Api.sleep(200);
            }
            List<String> states = new ArrayList<>();
            for (var d : deliveries.getJsonArray("deliveries")) {
                assertEquals("DELIVERED", d.asJsonObject().getString("state"), deliveries.toString());
                assertEquals(204, d.asJsonObject().getInt("lastStatus"));
                states.add(d.asJsonObject().getJsonObject("event").getString("state"));
            }
            assertEquals(LIFE, states);
            assertEquals(2, deliveries.getJsonArray("deliveries").getJsonObject(0).getInt("attempts"), "the 500 was retried");
            assertEquals(6, calls.get());
            for (int i = 0; i < bodies.size(); i++) {
                assertEquals(sign(secret, bodies.get(i)), signatures.get(i), "signature over the exact body bytes");
                JsonObject event = Json.createReader(new StringReader(new String(bodies.get(i), StandardCharsets.UTF_8))).readObject();
                assertEquals(id, event.getString("jobId"));
            }
            Api.problem(bob.get("/jobs/" + id + "/deliveries"), 404);
        } finally {
            receiver.stop(0);
        }
        String rotated = Api.json(alice.post("/me/callback-secret", null)).getString("secret");
        assertNotEquals(secret, rotated);
        assertEquals(rotated, Api.json(alice.get("/me/callback-secret")).getString("secret"));
    }

    @Test
    void aCallbackMustBeAPlainHttpUrl() {
        for (String bad : List.of("ftp://example.org/x", "http://user:pw@example.org/hook", "not a url", "/relative",
                "https://example.org/x#frag")) {
            HttpResponse<String> r = alice.post("/jobs", Json.createObjectBuilder().add("app", "script").add("callback", bad)
                    .add("inputs", Json.createObjectBuilder().add("script", "true")).build().toString());
            JsonObject p = Api.problem(r, 400);
            assertEquals("callback", p.getJsonArray("errors").getJsonObject(0).getString("field"), bad + ": " + p);
        }
    }

    private static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
