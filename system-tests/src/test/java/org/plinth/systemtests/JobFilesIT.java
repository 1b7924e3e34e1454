package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Files flowing through jobs: an upload and an earlier job's output staged into a job, with
 * provenance; archives unpacked safely; and retention compressing and deleting old workspaces.
 */
@ExtendWith(PlinthTestServer.class)
class JobFilesIT {

    private final PlinthTestServer server;
    private final Api admin;
    private final Api alice;
    private final Api bob;

    JobFilesIT(PlinthTestServer server) {
        this.server = server;
        this.admin = new Api(server, server.adminKey());
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
    }

    @Test
    void anOutputOfOneJobFeedsTheNext() throws Exception {
        String first = alice.script("mkdir -p out && seq 1 5 > out/numbers.txt").getString("id");
        assertEquals("SUCCEEDED", alice.awaitEnd(first).getString("state"));
        byte[] upload = "factor 10\n".getBytes(StandardCharsets.UTF_8);
        String fileId = alice.upload("factor.txt", upload).getString("id");

        JsonObject second = alice.submit("{\"app\": \"script\", \"inputs\": {\"script\": "
                + "\"awk '{s+=$1} END {print s}' in/numbers.txt > sum.txt; cat cfg/factor.txt >> sum.txt\"}, "
                + "\"files\": {\"in/numbers.txt\": \"job:" + first + "/out/numbers.txt\", \"cfg/factor.txt\": \"" + fileId + "\"}}");
        JsonObject done = alice.awaitEnd(second.getString("id"));
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        assertEquals("15\nfactor 10\n", alice.get("/jobs/" + done.getString("id") + "/outputs/sum.txt").body());

        Map<String, JsonObject> files = new HashMap<>();
        done.getJsonArray("files").getValuesAs(JsonObject.class).forEach(f -> files.put(f.getString("path"), f));
        JsonObject numbers = files.get("in/numbers.txt");
        assertEquals(first, numbers.getString("jobId"));
        assertEquals(FilesIT.sha256("1\n2\n3\n4\n5\n".getBytes()), numbers.getString("sha256"));
        assertEquals(10, numbers.getInt("size"));
        JsonObject factor = files.get("cfg/factor.txt");
        assertEquals(fileId, factor.getString("fileId"));
        assertEquals(FilesIT.sha256(upload), factor.getString("sha256"));

        // the job's input is a link to a read-only blob: the stored file cannot be changed through it
        String vandal = alice.submit("{\"app\": \"script\", \"inputs\": {\"script\": \"echo changed > factor.txt\"}, "
                + "\"files\": {\"factor.txt\": \"" + fileId + "\"}}").getString("id");
        alice.awaitEnd(vandal);
        assertEquals("factor 10\n", alice.get("/files/" + fileId + "/content").body());

        // another user may not read alice's job outputs; a running job's outputs are not offered yet
        JsonObject p = Api.problem(bob.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, "
                + "\"files\": {\"x\": \"job:" + first + "/out/numbers.txt\"}}"), 400);
        assertTrue(p.toString().contains("no job " + first), p.toString());
        Api.problem(alice.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, "
                + "\"files\": {\"x\": \"job:" + first + "/out/missing.txt\"}}"), 400);

        // a rerun stages the same files again
        String rerun = Api.json(alice.post("/jobs/" + done.getString("id") + "/rerun", null)).getString("id");
        assertEquals("SUCCEEDED", alice.awaitEnd(rerun).getString("state"));
        assertEquals("15\nfactor 10\n", alice.get("/jobs/" + rerun + "/outputs/sum.txt").body());
    }

    @Test
    void aJobWhoseOutputsAreReadCannotBeDeleted() {
        String first = alice.script("echo x > x.txt").getString("id");
        alice.awaitEnd(first);
        String reader = alice.submit("{\"app\": \"script\", \"inputs\": {\"script\": \"sleep 60\"}, "
                + "\"files\": {\"x.txt\": \"job:" + first + "/x.txt\"}}").getString("id");
        JsonObject p = Api.problem(alice.request("DELETE", "/jobs/" + first, null, null, Map.of()), 409);
        assertTrue(p.getString("detail").contains(reader), p.toString());
        alice.post("/jobs/" + reader + "/cancel", null);
        alice.awaitEnd(reader);
        assertEquals(204, alice.request("DELETE", "/jobs/" + first, null, null, Map.of()).statusCode());
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    @Test
    void archivesAreUnpackedInsideTheirFolderOnly() throws Exception {
        String good = alice.upload("data.zip", zip(Map.of("a/b.txt", "bee", "c.txt", "sea"))).getString("id");
        JsonObject job = alice.awaitEnd(alice.submit("{\"app\": \"script\", \"inputs\": {\"script\": "
                + "\"cat data/a/b.txt data/c.txt > both.txt\"}, \"files\": {\"data\": {\"source\": \"" + good
                + "\", \"unpack\": true}}}").getString("id"));
        assertEquals("SUCCEEDED", job.getString("state"), job.toString());
        assertEquals("beesea", alice.get("/jobs/" + job.getString("id") + "/outputs/both.txt").body());

        String evil = alice.upload("evil.zip", zip(Map.of("../../../../escaped.txt", "gotcha"))).getString("id");
        JsonObject failed = alice.awaitEnd(alice.submit("{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, "
                + "\"files\": {\"data\": {\"source\": \"" + evil + "\", \"unpack\": true}}}").getString("id"));
        assertEquals("FAILED", failed.getString("state"));
        assertTrue(failed.getString("message").contains("../../../../escaped.txt"), failed.getString("message"));
        try (var walk = Files.walk(server.server().config().workDir())) {
            assertTrue(walk.noneMatch(p -> p.getFileName().toString().equals("escaped.txt")));
        }
    }

    private void sql(String statement, String jobId) throws Exception {
        var db = server.server().database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, jobId);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void retentionCompressesThenDeletesOldWorkspaces() throws Exception {
        String id = alice.script("mkdir -p out && seq 1 100000 > out/big.txt && echo logged").getString("id");
        alice.awaitEnd(id);
        sql("UPDATE job SET finished_at = now() - interval '40 days' WHERE id = ?", id); // older than compress-after-days (30)
        JsonObject report = Api.json(admin.post("/admin/retention/run", null));
        assertTrue(report.getInt("compressed") >= 1, report.toString());
        assertTrue(report.getJsonNumber("freedBytes").longValue() > 0, report.toString());
        JsonObject job = alice.job(id);
        assertEquals("compressed", job.getString("workspace"));
        assertEquals("SUCCEEDED", job.getString("state"));
        Api.problem(alice.get("/jobs/" + id + "/outputs"), 410);
        Api.problem(alice.get("/jobs/" + id + "/logs"), 410);
        Api.problem(alice.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"true\"}, "
                + "\"files\": {\"x\": \"job:" + id + "/out/big.txt\"}}"), 400);
        // the archive holds the outputs and the logs
        var archive = alice.getBytes("/jobs/" + id + "/archive");
        assertEquals(200, archive.statusCode());
        List<String> names = tarNames(archive.body());
        assertTrue(names.contains("out/big.txt") && names.contains(".plinth/stdout.log"), names.toString());
        assertFalse(Files.exists(server.server().config().dataDir().resolve("jobs").resolve(id)));

        sql("UPDATE job SET finished_at = now() - interval '400 days' WHERE id = ?", id); // older than delete-after-days
        report = Api.json(admin.post("/admin/retention/run", null));
        assertTrue(report.getInt("deleted") >= 1, report.toString());
        assertEquals("deleted", alice.job(id).getString("workspace"));
        Api.problem(alice.get("/jobs/" + id + "/archive"), 410);
    }

    private static List<String> tarNames(byte[] tgz) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (var in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            byte[] all = in.readAllBytes();
            int pos = 0;
            String pax = null;
            while (pos + 512 <= all.length && all[pos] != 0) {
                String name = new String(all, pos, 100, StandardCharsets.UTF_8).replace("\0", "");
                long size = Long.parseLong(new String(all, pos + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
                char type = (char) all[pos + 156];
                if (type != 'x') {
                    names.add(pax != null ? pax : name);
                    pax = null;
                } else {
                    String rec = new String(all, pos + 512, (int) size, StandardCharsets.UTF_8);
                    pax = rec.substring(rec.indexOf("path=") + 5, rec.indexOf('\n', rec.indexOf("path=")));
                }
                pos += 512 + (int) ((size + 511) / 512 * 512);
            }
        }
        return names;
    }
}
