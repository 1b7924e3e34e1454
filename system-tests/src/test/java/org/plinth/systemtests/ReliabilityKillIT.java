package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9, reliability suite: the server is killed with SIGKILL while 200 jobs are queued,
 * staging, running locally and running on SLURM. After the restart every job ends, none is
 * lost, none runs twice (each job appends a line to {@code runs.log} in its workspace), no
 * process is left behind, and every SLURM job is followed again under the SLURM id it had:
 * SLURM's own record (squeue) holds exactly one SLURM job per Plinth job. A few jobs are also
 * put, while the server is down, in the state a kill in the two narrowest windows leaves
 * (a local process launched but its pid not stored; a SLURM submit done but its id not stored).
 */
@Tag("reliability")
@ExtendWith(PlinthTestServer.class)
class ReliabilityKillIT {

    static final int JOBS = 200;
    /** Every fifth job goes to SLURM (2 CPUs on the dev cluster: most wait in SLURM's queue). */
    static final int SLURM_EVERY = 5;
    static final int INPUT_BYTES = 4 * 1024 * 1024;
    static final Duration SETTLE_LIMIT = Duration.ofMinutes(8);

    private final PlinthTestServer server;
    private final Api alice;
    /** Set between the kill and the restart. */
    private boolean serverDown;

    ReliabilityKillIT(PlinthTestServer server) {
        this.server = server;
        this.alice = new Api(server, server.aliceKey());
    }

    @Test
    void twoHundredJobsSurviveAKillOnceEach() throws Exception {
        if (!PlinthTestServer.slurmReachable()) {
            RequiredTools.missing("no slurmrestd at " + PlinthTestServer.SLURM_URL
                    + " (start one: sudo server-config/slurm/start-dev-cluster.sh)");
        }
        String tag = "relkill" + System.nanoTime();
        try (SlurmQueueWatch slurmRecord = SlurmQueueWatch.start()) {
            byte[] input = new byte[INPUT_BYTES];
            new Random(9).nextBytes(input);
            String fileId = alice.upload("in.dat", input).getString("id");

            // Submitted interleaved, so the local queue and SLURM's fill side by side.
            List<String> ids = new ArrayList<>();
            Map<String, Boolean> staged = new LinkedHashMap<>();
            for (int i = 0; i < JOBS; i++) {
                boolean slurm = i % SLURM_EVERY == 0;
                boolean withFile = slurm ? i % (2 * SLURM_EVERY) == 0 : i % SLURM_EVERY <= 2;
                String id = alice.submit(request(tag, i, slurm, withFile, fileId)).getString("id");
                ids.add(id);
                staged.put(id, withFile);
            }
            Set<String> all = new LinkedHashSet<>(ids);

            // Kill when the jobs are spread over every phase (or after 30 s, whatever it is then).
            JobCensus census = JobCensus.of(alice, all);
            long spreadDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // The census is read through the API, a moment before the kill; the database is read
            // last, so that the kill meets a local job whose pid is stored and a SLURM job whose id is
            // (the crash windows below are made from those; a 1 s job could end within the census).
            while (!(spread(census) && inFlightInDatabase(all)) && System.nanoTime() < spreadDeadline) {
                Api.sleep(150);
                census = JobCensus.of(alice, all);
            }
            server.kill();
            serverDown = true;
            try {
                afterTheKill(tag, ids, all, staged, census, slurmRecord);
            } finally {
                // a failure while the server is down must not leave it down for the tests after this one
                if (serverDown) {
                    server.restartAfterKill();
                }
            }
        }
    }

