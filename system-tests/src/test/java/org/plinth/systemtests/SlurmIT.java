package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jobs on a real SLURM cluster through slurmrestd (server-config/slurm/start-dev-cluster.sh):
 * submitted, followed through SUBMITTED and RUNNING, collected from the shared workspace,
 * failed with SLURM's exit code, cancelled on the cluster, and re-attached after the server
 * was killed.
 */
@ExtendWith(PlinthTestServer.class)
class SlurmIT {

    private final PlinthTestServer server;
    private final Api admin;
    private final Api alice;

    SlurmIT(PlinthTestServer server) {
        this.server = server;
        this.admin = new Api(server, server.adminKey());
        this.alice = new Api(server, server.aliceKey());
    }

    @BeforeEach
    void clusterIsThere() {
        if (!PlinthTestServer.slurmReachable()) {
            RequiredTools.missing("no slurmrestd at " + PlinthTestServer.SLURM_URL
                    + " (start one: sudo server-config/slurm/start-dev-cluster.sh)");
        }
    }

    private JsonObject onSlurm(String script, String extra) {
        return alice.submit("{\"app\": \"script\", \"executor\": \"slurm\", \"inputs\": {\"script\": "
                + jakarta.json.Json.createValue(script) + "}" + extra + "}");
    }

    @Test
    void aJobRunsOnTheClusterAndIsCollected() {
        String fileId = alice.upload("in.txt", "from plinth\n".getBytes()).getString("id");
        JsonObject job = onSlurm("cat in.txt; echo \"ran as $(id -un) in slurm job $SLURM_JOB_ID\" > where.txt",
                ", \"files\": {\"in.txt\": \"" + fileId + "\"}");
        JsonObject done = alice.awaitState(job.getString("id"), Api.TERMINAL, Duration.ofSeconds(90));
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        assertEquals("slurm", done.getString("executor"));
        List<String> states = Api.history(done);
        assertTrue(states.containsAll(List.of("QUEUED", "STAGING", "SUBMITTED", "RUNNING", "COLLECTING", "SUCCEEDED")), states.toString());
        String slurmId = done.getString("externalId");
        assertEquals("from plinth\n", alice.get("/jobs/" + job.getString("id") + "/logs").body());
        assertEquals("ran as plinth in slurm job " + slurmId + "\n",
                alice.get("/jobs/" + job.getString("id") + "/outputs/where.txt").body());
    }

    @Test
    void aFailingJobFailsWithSlurmsExitCode() {
        JsonObject done = alice.awaitState(onSlurm("echo oops >&2; exit 3", "").getString("id"), Api.TERMINAL, Duration.ofSeconds(90));
        assertEquals("FAILED", done.getString("state"));
        assertEquals(3, done.getInt("exitCode"));
        assertTrue(alice.get("/jobs/" + done.getString("id") + "/logs?stream=stderr").body().contains("oops"));
    }

    @Test
    void aRestartedJobIsSubmittedToTheClusterAgain() {
        String id = onSlurm("if [ -f tried ]; then sleep 1; echo \"second run, slurm job $SLURM_JOB_ID\" > second.txt;"
                + " else touch tried; exit 3; fi", "").getString("id");
        JsonObject failed = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(90));
        assertEquals("FAILED", failed.getString("state"), failed.toString());
        String first = failed.getString("externalId");

