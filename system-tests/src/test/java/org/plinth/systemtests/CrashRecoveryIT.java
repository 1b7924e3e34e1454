package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server is killed with SIGKILL while jobs run, end, wait and die; after the restart no job
 * is lost, none stays RUNNING, none runs twice, and no process is orphaned.
 */
@ExtendWith(PlinthTestServer.class)
class CrashRecoveryIT {

    private final PlinthTestServer server;
    private final Api admin;

    CrashRecoveryIT(PlinthTestServer server) {
        this.server = server;
        this.admin = new Api(server, server.adminKey());
    }

    @Test
    void everyJobIsSettledAfterAKill() throws Exception {
        String tag = "crash" + System.nanoTime();
        // Outlives the crash: re-attached, then collected normally.
        String survivor = admin.script("exec -a " + tag + "-survivor bash -c 'sleep 25; echo done > done.txt; echo ran >> runs.log'")
                .getString("id");
        // Ends while the server is down: its wrapper keeps the exit status.
        String endsAway = admin.script("sleep 3; exit 5").getString("id");
        // Dies with the server (we kill it while the server is down): failed with the reason.
        String dies = admin.script("exec -a " + tag + "-dies sleep 300").getString("id");
        for (String id : List.of(survivor, endsAway, dies)) {
            admin.awaitState(id, List.of("RUNNING"), Duration.ofSeconds(30));
        }
        // Needs every core of the executor: waits in the queue across the crash.
        JsonObject wide = admin.submit("{\"app\": \"script\", \"inputs\": {\"script\": \"echo wide\"}, \"resources\": {\"cores\": "
                + PlinthTestServer.LOCAL_CORES + "}}");
        Api.sleep(500);
        assertEquals("QUEUED", admin.job(wide.getString("id")).getString("state"));

        server.kill();
        Api.sleep(4000);
        assertTrue(JobLifecycleIT.processesNamed(tag + "-survivor") > 0, "a job's process must survive the server");
        killProcessGroupOf(tag + "-dies");
        server.restartAfterKill();

        JsonObject s = admin.awaitState(survivor, Api.TERMINAL, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", s.getString("state"), s.toString());
        assertEquals("ran\n", admin.get("/jobs/" + survivor + "/outputs/runs.log").body(), "the job must run exactly once");
        assertEquals(1, Api.history(s).stream().filter("RUNNING"::equals).count(), s.toString());

        JsonObject e = admin.awaitEnd(endsAway);
        assertEquals("FAILED", e.getString("state"));
        assertEquals(5, e.getInt("exitCode"));

        JsonObject d = admin.awaitEnd(dies);
        assertEquals("FAILED", d.getString("state"));
        assertEquals("server stopped while the job ran", d.getString("message"));
        assertEquals(0, JobLifecycleIT.processesNamed(tag + "-dies"), "orphan left");

        JsonObject w = admin.awaitState(wide.getString("id"), Api.TERMINAL, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", w.getString("state"), w.toString());
        System.out.printf("[crash] survivor re-attached, ended-away exit %d, died -> '%s', queued -> %s%n",
                e.getInt("exitCode"), d.getString("message"), w.getString("state"));
    }

    /** Kills the job's whole process group, wrapper included, so no exit status is recorded. */
    private static void killProcessGroupOf(String marker) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-f", marker).start();
        for (String pid : new String(pgrep.getInputStream().readAllBytes()).trim().split("\\s+")) {
            if (!pid.isEmpty()) {
                Process ps = new ProcessBuilder("ps", "-o", "pgid=", "-p", pid).start();
                String pgid = new String(ps.getInputStream().readAllBytes()).trim();
                ps.waitFor();
                if (!pgid.isEmpty()) {
                    new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).start().waitFor();
                }
            }
        }
        pgrep.waitFor();
    }
}
