package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sweeps: one job whose execute step is partitioned, one partition per point. A 20-point astra
 * sweep over zStop on the local executor (AstraDouble cuts the genuine run's tables at each
 * point's ZSTOP, so each point's result is checked against the genuine table), a grid of the
 * in-process generator, the bound on points running at once, a cancel reaching every point, and
 * bad sweeps refused field by field.
 */
@ExtendWith(PlinthTestServer.class)
class SweepIT {

    private final Api alice;

    SweepIT(PlinthTestServer server) {
        this.alice = new Api(server, server.aliceKey());
    }

    @Test
    void twentyPointsOfAnAstraRunOnTheLocalExecutor() throws IOException {
        String generator = alice.submit("""
                {"app": "generator", "inputs": {"IPart": 2000, "totalCharge": 0.25, "Ref_Ekin": 5.0, "seed": 3}}""")
                .getString("id");
        assertEquals("SUCCEEDED", alice.awaitEnd(generator).getString("state"));

        long t0 = System.nanoTime();
        JsonObject submitted = alice.submit("{\"app\": \"astra\", \"resources\": {\"cores\": 4}, \"inputs\": {\"particles\": "
                + "\"job:" + generator + "/generator.ini\"}, \"sweep\": {\"ZSTOP\": {\"from\": 0.2, \"to\": 3.2, \"steps\": 20}}}");
        String id = submitted.getString("id");
        assertEquals(20, submitted.getJsonObject("sweep").getJsonArray("zStop").size(), submitted.toString());
        JsonObject job = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(AstraDouble.real() ? 7200 : 300));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("SUCCEEDED", job.getString("state"), job.toString());
        assertEquals(1.0, job.getJsonObject("progress").getJsonNumber("fraction").doubleValue(), 1e-9);
        assertEquals("20 of 20 points done", job.getJsonObject("progress").getString("message"));

        JsonObject result = Api.json(alice.get("/jobs/" + id + "/result"));
        JsonObject data = result.getJsonObject("data");
        System.out.printf(Locale.ROOT, "[sweep] astra (%s), 20 points on 4 cores: %d ms; %s%n",
                AstraDouble.real() ? "real ASTRA" : "test double", millis, result.getString("summary"));
        assertEquals(20, data.getInt("count"));
        assertEquals(20, data.getInt("succeeded"), data.getJsonArray("points").toString());
        List<String> columns = strings(data.getJsonObject("table").getJsonArray("columns"));
        assertEquals(List.of("point", "folder", "state", "inputs.zStop"), columns.subList(0, 4));
        JsonArray rows = data.getJsonObject("table").getJsonArray("rows");
        assertEquals(20, rows.size());
        int zStop = columns.indexOf("inputs.zStop");
        int zReached = columns.indexOf("result.zReached_m");
        int rmsX = columns.indexOf("result.finalBeam.rmsX_mm");
        int bunch = columns.indexOf("result.finalBeam.bunchLength_mm");
        int particles = columns.indexOf("result.finalParticles.particles");
        assertTrue(zReached > 0 && rmsX > 0 && bunch > 0 && particles > 0, columns.toString());
        List<double[]> xemit = AstraDouble.real() ? null : table("xfel.Xemit.001");
        List<double[]> zemit = AstraDouble.real() ? null : table("xfel.Zemit.001");
        double previousRmsX = Double.NaN;
        int changes = 0;
        for (int i = 0; i < 20; i++) {
            JsonArray row = rows.getJsonArray(i);
            double requested = 0.2 + i * 3.0 / 19;
            assertEquals(i + 1, row.getInt(0));
            assertEquals(String.format(Locale.ROOT, "points/%02d", i + 1), row.getString(1));
            assertEquals("SUCCEEDED", row.getString(2));
            assertEquals(requested, row.getJsonNumber(zStop).doubleValue(), 1e-12, "point " + (i + 1));
            double reached = row.getJsonNumber(zReached).doubleValue();
            assertTrue(reached <= requested + 1e-9 && reached > requested - 0.05, "point " + (i + 1) + " reached " + reached);
            assertEquals(2000, row.getInt(particles), "the generator's particles went through every point");
            if (xemit != null) {
                double[] x = lastAtOrBefore(xemit, requested);
                double[] z = lastAtOrBefore(zemit, requested);
                assertEquals(x[0], reached, 1e-9, "point " + (i + 1));
                assertEquals(x[3], row.getJsonNumber(rmsX).doubleValue(), 1e-9, "point " + (i + 1) + ": rms x at its own ZSTOP");
                assertEquals(z[3], row.getJsonNumber(bunch).doubleValue(), 1e-9, "point " + (i + 1) + ": bunch length");
            }
            double r = row.getJsonNumber(rmsX).doubleValue();
            changes += r != previousRmsX ? 1 : 0;
            previousRmsX = r;
        }
        assertEquals(20, changes, "each point's result is its own");