        assertEquals(200, alice.post("/jobs/" + id + "/restart", null).statusCode());
        JsonObject done = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(90));
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        String second = done.getString("externalId");
        assertNotEquals(first, second, "the restart is a new SLURM job, not the failed one followed again");
        assertEquals("second run, slurm job " + second + "\n", alice.get("/jobs/" + id + "/outputs/second.txt").body());
    }

    @Test
    void aJobGetsTheGpusItAsksForAndMoreThanTheClusterHasIsRefused() {
        // the dev cluster's node has two stand-in GPUs (gres/gpu, start-dev-cluster.sh)
        JsonObject job = onSlurm("echo \"$CUDA_VISIBLE_DEVICES\" > gpus.txt", ", \"resources\": {\"cores\": 1, \"gpus\": 1}");
        assertEquals(1, job.getJsonObject("resources").getInt("gpus"));
        JsonObject done = alice.awaitState(job.getString("id"), Api.TERMINAL, Duration.ofSeconds(90));
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        String visible = alice.get("/jobs/" + job.getString("id") + "/outputs/gpus.txt").body().trim();
        assertTrue(visible.matches("[01]"), "SLURM gave the job one GPU: CUDA_VISIBLE_DEVICES=" + visible);

        JsonObject tooMany = alice.awaitState(onSlurm("true", ", \"resources\": {\"gpus\": 5}").getString("id"),
                Api.TERMINAL, Duration.ofSeconds(90));
        assertEquals("FAILED", tooMany.getString("state"), tooMany.toString());
        // slurmctld takes the job and ends it at once with its reason (BadConstraints here)
        assertTrue(tooMany.getString("message").contains("SLURM"), tooMany.toString());
    }

    @Test
    void cancelReachesTheCluster() {
        String id = onSlurm("sleep 120", "").getString("id");
        alice.awaitState(id, List.of("RUNNING"), Duration.ofSeconds(60));
        assertEquals(200, alice.post("/jobs/" + id + "/cancel", null).statusCode());
        JsonObject done = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(60));
        assertEquals("CANCELLED", done.getString("state"), done.toString());
    }

    @Test
    void badRequestsForSlurmAreProblems() {
        JsonObject p = Api.problem(alice.post("/jobs", "{\"app\": \"script\", \"executor\": \"cloud\", "
                + "\"inputs\": {\"script\": \"true\"}}"), 400);
        assertTrue(p.getString("detail").contains("[local, slurm]"), p.toString());
        Api.problem(admin.request("PUT", "/admin/slurm/token", "text/plain", "abc", Map.of()), 409);
        Api.problem(alice.get("/admin/executors"), 403);
    }

    @Test
    void adminsSeeTheClustersHealthAndThePathProbe() {
        JsonObject slurm = Api.json(admin.get("/admin/executors")).getJsonObject("slurm");
        assertTrue(slurm.getBoolean("up"), slurm.toString());
        assertEquals("v0.0.38", slurm.getString("apiVersion"));
        assertEquals("minted", slurm.getString("tokenSource"));
        assertTrue(slurm.getJsonObject("diag").toString().contains("jobs_submitted"), slurm.toString()); // sdiag's figures
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String probe = slurm.getJsonObject("pathProbe").getString("state");
        while (!probe.equals("OK") && !probe.equals("FAILED") && System.nanoTime() < deadline) {
            Api.sleep(500);
            probe = Api.json(admin.get("/admin/executors")).getJsonObject("slurm").getJsonObject("pathProbe").getString("state");
        }
        assertEquals("OK", probe, "the cluster must see the data folder where the path map says");
        assertTrue(Http.get(server.baseUrl() + "/health/ready", null).body().contains("\"slurm\""));
    }

    @Test
    void walltimeEndsAsTimedOut() {
        String id = onSlurm("sleep 600", ", \"resources\": {\"walltimeSeconds\": 60}").getString("id");
        JsonObject done = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(180));
        assertEquals("TIMED_OUT", done.getString("state"), done.toString());
    }

    @Test
    void jobsWaitOutAnUnreachableSlurmrestdAndTokensAreRenewed() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            RequiredTools.missing("stopping slurmrestd needs root");
        }
        String before = Api.json(admin.get("/admin/executors")).getJsonObject("slurm").getString("tokenExpiresAt", "");
        String id = onSlurm("sleep 40; echo survived", "").getString("id");
        alice.awaitState(id, List.of("RUNNING"), Duration.ofSeconds(60));
        run("bash", "-c", "kill $(cat /run/slurmrestd.pid)");
        long t0 = System.nanoTime();
        try {
            String health = "";
            while (!health.contains("\"DOWN\"") && System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos()) {
                Api.sleep(500);
                health = Http.get(server.baseUrl() + "/health/ready", null).body();
            }
            assertTrue(health.contains("\"DOWN\"") && health.contains("slurmrestd"), health);
            Api.sleep(15_000);
            assertEquals("RUNNING", alice.job(id).getString("state"), "a job must not fail while slurmrestd is away");
        } finally {
            run("bash", "server-config/slurm/start-dev-cluster.sh");
        }
        System.out.printf("[slurm-it] slurmrestd was away %.1f s%n", (System.nanoTime() - t0) / 1e9);
        JsonObject done = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        assertEquals("survived\n", alice.get("/jobs/" + id + "/logs").body());
        String after = Api.json(admin.get("/admin/executors")).getJsonObject("slurm").getString("tokenExpiresAt", "");
        assertTrue(!after.isEmpty() && !after.equals(before), "a 30 s token must have been renewed: " + before + " -> " + after);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(java.nio.file.Path.of("..").toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    @Test
    void aJobOnTheClusterSurvivesAServerCrash() {
        String id = onSlurm("sleep 15; echo finished", "").getString("id");
        String slurmId = alice.awaitState(id, List.of("RUNNING"), Duration.ofSeconds(60)).getString("externalId");
        server.kill();
        server.restartAfterKill();
        JsonObject done = alice.awaitState(id, Api.TERMINAL, Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        assertEquals(slurmId, done.getString("externalId"), "the same SLURM job, not a second submit");
        assertEquals("finished\n", alice.get("/jobs/" + id + "/logs").body());
    }
}
