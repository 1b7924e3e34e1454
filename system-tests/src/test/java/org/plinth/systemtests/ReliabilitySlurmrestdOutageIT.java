package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9, reliability suite: slurmrestd is stopped for 60 s while SLURM jobs wait, run and end
 * (and more are submitted, and one is cancelled, during the outage). Afterwards every job
 * reaches the state its script decides (success, its exit status, cancelled), none is lost, none
 * runs twice, and SLURM's own record (squeue) holds exactly one SLURM job per Plinth job.
 *
 * <p>Stops the dev cluster's slurmrestd like SlurmIT does (as root) and always starts it again
 * with server-config/slurm/start-dev-cluster.sh.
 */
@Tag("reliability")
@ExtendWith(PlinthTestServer.class)
class ReliabilitySlurmrestdOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(60);

    /** What a job's script makes of it. */
    private record Expected(String state, Integer exitCode, String slurmState) {
    }

    private final PlinthTestServer server;
    private final Api alice;

    ReliabilitySlurmrestdOutageIT(PlinthTestServer server) {
        this.server = server;
        this.alice = new Api(server, server.aliceKey());
    }

    @Test
    void slurmJobsReconcileAfterAMinuteWithoutSlurmrestd() throws Exception {
        if (!PlinthTestServer.slurmReachable()) {
            RequiredTools.missing("no slurmrestd at " + PlinthTestServer.SLURM_URL
                    + " (start one: sudo server-config/slurm/start-dev-cluster.sh)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            RequiredTools.missing("stopping slurmrestd needs root");
        }
        String tag = "reloutage" + System.nanoTime();
        Expected ok = new Expected("SUCCEEDED", 0, "COMPLETED");
        Map<String, Expected> expected = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        try (SlurmQueueWatch slurmRecord = SlurmQueueWatch.start()) {
            // SLURM has 2 CPUs: the first two run into the outage, the others wait in its queue.
            String longOk = submit(tag, "long-ok", "sleep 20", expected, names, ok);
            String cancelled = submit(tag, "cancelled", "sleep 300", expected, names, new Expected("CANCELLED", null, "CANCELLED"));
            submit(tag, "fails-3", "sleep 3; exit 3", expected, names, new Expected("FAILED", 3, "FAILED"));
            submit(tag, "fails-5", "sleep 3; exit 5", expected, names, new Expected("FAILED", 5, "FAILED"));
            submit(tag, "ok-15", "sleep 15", expected, names, ok);
            submit(tag, "ok-10", "sleep 10", expected, names, ok);
            alice.awaitState(longOk, List.of("RUNNING"), Duration.ofSeconds(90));
            alice.awaitState(cancelled, List.of("RUNNING"), Duration.ofSeconds(90));
            print("before the outage: %s", JobCensus.of(alice, expected.keySet()).counts(null));

            long t0 = System.nanoTime();
            run("bash", "-c", "kill $(cat /run/slurmrestd.pid)");
            JobCensus during;
            try {
                String health = "";
                while (!health.contains("\"DOWN\"") && System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos()) {
                    Api.sleep(500);
                    health = Http.get(server.baseUrl() + "/health/ready", null).body();
                }
                assertTrue(health.contains("\"DOWN\"") && health.contains("slurmrestd"), health);
                // Accepted while SLURM cannot be reached: they wait for it.
                submit(tag, "during-ok", "sleep 2", expected, names, ok);
                submit(tag, "during-fails-4", "exit 4", expected, names, new Expected("FAILED", 4, "FAILED"));
                submit(tag, "during-ok-2", "sleep 1", expected, names, ok);
                HttpResponse<String> cancel = alice.post("/jobs/" + cancelled + "/cancel", null);
                assertTrue(cancel.statusCode() == 200 || cancel.statusCode() == 202, cancel.body());
                long left = OUTAGE.toNanos() - (System.nanoTime() - t0);
                Api.sleep(Math.max(0, left / 1_000_000));
                during = JobCensus.of(alice, expected.keySet());
            } finally {
                run("bash", "server-config/slurm/start-dev-cluster.sh");
            }
            long back = System.nanoTime();
            print("slurmrestd away %.1f s; at its end: %s", (back - t0) / 1e9, during.counts(null));
            for (String id : expected.keySet()) {
                String state = during.state(id);
                assertTrue(!Api.TERMINAL.contains(state) || state.equals(expected.get(id).state()),
                        names.get(id) + " ended " + state + " while slurmrestd was away: " + during.job(id));
            }

            JobCensus after = JobCensus.of(alice, expected.keySet());
            while (after.terminal(expected.keySet()) < expected.size() && System.nanoTime() - back < Duration.ofMinutes(4).toNanos()) {
                Api.sleep(1000);
                after = JobCensus.of(alice, expected.keySet());
            }
            double settle = (System.nanoTime() - back) / 1e9;
            slurmRecord.close();

            List<String> wrong = new ArrayList<>();
            Map<Integer, Long> runsHistogram = new TreeMap<>();
            int maxRecords = 0;
            for (var e : expected.entrySet()) {
                String id = e.getKey();
                Expected want = e.getValue();
                JsonObject job = after.job(id);
                int runs = runs(id);
                runsHistogram.merge(runs, 1L, Long::sum);
                if (job == null) {
                    wrong.add(names.get(id) + ": LOST");
                    continue;
                }
                Set<Long> records = slurmRecord.idsNamed(SlurmQueueWatch.nameOf(id));
                maxRecords = Math.max(maxRecords, records.size());
                String slurmId = job.getString("externalId", null);
                String slurmState = slurmId == null ? null : slurmRecord.state(Long.parseLong(slurmId));
                boolean right = want.state().equals(job.getString("state"))
                        && (want.exitCode() == null || job.containsKey("exitCode") && want.exitCode() == job.getInt("exitCode"))
                        && (want.state().equals("CANCELLED") ? runs <= 1 : runs == 1)
                        && slurmId != null && records.equals(Set.of(Long.parseLong(slurmId)))
                        && want.slurmState().equals(slurmState);
                if (!right) {
                    wrong.add(names.get(id) + ": " + job.getString("state") + " exit " + job.get("exitCode") + ", ran " + runs
                            + " times, SLURM jobs " + records + " (Plinth's " + slurmId + ", " + slurmState + "); wanted "
                            + want + ": " + job.getString("message", ""));
                }
            }
            print("%d jobs (%d submitted during the outage) settled %.1f s after slurmrestd came back: %s; lost %d",
                    expected.size(), 3, settle, after.counts(null), expected.size() - after.jobs().size());
            print("runs per job (runs: jobs): %s; SLURM jobs per Plinth job: max %d; in the state their script decides: %d of %d",
                    runsHistogram, maxRecords, expected.size() - wrong.size(), expected.size());
            assertEquals(expected.size(), after.terminal(expected.keySet()), "not every job ended: " + after.counts(null));
            if (!wrong.isEmpty()) {
                fail(wrong.size() + " jobs did not end as their script decides, once:\n  " + String.join("\n  ", wrong));
            }
        }
    }

    private String submit(String tag, String name, String script, Map<String, Expected> expected, Map<String, String> names,
                          Expected want) {
        String body = Json.createObjectBuilder().add("app", "script").add("executor", "slurm").add("name", tag + "-" + name)
                .add("inputs", Json.createObjectBuilder().add("script", "echo ran >> runs.log\n" + script + "\n"))
                .build().toString();
        String id = alice.submit(body).getString("id");
        expected.put(id, want);
        names.put(id, name);
        return id;
    }

    /** How often the job started: the lines of its runs.log (0 when it never ran). */
    private int runs(String id) {
        HttpResponse<String> r = alice.get("/jobs/" + id + "/outputs/runs.log");
        if (r.statusCode() == 404) {
            return 0;
        }
        assertEquals(200, r.statusCode(), r.body());
        return (int) r.body().lines().filter("ran"::equals).count();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(Path.of("..").toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    private static void print(String format, Object... args) {
        System.out.println("[reliability] slurmrestd outage: " + String.format(format, args));
    }
}