        // each point's files in its own folder, through the ordinary outputs endpoints
        List<String> outputs = Api.json(alice.get("/jobs/" + id + "/outputs")).getJsonArray("files").stream()
                .map(f -> f.asJsonObject().getString("path")).toList();
        assertTrue(outputs.contains("sweep.csv") && outputs.contains("points/01/run.in") && outputs.contains("points/20/Xemit.csv")
                && outputs.contains("points/07.result.json") && outputs.contains("points/07/run.0115.001"), outputs.toString());
        assertTrue(outputs.stream().noneMatch(p -> p.contains(".plinth")), "host files stay hidden: " + outputs);
        String run7 = alice.get("/jobs/" + id + "/outputs/points/07/run.in").body();
        assertTrue(run7.contains("ZSTOP = 1.147368421052632"), run7);
        assertTrue(run7.contains("Distribution = 'inputs/particles/generator.ini'"), run7);
        JsonObject point7 = Api.json(alice.get("/jobs/" + id + "/outputs/points/07.result.json"));
        assertTrue(point7.getJsonObject("tables").containsKey("Xemit"), "a point's full result");
        String csv = alice.get("/jobs/" + id + "/outputs/sweep.csv").body();
        assertEquals(21, csv.split("\r\n").length, csv);
        assertTrue(csv.startsWith("point,folder,state,inputs.zStop,"), csv.substring(0, 80));
        Api.problem(alice.get("/jobs/" + id + "/outputs/points/07/.plinth/stdout.log"), 404);
        assertTrue(alice.get("/jobs/" + id + "/logs?point=7").body().contains("TEST DOUBLE") || AstraDouble.real());
        Api.problem(alice.get("/jobs/" + id + "/logs?point=21"), 400);
        Api.problem(alice.get("/jobs/" + generator + "/logs?point=1"), 400);

