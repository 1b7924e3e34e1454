package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
        // a TCP connect: slurmrestd's answer to an unauthenticated request is not one Java's HTTP client parses
        URI url = URI.create(PlinthTestServer.SLURM_URL);
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(url.getHost(), url.getPort()), 3000);
        } catch (java.io.IOException e) {
            RequiredTools.missing("no slurmrestd at " + url + " (start one: sudo server-config/slurm/start-dev-cluster.sh): " + e);
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
        JsonObject status = Api.json(admin.get("/admin/slurm"));
        assertTrue(status.getBoolean("up"), status.toString());
        assertEquals("v0.0.38", status.getString("apiVersion"));
        assertEquals("minted", status.getString("tokenSource"));
        Api.problem(admin.request("PUT", "/admin/slurm/token", "text/plain", "abc", java.util.Map.of()), 409);
        Api.problem(alice.get("/admin/slurm"), 403);
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