    private void afterTheKill(String tag, List<String> ids, Set<String> all, Map<String, Boolean> staged, JobCensus census,
                              SlurmQueueWatch slurmRecord) throws Exception {
        JobCensus before = census;
        long killedAt = System.nanoTime();
        print("before the kill, local: %s", before.counts("local"));
        print("before the kill, slurm: %s", before.counts("slurm"));
        long queuedWithFiles = all.stream().filter(id -> staged.get(id) && before.state(id).equals("QUEUED")).count();
        print("before the kill: %d jobs with an input file still to stage", queuedWithFiles);
        assertTrue(before.count("local", "QUEUED") > 0 && before.count("local", "RUNNING") > 0,
                "the kill must meet queued and running local jobs: " + before.counts("local"));
        assertTrue(before.count("slurm", "RUNNING") + before.count("slurm", "SUBMITTED") > 0,
                "the kill must meet jobs with SLURM: " + before.counts("slurm"));
        Map<String, String> slurmIdBefore = new TreeMap<>();
        for (String id : all) {
            JsonObject j = before.job(id);
            if (j != null && j.containsKey("externalId")) {
                slurmIdBefore.put(id, j.getString("externalId"));
            }
        }

        // The kill lands where it lands. The instants in which a kill could make a job run twice or
        // leave its process unwatched are milliseconds wide, so a few jobs are also put there, in the
        // rows and files such a kill leaves (the server is down: nothing else writes them now).
        List<String> launchedWithoutPid = forgetPids(all, 2);
        List<String> submittedWithoutId = forgetSlurmIds(all, 2);
        print("put in the crash windows: %d local jobs launched but their pid not stored, "
                + "%d SLURM jobs submitted but their SLURM id not stored", launchedWithoutPid.size(), submittedWithoutId.size());
        assertTrue(!launchedWithoutPid.isEmpty() && !submittedWithoutId.isEmpty(), "no job to put in a crash window");

        Api.sleep(1000);
        long survivors = JobLifecycleIT.processesNamed(tag);
        server.restartAfterKill();
        serverDown = false;
        long restartedAt = System.nanoTime();
        JobCensus after = JobCensus.of(alice, all);
        print("local job processes alive while the server was down: %d; server back after %.1f s",
                survivors, (restartedAt - killedAt) / 1e9);
        print("after the restart: %s", after.counts(null));

        while (after.terminal(all) < JOBS && System.nanoTime() - restartedAt < SETTLE_LIMIT.toNanos()) {
            Api.sleep(1000);
            after = JobCensus.of(alice, all);
        }
        double settle = (System.nanoTime() - restartedAt) / 1e9;
        long lost = all.stream().filter(id -> fetch(id) == null).count();
        print("settled: %d of %d jobs ended %.1f s after the restart: %s; lost %d",
                after.terminal(all), JOBS, settle, after.counts(null), lost);

        JobCensus settled = after;
        print("the crash-window jobs ended: launched without a stored pid %s, submitted without a stored SLURM id %s",
                launchedWithoutPid.stream().map(settled::state).toList(), submittedWithoutId.stream().map(settled::state).toList());

        Map<Integer, Long> runsHistogram = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (String id : ids) {
            int runs = runs(id);
            runsHistogram.merge(runs, 1L, Long::sum);
            JsonObject j = after.job(id);
            String state = after.state(id);
            if (!"SUCCEEDED".equals(state) || runs != 1) {
                wrong.add(id + " (" + (j == null ? "LOST" : j.getString("executor")) + "): " + state + ", ran " + runs
                        + " times" + (j != null && j.containsKey("message") ? ": " + j.getString("message") : "")
                        + ", before the kill " + before.state(id));
            }
        }
        Api.sleep(500);
        long orphans = JobLifecycleIT.processesNamed(tag);
        print("runs per job (runs: jobs): %s; max %d; orphan processes %d", runsHistogram,
                runsHistogram.keySet().stream().mapToInt(Integer::intValue).max().orElse(0), orphans);

        slurmRecord.close();
        int reattached = 0;
        int maxRecords = 0;
        List<String> slurmWrong = new ArrayList<>();
        for (String id : all) {
            JsonObject j = after.job(id);
            if (j == null || !"slurm".equals(j.getString("executor"))) {
                continue;
            }
            Set<Long> records = slurmRecord.idsNamed(SlurmQueueWatch.nameOf(id));
            maxRecords = Math.max(maxRecords, records.size());
            String now = j.getString("externalId", null);
            String then = slurmIdBefore.get(id);
            if (then != null && then.equals(now)) {
                reattached++;
            }
            if ((then != null && !then.equals(now)) || now == null || !records.equals(Set.of(Long.parseLong(now)))) {
                slurmWrong.add(id + ": SLURM id before the kill " + then + ", after " + now + ", SLURM's jobs of that name "
                        + records);
            }
        }
        print("SLURM: %d of %d jobs that had a SLURM id at the kill re-attached under the same id; "
                + "SLURM jobs per Plinth job: max %d", reattached, slurmIdBefore.size(), maxRecords);

        assertEquals(0, lost, "jobs lost");
        assertEquals(JOBS, after.terminal(all), "jobs not ended " + SETTLE_LIMIT + " after the restart: " + after.counts(null));
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " jobs did not succeed exactly once:\n  " + String.join("\n  ", wrong));
        }
        assertEquals(0, orphans, "processes of the test's jobs still running after every job ended");
        if (!slurmWrong.isEmpty()) {
            fail(slurmWrong.size() + " SLURM jobs not followed as one SLURM job:\n  " + String.join("\n  ", slurmWrong));
        }
        assertEquals(slurmIdBefore.size(), reattached);
    }

    /** Local jobs sleep 1 s, SLURM jobs 2 s; each first notes its run, then checks its input file. */
    private static String request(String tag, int i, boolean slurm, boolean withFile, String fileId) {
        String script = "echo ran >> runs.log\n"
                + (withFile ? "test \"$(wc -c < in.dat)\" = " + INPUT_BYTES + " || exit 9\n" : "")
                + "exec -a " + tag + "-" + i + " sleep " + (slurm ? 2 : 1) + "\n";
        var b = Json.createObjectBuilder().add("app", "script")
                .add("name", tag + "-" + i)
                .add("inputs", Json.createObjectBuilder().add("script", script));
        if (slurm) {
            b.add("executor", "slurm");
        }
        if (withFile) {
            b.add("files", Json.createObjectBuilder().add("in.dat", fileId));
        }
        return b.build().toString();
    }

    /**
     * As a kill between launching a local job's process and storing its pid leaves the job:
     * RUNNING without a pid. Answers the jobs changed.
     */
    private List<String> forgetPids(Set<String> ids, int n) throws Exception {
        return sql("UPDATE job SET pid = NULL, pid_start_ticks = NULL WHERE id IN (SELECT id FROM job WHERE executor = 'local' "
                + "AND state = 'RUNNING' AND pid IS NOT NULL AND id = ANY (?) ORDER BY created_at LIMIT " + n + ") RETURNING id", ids);
    }

    /**
     * As a kill between SLURM's answer to a submit and storing the SLURM id leaves the job:
     * STAGING without an external id, the submit marker still in its workspace.
     */
    private List<String> forgetSlurmIds(Set<String> ids, int n) throws Exception {
        List<String> changed = sql("UPDATE job SET state = 'STAGING', external_id = NULL WHERE id IN (SELECT id FROM job "
                + "WHERE executor = 'slurm' AND state IN ('SUBMITTED', 'RUNNING') AND id = ANY (?) ORDER BY created_at LIMIT " + n
                + ") RETURNING id", ids);
        for (String id : changed) {
            Path marker = server.server().config().dataDir().resolve("jobs").resolve(id).resolve(".plinth").resolve("slurm-submitting");
            Files.writeString(marker, "plinth");
        }
        return changed;
    }

    private List<String> sql(String statement, Set<String> ids) throws Exception {
        var db = server.server().database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement s = c.prepareStatement(statement)) {
            s.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            List<String> changed = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    changed.add(r.getString(1));
                }
            }
            return changed;
        }
    }

    /** Whether the database holds a local job running with its pid and a SLURM job with its SLURM id. */
    private boolean inFlightInDatabase(Set<String> ids) throws Exception {
        List<String> found = sql("SELECT executor FROM job WHERE id = ANY (?) AND ((executor = 'local' AND state = 'RUNNING' "
                + "AND pid IS NOT NULL) OR (executor = 'slurm' AND state IN ('SUBMITTED', 'RUNNING') AND external_id IS NOT NULL)) "
                + "GROUP BY executor", ids);
        return found.size() == 2;
    }

    /** Queued, staging, running locally and with SLURM all at once. */
    private static boolean spread(JobCensus c) {
        return c.count("local", "QUEUED") > 0 && c.count("local", "RUNNING") > 0
                && c.count("slurm", "RUNNING") > 0 && c.count("slurm", "SUBMITTED") > 0
                && c.count(null, "STAGING") > 0;
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

    private JsonObject fetch(String id) {
        HttpResponse<String> r = alice.get("/jobs/" + id);
        return r.statusCode() == 200 ? Api.json(r) : null;
    }

    private static void print(String format, Object... args) {
        System.out.println("[reliability] kill: " + String.format(format, args));
    }
}