        JsonObject view = Api.json(alice.get("/jobs/" + id));
        assertEquals("0.2", view.getJsonObject("sweep").getJsonArray("zStop").get(0).toString(), "the job shows its points");
    }

    @Test
    void aGridOfTheInProcessGenerator() {
        String id = alice.submit("""
                {"app": "generator", "resources": {"cores": 3},
                 "inputs": {"seed": 5, "referenceEnergy": 2.0},
                 "sweep": {"totalCharge": {"from": 0.1, "to": 0.3, "steps": 3}, "IPart": [1000, 2000]}}""").getString("id");
        JsonObject job = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", job.getString("state"), job.toString());
        JsonObject data = Api.json(alice.get("/jobs/" + id + "/result")).getJsonObject("data");
        List<String> columns = strings(data.getJsonObject("table").getJsonArray("columns"));
        int charge = columns.indexOf("result.statistics.totalCharge_nC");
        int particles = columns.indexOf("result.statistics.particles");
        JsonArray rows = data.getJsonObject("table").getJsonArray("rows");
        assertEquals(6, rows.size());
        double[] q = {0.1, 0.1, 0.2, 0.2, 0.3, 0.3};
        int[] n = {1000, 2000, 1000, 2000, 1000, 2000};
        for (int i = 0; i < 6; i++) {
            JsonArray row = rows.getJsonArray(i);
            assertEquals(q[i], row.getJsonNumber(columns.indexOf("inputs.totalCharge")).doubleValue(), 1e-12);
            assertEquals(n[i], row.getInt(columns.indexOf("inputs.particleCount")));
            assertEquals(-q[i], row.getJsonNumber(charge).doubleValue(), 1e-9, "point " + (i + 1) + ": the bunch has its charge");
            assertEquals(n[i], row.getInt(particles), "point " + (i + 1));
        }
        assertEquals(200, alice.getBytes("/jobs/" + id + "/outputs/points/6/generator.ini").statusCode());
    }

    @Test
    void pointsRunAtMostCoresAtOnce() {
        String id = alice.submit(sweepOfScripts("date +%s%N > start; sleep 1.5; date +%s%N > end", 6, 2)).getString("id");
        JsonObject job = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", job.getString("state"), job.toString());
        List<long[]> spans = new ArrayList<>();
        for (int p = 1; p <= 6; p++) {
            long start = Long.parseLong(alice.get("/jobs/" + id + "/outputs/points/" + p + "/start").body().trim());
            long end = Long.parseLong(alice.get("/jobs/" + id + "/outputs/points/" + p + "/end").body().trim());
            spans.add(new long[] {start, end});
            assertEquals(Integer.toString(p), alice.get("/jobs/" + id + "/outputs/points/" + p + "/n").body().trim(),
                    "each point has its own environment");
        }
        int most = 0;
        for (long[] s : spans) {
            int overlapping = (int) spans.stream().filter(o -> o[0] <= s[0] && s[0] < o[1]).count();
            most = Math.max(most, overlapping);
        }
        System.out.printf(Locale.ROOT, "[sweep] 6 points of 1.5 s on 2 cores: at most %d at once, %d ms in all%n", most,
                (spans.stream().mapToLong(s -> s[1]).max().orElseThrow() - spans.stream().mapToLong(s -> s[0]).min().orElseThrow())
                        / 1_000_000);
        assertEquals(2, most, "two at once, never more");
    }

    @Test
    void aCancelStopsEveryPoint() throws Exception {
        String id = alice.submit(sweepOfScripts("echo $$ > pid; sleep 120", 4, 2)).getString("id");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(exists(id, "points/1/pid") && exists(id, "points/2/pid"))) {
            assertTrue(System.currentTimeMillis() < deadline, "two points never started: " + alice.job(id));
            Api.sleep(100);
        }
        List<Long> pids = List.of(pid(id, 1), pid(id, 2));
        long t0 = System.nanoTime();
        assertEquals(200, alice.post("/jobs/" + id + "/cancel", null).statusCode());
        JsonObject job = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(30));
        System.out.printf(Locale.ROOT, "[sweep] cancel of 2 running points took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals("CANCELLED", job.getString("state"), job.toString());
        for (long pid : pids) {
            long end = System.currentTimeMillis() + 10_000;
            while (Files.exists(Path.of("/proc/" + pid)) && System.currentTimeMillis() < end) {
                Api.sleep(100);
            }
            assertFalse(Files.exists(Path.of("/proc/" + pid)), "point process " + pid + " still runs");
        }
        Api.sleep(1500);
        assertFalse(exists(id, "points/3/pid") || exists(id, "points/4/pid"), "no point started after the cancel");
    }

    @Test
    void aRestartRunsOnlyThePointsThatDidNotSucceed() throws Exception {
        Path flag = Path.of("/tmp/plinth-sweep-" + java.util.UUID.randomUUID());
        // point 2 waits for a flag the test sets only after cancelling the sweep
        String id = alice.submit(sweepOfScripts("echo $$ > pid; if [ \"$N\" = 2 ] && [ ! -f " + flag + " ]; then sleep 120; fi; "
                + "date +%s%N > done", 3, 1)).getString("id");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!exists(id, "points/2/pid")) {
            assertTrue(System.currentTimeMillis() < deadline, "point 2 never started: " + alice.job(id));
            Api.sleep(100);
        }
        String firstDone = alice.get("/jobs/" + id + "/outputs/points/1/done").body();
        alice.post("/jobs/" + id + "/cancel", null);
        assertEquals("CANCELLED", alice.awaitEnd(id).getString("state"));
        Files.writeString(flag, "go");
        try {
            // 409 while the cancelled sweep's batch job still ends (its other points stop), then 200
            long until = System.currentTimeMillis() + 30_000;
            var restarted = alice.post("/jobs/" + id + "/restart", null);
            while (restarted.statusCode() == 409 && System.currentTimeMillis() < until) {
                assertTrue(restarted.body().contains("still ending"), restarted.body());
                Api.sleep(200);
                restarted = alice.post("/jobs/" + id + "/restart", null);
            }
            assertEquals(200, restarted.statusCode(), restarted.body());
            JsonObject job = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(60));
            assertEquals("SUCCEEDED", job.getString("state"), job.toString());
            assertEquals(firstDone, alice.get("/jobs/" + id + "/outputs/points/1/done").body(), "point 1 did not run again");
            JsonObject data = Api.json(alice.get("/jobs/" + id + "/result")).getJsonObject("data");
            assertEquals(3, data.getInt("succeeded"), data.toString());
        } finally {
            Files.deleteIfExists(flag);
        }
    }

    @Test
    void badSweepsAreRefusedFieldByField() {
        Map<String, String> e = errors("""
                {"app": "astra", "inputs": {"particles": "job:00000000-0000-0000-0000-000000000000/x"},
                 "sweep": {"nope": [1], "title": {"from": 1, "to": 2, "steps": 2}, "cavityPhase": [0, "ten"]}}""");
        assertTrue(e.get("sweep.nope").startsWith("unknown input"), e.toString());
        assertTrue(e.get("sweep.title").contains("a range needs a numeric input"), e.toString());

        e = errors("""
                {"app": "astra", "inputs": {"zStop": 2},
                 "sweep": {"cavityPhase": [0, "ten", 20], "particles": ["a", "b"], "zStop": [1, 2]}}""");
        assertTrue(e.get("sweep.particles").startsWith("a file input cannot vary"), e.toString());
        assertEquals("also given in inputs; give it in one place", e.get("sweep.zStop"), e.toString());

        e = errors("{\"app\": \"generator\", \"sweep\": {\"cavity\": 1, \"totalCharge\": [0.1, \"ten\", -1]}}");
        assertTrue(e.get("sweep.cavity").startsWith("unknown input"), e.toString());
        e = errors("{\"app\": \"generator\", \"sweep\": {\"totalCharge\": [0.1, \"ten\", -1]}}");
        assertEquals("must be a number", e.get("sweep.totalCharge[1]"), e.toString());
        assertTrue(e.containsKey("sweep.totalCharge[2]"), "a negative charge: " + e);

        e = errors("{\"app\": \"generator\", \"sweep\": {\"totalCharge\": {\"from\": 0.1, \"to\": 1, \"steps\": 40},"
                + " \"particleCount\": {\"from\": 1000, \"to\": 26000, \"steps\": 26}}}");
        assertEquals("1040 points (40 × 26); at most 1000 (plinth.sweeps.max-points)", e.get("sweep"), e.toString());
        e = errors("{\"app\": \"generator\", \"sweep\": {\"particleCount\": {\"from\": 1, \"to\": 2, \"steps\": 3}}}");
        assertTrue(e.get("sweep.particleCount").contains("not a whole number"), e.toString());
        e = errors("{\"app\": \"generator\", \"sweep\": [1, 2]}");
        assertTrue(e.get("sweep").startsWith("must be an object"), e.toString());
        e = errors("{\"app\": \"generator\", \"sweep\": {}}");
        assertTrue(e.get("sweep").startsWith("names no input"), e.toString());
    }

    private Map<String, String> errors(String body) {
        JsonObject p = Api.problem(alice.post("/jobs", body), 400);
        return p.getJsonArray("errors").stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(o -> o.getString("field"), o -> o.getString("reason"), (a, b) -> a));
    }

    private static String sweepOfScripts(String script, int points, int cores) {
        var envs = Json.createArrayBuilder();
        for (int p = 1; p <= points; p++) {
            envs.add(Json.createObjectBuilder().add("N", Integer.toString(p)));
        }
        return Json.createObjectBuilder().add("app", "script").add("resources", Json.createObjectBuilder().add("cores", cores))
                .add("inputs", Json.createObjectBuilder().add("script", "echo $N > n; " + script))
                .add("sweep", Json.createObjectBuilder().add("environment", envs)).build().toString();
    }

    private boolean exists(String id, String path) {
        return alice.get("/jobs/" + id + "/outputs/" + path).statusCode() == 200;
    }

    private long pid(String id, int point) {
        return Long.parseLong(alice.get("/jobs/" + id + "/outputs/points/" + point + "/pid").body().trim());
    }

    private static List<String> strings(JsonArray a) {
        return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** A genuine table of the test double's run, as the double reads it. */
    private static List<double[]> table(String name) throws IOException {
        try (InputStream in = SweepIT.class.getResourceAsStream("/astra-double/" + name)) {
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank()) {
                    String[] f = line.trim().split("\\s+");
                    double[] r = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        r[i] = Double.parseDouble(f[i]);
                    }
                    rows.add(r);
                }
            }
            return rows;
        }
    }

    private static double[] lastAtOrBefore(List<double[]> rows, double z) {
        double[] last = null;
        for (double[] r : rows) {
            if (r[0] <= z + 1e-9) {
                last = r;
            }
        }
        return last;
    }
}
