package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Uploaded files on the real server: both upload forms, metadata, Range/ETag downloads, who may
 * see what, the limits (413, quota 403, disk floor 507), path tricks, an upload cut off half
 * way, and files used by jobs (409 while in use).
 */
@ExtendWith(PlinthTestServer.class)
class FilesIT {

    private final PlinthTestServer server;
    private final Api admin;
    private final Api alice;
    private final Api bob;

    FilesIT(PlinthTestServer server) {
        this.server = server;
        this.admin = new Api(server, server.adminKey());
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void rawUploadAndDownloadWithRangeAndEtag() throws Exception {
        byte[] content = random(300_000, 1);
        JsonObject file = alice.upload("image.fits", content);
        String id = file.getString("id");
        assertEquals("image.fits", file.getString("name"));
        assertEquals(content.length, file.getJsonNumber("size").longValue());
        assertEquals(sha256(content), file.getString("sha256"));
        assertEquals("application/fits", file.getString("mediaType"));
        assertEquals("alice", file.getString("owner"));
        assertTrue(file.containsKey("createdAt"));
        assertEquals(file.getString("sha256"), Api.json(alice.get("/files/" + id)).getString("sha256"));

        HttpResponse<byte[]> whole = alice.getBytes("/files/" + id + "/content", Map.of());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(content, whole.body());
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"" + sha256(content) + "\"", etag);
        assertTrue(whole.headers().firstValue("Content-Disposition").orElse("").contains("filename=\"image.fits\""));

        HttpResponse<byte[]> cached = alice.getBytes("/files/" + id + "/content", Map.of("If-None-Match", etag));
        assertEquals(304, cached.statusCode());
        assertEquals(0, cached.body().length);

        HttpResponse<byte[]> part = alice.getBytes("/files/" + id + "/content", Map.of("Range", "bytes=1000-1999"));
        assertEquals(206, part.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 1000, 2000), part.body());
        assertEquals("bytes 1000-1999/300000", part.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> tail = alice.getBytes("/files/" + id + "/content", Map.of("Range", "bytes=-10"));
        assertArrayEquals(java.util.Arrays.copyOfRange(content, content.length - 10, content.length), tail.body());
        assertEquals(416, alice.getBytes("/files/" + id + "/content", Map.of("Range", "bytes=300000-")).statusCode());
    }

    @Test
    void multipartUploadWithMeta() throws Exception {
        byte[] content = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        String boundary = "plinthTestBoundary42";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ignored.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n"
                + "{\"name\": \"tábla.csv\", \"type\": \"text/csv\", \"description\": \"two columns\"}\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = alice.send("POST", "/files", body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertEquals(201, r.statusCode(), r.body());
        JsonObject file = Api.json(r);
        assertEquals("tábla.csv", file.getString("name"));
        assertEquals("text/csv", file.getString("mediaType"));
        assertEquals("two columns", file.getString("description"));
        assertEquals(sha256(content), file.getString("sha256"));
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/files/" + file.getString("id")));
        HttpResponse<byte[]> download = alice.getBytes("/files/" + file.getString("id") + "/content", Map.of());
        assertArrayEquals(content, download.body());
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("filename*=UTF-8''t%C3%A1bla.csv"));

