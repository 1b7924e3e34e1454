package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Compression of finished ASTRA runs through retention, as the ASTRA web API does it: after
 * plinth.retention.compact-after-days (7) the particle files of generator and astra jobs are
 * stored as float32 within the relative error each job's user chose, and whoever reads them gets
 * ASTRA's text back: the outputs endpoints (with Range), the archive, and a later job staging one.
 */
@ExtendWith(PlinthTestServer.class)
class AstraCompactionIT {

    private final PlinthTestServer server;
    private final Api alice;
    private final Api admin;

    AstraCompactionIT(PlinthTestServer server) {
        this.server = server;
        this.alice = new Api(server, server.aliceKey());
        this.admin = new Api(server, server.adminKey());
    }

    @Test
    void retentionStoresParticleFilesAsFloat32AndAUserFetchesThemRestored() throws Exception {
        String gen = alice.submit("""
                {"app": "generator", "inputs": {"IPart": 5000, "totalCharge": 0.25, "Ref_Ekin": 5.0, "seed": 21,
                 "compressionRelativeError": 1e-4}}""").getString("id");
        assertEquals("SUCCEEDED", alice.awaitEnd(gen).getString("state"));
        String run = alice.submit("{\"app\": \"astra\", \"inputs\": {\"particles\": \"job:" + gen + "/generator.ini\", "
                + "\"zStop\": 1.0}}").getString("id");
        assertEquals("SUCCEEDED", alice.awaitState(run, Api.TERMINAL, Duration.ofSeconds(120)).getString("state"));
        String sweep = alice.submit("{\"app\": \"astra\", \"inputs\": {\"particles\": \"job:" + gen + "/generator.ini\"}, "
                + "\"sweep\": {\"zStop\": [0.5, 1.5]}}").getString("id");
        assertEquals("SUCCEEDED", alice.awaitState(sweep, Api.TERMINAL, Duration.ofSeconds(120)).getString("state"));
        byte[] generated = body(gen, "generator.ini");
        byte[] tracked = body(run, "run.0100.001");
        byte[] point2 = body(sweep, "points/2/run.0150.001");

        for (String id : List.of(gen, run, sweep)) {
            sql("UPDATE job SET finished_at = now() - interval '10 days' WHERE id = ?", id); // past compact-after-days, not compress's 30
        }
        JsonObject report = Api.json(admin.post("/admin/retention/run", null));
        System.out.println("[compaction] retention: " + report);
        assertTrue(report.getInt("compacted") >= 3, report.toString());
        assertTrue(report.getInt("compactedFiles") >= 4, report.toString());
        assertTrue(report.getJsonNumber("freedBytes").longValue() > 0, report.toString());

        Path workspace = server.server().config().dataDir().resolve("jobs").resolve(gen);
        assertFalse(Files.exists(workspace.resolve("generator.ini")), "the text file is gone");
        long compact = Files.size(workspace.resolve("generator.ini.compact"));
        System.out.printf(Locale.ROOT, "[compaction] generator.ini: %d bytes of text, %d compact (%.1f×)%n", generated.length,
                compact, (double) generated.length / compact);
        assertTrue(compact * 3 < generated.length, "float32 within 1e-4 is at least 3 times smaller than E20.12 text");
        assertFalse(Files.exists(server.server().config().dataDir().resolve("jobs").resolve(run).resolve("run.0100.001")));

        JsonObject job = alice.job(gen);
        assertTrue(job.containsKey("compactedAt"), job.toString());
        JsonObject listed = Api.json(alice.get("/jobs/" + gen + "/outputs")).getJsonArray("files").stream()
                .map(JsonObject.class::cast).filter(f -> f.getString("path").equals("generator.ini")).findFirst().orElseThrow();
        assertTrue(listed.getBoolean("compacted"), listed.toString());
        assertEquals(compact, listed.getJsonNumber("size").longValue(), "the size it takes now");

        // a user fetches the restored files: ASTRA's text, every number within the bound of its job
        byte[] restored = body(gen, "generator.ini");
        within(generated, restored, 1e-4);
        within(tracked, body(run, "run.0100.001"), 1e-6);
        within(point2, body(sweep, "points/2/run.0150.001"), 1e-6);
        assertEquals(generated.length, restored.length, "the same E20.12 layout");
        var part = alice.getBytes("/jobs/" + gen + "/outputs/generator.ini", Map.of("Range", "bytes=169-337"));
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(restored, 169, 338), part.body(), "Range on the restored file");

        // the archive holds the restored text under the file's own name
        byte[] tgz = alice.getBytes("/jobs/" + run + "/archive?glob=run.0100.*").body();
        byte[] tar;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            tar = in.readAllBytes();
        }
        String header = new String(tar, 0, 100, StandardCharsets.US_ASCII).trim();
        assertEquals("run.0100.001", header.replace("\0", ""));

        // a later job reads the compacted output as it always did
        String again = alice.submit("{\"app\": \"astra\", \"inputs\": {\"particles\": \"job:" + gen + "/generator.ini\", "
                + "\"zStop\": 0.5}}").getString("id");
        JsonObject ended = alice.awaitState(again, Api.TERMINAL, Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", ended.getString("state"), ended.toString());
        JsonObject stats = Api.json(alice.get("/jobs/" + again + "/result")).getJsonObject("data")
                .getJsonObject("finalParticles");
        assertEquals(5000, stats.getInt("particles"));

        JsonObject second = Api.json(admin.post("/admin/retention/run", null));
        assertEquals(0, second.getInt("compacted"), "a job is compacted once: " + second);
    }

    private byte[] body(String job, String path) {
        var r = alice.getBytes("/jobs/" + job + "/outputs/" + path);
        assertEquals(200, r.statusCode(), job + "/" + path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    /** Every number of the restored particle file within the bound (and the 13th digit's rounding); integers equal. */
    private static void within(byte[] original, byte[] restored, double bound) {
        String[] a = new String(original, StandardCharsets.US_ASCII).split("\n");
        String[] b = new String(restored, StandardCharsets.US_ASCII).split("\n");
        assertEquals(a.length, b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            String[] x = a[i].strip().split("\\s+");
            String[] y = b[i].strip().split("\\s+");
            assertEquals(10, y.length, "line " + (i + 1) + ": " + b[i]);
            for (int j = 0; j < 8; j++) {
                double u = Double.parseDouble(x[j]);
                double v = Double.parseDouble(y[j]);
                assertTrue(Math.abs(u - v) <= bound * Math.abs(u) + 5e-13 * Math.abs(v),
                        "line " + (i + 1) + " column " + (j + 1) + ": " + u + " became " + v);
                worst = u == 0 ? worst : Math.max(worst, Math.abs(u - v) / Math.abs(u));
            }
            assertEquals(x[8], y[8]);
            assertEquals(x[9], y[9]);
        }
        System.out.printf(Locale.ROOT, "[compaction] %d lines restored, worst relative error %.2e (bound %.0e)%n",
                a.length, worst, bound);
    }

    private void sql(String statement, String jobId) throws Exception {
        var db = server.server().database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, jobId);
            assertEquals(1, s.executeUpdate());
        }
    }
}