        // without a file part, or with an unknown field: a problem naming the field
        String noFile = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n{}\r\n--" + boundary + "--\r\n";
        assertEquals("file", Api.problem(alice.send("POST", "/files", noFile.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary)), 400)
                .getJsonArray("errors").getJsonObject(0).getString("field"));
        Api.problem(alice.send("POST", "/files", "x".getBytes(), Map.of("Content-Type", "multipart/form-data")), 400);
    }

    @Test
    void filesArePrivateToTheirOwner() {
        String id = alice.upload("mine.txt", "secret".getBytes()).getString("id");
        String bobs = bob.upload("bobs.txt", "b".getBytes()).getString("id");
        for (String path : List.of("/files/" + id, "/files/" + id + "/content")) {
            Api.problem(bob.get(path), 404);
        }
        Api.problem(bob.request("DELETE", "/files/" + id, null, null, Map.of()), 404);
        Api.problem(bob.get("/files/not-an-id"), 404);
        assertTrue(alice.get("/files?limit=500").body().contains(id));
        assertFalse(alice.get("/files?limit=500").body().contains(bobs));
        assertFalse(bob.get("/files?limit=500").body().contains(id));
        String all = admin.get("/files?limit=500").body();
        assertTrue(all.contains(id) && all.contains(bobs));
        assertEquals(200, admin.get("/files/" + id + "/content").statusCode());
        // bob cannot make a job read alice's file either
        JsonObject p = Api.problem(bob.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"cat in.txt\"}, "
                + "\"files\": {\"in.txt\": \"" + id + "\"}}"), 400);
        assertEquals("files.in.txt", p.getJsonArray("errors").getJsonObject(0).getString("field"));
        Api.problem(alice.get("/files?limit=0"), 400);
    }

    @Test
    void pathTricksAreRefused() {
        long jobsBefore = Api.json(alice.get("/jobs?limit=1")).getJsonNumber("total").longValue();
        for (String name : List.of("../x", "a/b", "..", ".", "x%00y", "a%0Ab", "", "%2Fetc%2Fpasswd")) {
            HttpResponse<String> r = alice.send("POST", "/files?name=" + name, "x".getBytes(),
                    Map.of("Content-Type", "application/octet-stream"));
            assertEquals("name", Api.problem(r, 400).getJsonArray("errors").getJsonObject(0).getString("field"), name);
        }
        String id = alice.upload("ok.txt", "ok".getBytes()).getString("id");
        for (String path : List.of("../x", "/etc/x", ".plinth/exit", "a/../../b", "a//b", "a/")) {
            String body = Json.createObjectBuilder().add("app", "script").add("inputs", Json.createObjectBuilder().add("script", "true"))
                    .add("files", Json.createObjectBuilder().add(path, id)).build().toString();
            JsonObject p = Api.problem(alice.post("/jobs", body), 400);
            assertEquals("files." + path, p.getJsonArray("errors").getJsonObject(0).getString("field"), path);
        }
        for (String ref : List.of("job:../../etc/passwd", "job:" + id + "/../x", "nope", "job:", id + "/x")) {
            String body = Json.createObjectBuilder().add("app", "script").add("inputs", Json.createObjectBuilder().add("script", "true"))
                    .add("files", Json.createObjectBuilder().add("in", ref)).build().toString();
            Api.problem(alice.post("/jobs", body), 400);
        }
        assertEquals(jobsBefore, Api.json(alice.get("/jobs?limit=1")).getJsonNumber("total").longValue(),
                "a refused submit creates no job");
    }

    @Test
    void tooLargeIs413WithTheLimit() throws Exception {
        byte[] big = new byte[(int) PlinthTestServer.UPLOAD_LIMIT + 1];
        // HTTP/1.1: on an h2c stream Grizzly never delivers an answer sent before the body was read
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/files?name=big.bin"))
                .timeout(Duration.ofSeconds(60)).header("X-API-Key", server.aliceKey())
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject p = Api.problem(r, 413);
        assertTrue(p.getString("detail").contains(Long.toString(PlinthTestServer.UPLOAD_LIMIT)), p.toString());
        assertEquals(PlinthTestServer.UPLOAD_LIMIT, p.getJsonNumber("limitBytes").longValue());
        assertFalse(alice.get("/files?limit=500").body().contains("big.bin"));
    }

    @Test
    void quotaIsEnforcedAndShown() {
        Api dave = new Api(server, server.daveKey());
        JsonObject usage = Api.json(dave.get("/me/usage"));
        assertEquals(3, usage.getJsonObject("files").getInt("quotaCount"));
        for (JsonObject f : Api.json(dave.get("/files?limit=500")).getJsonArray("files").getValuesAs(JsonObject.class)) {
            dave.request("DELETE", "/files/" + f.getString("id"), null, null, Map.of()); // a rerun of this test
        }
        JsonObject tooBig = Api.problem(dave.send("POST", "/files?name=big.bin", new byte[150_000],
                Map.of("Content-Type", "application/octet-stream")), 403);
        assertEquals("bytes", tooBig.getString("quota"));
        assertEquals(100_000, tooBig.getJsonNumber("quotaBytes").longValue());
        String first = dave.upload("1.txt", new byte[40_000]).getString("id");
        dave.upload("2.txt", new byte[40_000]);
        JsonObject over = Api.problem(dave.send("POST", "/files?name=3.txt", new byte[40_000],
                Map.of("Content-Type", "application/octet-stream")), 403);
        assertEquals("bytes", over.getString("quota"));
        assertEquals(80_000, over.getJsonNumber("usedBytes").longValue());
        dave.upload("3.txt", new byte[10]);
        JsonObject count = Api.problem(dave.send("POST", "/files?name=4.txt", new byte[1],
                Map.of("Content-Type", "application/octet-stream")), 403);
        assertEquals("files", count.getString("quota"));
        assertTrue(count.getString("detail").contains("3 files"), count.toString());
        usage = Api.json(dave.get("/me/usage")).getJsonObject("files");
        assertEquals(3, usage.getInt("count"));
        assertEquals(80_010, usage.getJsonNumber("bytes").longValue());
        assertEquals(204, dave.request("DELETE", "/files/" + first, null, null, Map.of()).statusCode());
        dave.upload("4.txt", new byte[1]);
    }

    @Test
    void diskFloorRefusesUploadsAndStartsWith507() {
        var domain = server.server().domain();
        // Limits are read at each use; the test server has Payara's config cache off, so the
        // change shows within moments (in production within the cache's 60 s).
        domain.asadmin("create-system-properties", "plinth.disk.min-free-bytes=" + Long.MAX_VALUE / 2).requireSuccess();
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> refused = alice.send("POST", "/files?name=x.txt", "x".getBytes(),
                    Map.of("Content-Type", "application/octet-stream"));
            while (refused.statusCode() == 201 && System.nanoTime() - t0 < Duration.ofSeconds(75).toNanos()) {
                alice.request("DELETE", "/files/" + Api.json(refused).getString("id"), null, null, Map.of());
                Api.sleep(500); // a cached config value may take until its cache time runs out
                refused = alice.send("POST", "/files?name=x.txt", "x".getBytes(), Map.of("Content-Type", "application/octet-stream"));
            }
            System.out.printf("[files-it] the new disk floor applied after %.1f s%n", (System.nanoTime() - t0) / 1e9);
            JsonObject p = Api.problem(refused, 507);
            assertTrue(p.getString("detail").contains("plinth.disk.min-free-bytes"), p.toString());
            Api.problem(alice.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}}"), 507);
            assertTrue(Api.json(alice.get("/me/usage")).getJsonObject("disk").getJsonNumber("minFreeBytes").longValue() > 0);
        } finally {
            // back to the default (deleting the property leaves the JVM's copy in place)
            domain.asadmin("create-system-properties", "plinth.disk.min-free-bytes=1073741824").requireSuccess();
            long t0 = System.nanoTime();
            while (alice.send("POST", "/files?name=x.txt", "x".getBytes(), Map.of("Content-Type", "application/octet-stream"))
                    .statusCode() == 507 && System.nanoTime() - t0 < Duration.ofSeconds(75).toNanos()) {
                Api.sleep(500);
            }
        }
        alice.upload("x.txt", "x".getBytes());
    }

    @Test
    void anUploadCutOffHalfWayLeavesNothing() throws Exception {
        long before = Api.json(alice.get("/files?limit=1")).getJsonNumber("total").longValue();
        Path incoming = server.server().config().dataDir().resolve("files/.incoming");
        for (boolean multipart : new boolean[] {false, true}) {
            try (Socket socket = new Socket("localhost", server.server().httpPort())) {
                OutputStream out = socket.getOutputStream();
                String type = multipart ? "multipart/form-data; boundary=XyZ" : "application/octet-stream";
                out.write(("POST /api/v1/files?name=cut.bin HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + server.aliceKey()
                        + "\r\nContent-Type: " + type + "\r\nContent-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                if (multipart) {
                    out.write("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.bin\"\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                }
                out.write(new byte[1_000_000]);
                out.flush();
                Api.sleep(300);
            } // closed mid-body
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (partFiles(incoming) > 0 && System.currentTimeMillis() < deadline) {
            Api.sleep(100);
        }
        assertEquals(0, partFiles(incoming), "temporary files left in " + incoming);
        assertEquals(before, Api.json(alice.get("/files?limit=1")).getJsonNumber("total").longValue());
        assertFalse(alice.get("/files?limit=500").body().contains("cut.bin"));
    }

    private static long partFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void aFileInUseCannotBeDeleted() {
        String id = alice.upload("in.txt", "input\n".getBytes()).getString("id");
        String job = alice.submit("{\"app\": \"script\", \"inputs\": {\"script\": \"cat in.txt; sleep 60\"}, "
                + "\"files\": {\"in.txt\": \"" + id + "\"}}").getString("id");
        JsonObject p = Api.problem(alice.request("DELETE", "/files/" + id, null, null, Map.of()), 409);
        assertTrue(p.getString("detail").contains(job), p.toString());
        alice.post("/jobs/" + job + "/cancel", null);
        alice.awaitEnd(job);
        assertEquals(204, alice.request("DELETE", "/files/" + id, null, null, Map.of()).statusCode());
        Api.problem(alice.get("/files/" + id), 404);
        Api.problem(alice.request("DELETE", "/files/" + id, null, null, Map.of()), 404);
    }

    @Test
    void orphanedBytesAreRepaired() throws Exception {
        // what a crash between writing the bytes and committing the record leaves behind
        Path data = server.server().config().dataDir();
        String orphanId = java.util.UUID.randomUUID().toString();
        Path orphan = data.resolve("files").resolve(orphanId.substring(0, 2)).resolve(orphanId);
        Path part = data.resolve("files/.incoming").resolve(java.util.UUID.randomUUID() + ".part");
        Files.createDirectories(orphan.getParent());
        Files.createDirectories(part.getParent());
        Files.write(orphan, new byte[100]);
        Files.write(part, new byte[100]);
        String kept = alice.upload("kept.txt", "kept".getBytes()).getString("id");
        var old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(orphan, old);
        Files.setLastModifiedTime(part, old);
        Path keptBlob = data.resolve("files").resolve(kept.substring(0, 2)).resolve(kept);
        Files.setLastModifiedTime(keptBlob, old);
        JsonObject report = Api.json(admin.post("/admin/retention/run", null));
        assertTrue(report.getInt("orphansRemoved") >= 2, report.toString());
        assertFalse(Files.exists(orphan));
        assertFalse(Files.exists(part));
        assertTrue(Files.exists(keptBlob), "a file with a record is kept");
        assertEquals("kept", alice.get("/files/" + kept + "/content").body());
        Api.problem(alice.post("/admin/retention/run", null), 403);
    }
}
