package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.api.Command;
import org.plinth.api.Jsons;
import org.plinth.api.Resources;

/** The v0.0.38 adapter against bodies recorded from a live slurmrestd 22.05.8. */
class SlurmApiV0038Test {

    @TempDir
    Path dir;
    FakeSlurm fake = new FakeSlurm();
    FakeSlurm.MovableClock clock = new FakeSlurm.MovableClock();
    SlurmSettings settings;
    SlurmApi api;

    @BeforeEach
    void setUp() throws IOException {
        settings = FakeSlurm.settings(dir, "v0.0.38");
        api = SlurmApi.of(FakeSlurm.client(settings, fake, clock));
    }

    private SlurmJobSpec spec(int gpus) {
        return SlurmJobSpec.forJob("j1", new Command(List.of("astra", "run.in"), Map.of("FOO", "bar")),
                new Resources(4, 2048, 61), gpus, settings.paths().serverDataDir().resolve("jobs/j1"), "alice", settings);
    }

    @Test
    void submitMapsResourcesToV0038Fields() throws Exception {
        fake.reply(200, "v0.0.38/job_submit.response.json");
        assertEquals(2, api.submit(spec(2)));

        var request = fake.requests.get(0);
        assertEquals("POST", request.method());
        assertEquals("http://slurm.test:6820/slurm/v0.0.38/job/submit", request.uri().toString());
        assertEquals("alice", request.headers().get("X-SLURM-USER-NAME"));
        assertEquals(3, request.headers().get("X-SLURM-USER-TOKEN").split("\\.").length);
        assertEquals("application/json", request.headers().get("Content-Type"));

        JsonObject body = fake.body(0);
        assertTrue(body.getString("script").startsWith("#!/bin/bash\n"));
        JsonObject job = body.getJsonObject("job");
        String ws = settings.paths().serverDataDir().resolve("jobs/j1").toString();
        assertEquals("plinth-j1", job.getString("name"));
        assertEquals(ws, job.getString("current_working_directory"));
        assertEquals(ws + "/.plinth/stdout.log", job.getString("standard_output"));
        assertEquals(ws + "/.plinth/stderr.log", job.getString("standard_error"));
        assertEquals(1, job.getInt("tasks"));
        assertEquals(4, job.getInt("cpus_per_task"));
        assertEquals(2048, job.getInt("memory_per_node"));
        assertEquals(2, job.getInt("time_limit"), "61 s is rounded up to 2 minutes");
        assertEquals("gpu:2", job.getString("gres"));
        assertEquals("[1,1]", job.getJsonArray("nodes").toString());
        JsonObject env = job.getJsonObject("environment");
        assertEquals("bar", env.getString("FOO"));
        assertEquals("4", env.getString("OMP_NUM_THREADS"));
        assertEquals("j1", env.getString("PLINTH_JOB_ID"));
        assertTrue(env.getString("PATH").contains("/usr/bin"));
        assertFalse(job.containsKey("partition"), "no partition configured: the cluster's default");
    }

    @Test
    void submitBodyUsesOnlyKeysThatV0038Knows() throws Exception {
        // v0.0.38 answers 400 to an unknown key; the allowed ones come from the live server's own spec.
        Set<String> known;
        try (var r = Jsons.createReader(new StringReader(FakeSlurm.fixture("v0.0.38/job_properties.keys.json")))) {
            known = r.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).collect(Collectors.toSet());
        }
        SlurmSettings.JobDefaults all = new SlurmSettings.JobDefaults("debug", "avx2", "proj", "normal", Map.of("A", "1"), "module load x");
        SlurmSettings full = new SlurmSettings(settings.url(), "v0.0.38", settings.auth(), settings.users(), all,
                settings.paths(), null, null, 0);
        SlurmJobSpec spec = SlurmJobSpec.forJob("j1", Command.of("true"), new Resources(1, 1, 1), 1,
                full.paths().serverDataDir(), "alice", full);
        JsonObject job = new SlurmApiV0038(FakeSlurm.client(full, fake, clock)).submitBody(spec).getJsonObject("job");
        for (String key : job.keySet()) {
            assertTrue(known.contains(key), "v0.0.38 does not know '" + key + "'");
        }
        assertEquals("debug", job.getString("partition"));
        assertEquals("avx2", job.getString("constraints"));
        assertEquals("proj", job.getString("account"));
        assertEquals("normal", job.getString("qos"));
        assertEquals(1, job.getInt("time_limit"), "1 s still gets a whole minute");
    }

    @Test
    void aJobIdMeansSuccessEvenWithErrors() throws Exception {
        fake.reply(200, "v0.0.38/job_submit_held.response.json");
        assertEquals(3, api.submit(spec(0)));
        assertFalse(fake.body(0).getJsonObject("job").containsKey("gres"));
    }

    @Test
    void aRejectedSubmitCarriesSlurmsMessage() {
        fake.reply(500, "v0.0.38/job_submit_badpartition.response.json");
        var e = assertThrows(SlurmRejectedException.class, () -> api.submit(spec(0)));
        assertTrue(e.getMessage().contains("Invalid partition name specified"), e.getMessage());
        assertTrue(e.has(2000));
        assertEquals(500, e.httpStatus());
        assertEquals(1, fake.requests.size());
    }

    @Test
    void aBadRequestIsRejectedWithAllErrors() {
        fake.reply(400, "v0.0.38/job_submit_noenv.response.json");
        var e = assertThrows(SlurmRejectedException.class, () -> api.submit(spec(0)));
        assertTrue(e.getMessage().contains("environment must be set"), e.getMessage());
        assertTrue(e.has(2127) && e.has(9001));
    }

    @Test
    void anExpiredTokenIsRenewedAndTheRequestSentOnce() throws Exception {
        fake.reply(500, "v0.0.38/job_submit_expired_token.response.json")
                .reply(200, "v0.0.38/job_submit.response.json");
        clock.advance(Duration.ofSeconds(1)); // so that the renewed token differs from the first
        SlurmClient client = FakeSlurm.client(settings, fake, clock);
        SlurmApi api = SlurmApi.of(client);
        client.tokens().tokenFor("alice");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(2, api.submit(spec(0)));
        assertEquals(2, fake.requests.size());
        assertNotEquals(fake.requests.get(0).headers().get("X-SLURM-USER-TOKEN"),
                fake.requests.get(1).headers().get("X-SLURM-USER-TOKEN"), "the retry needs a fresh token");
    }

    @Test
    void aTokenRefusedTwiceMeansUnavailableNotRejected() {
        fake.reply(500, "v0.0.38/ping_expired_token.response.json")
                .reply(500, "v0.0.38/ping_expired_token.response.json");
        var e = assertThrows(SlurmUnavailableException.class, () -> api.ping());
        assertEquals(2, fake.requests.size());
        assertFalse(e.getMessage().contains(fake.requests.get(0).headers().get("X-SLURM-USER-TOKEN")),
                "the token must never be in a message");
    }

    @Test
    void aFullQueueIsRetriedThenReportedAsUnavailable() throws Exception {
        String busy = "{\"errors\":[{\"error_code\":11,\"error\":\"Resource temporarily unavailable\"}]}";
        SlurmTransport t = new SlurmTransport() {
            int calls;

            @Override
            public Response send(Request request) {
                calls++;
                return calls < 3 ? new Response(500, busy) : new Response(200, FakeSlurm.fixture("v0.0.38/job_submit.response.json"));
            }
        };
        SlurmApi retrying = SlurmApi.of(new SlurmClient(settings, new SlurmTokens(settings.auth(), clock), t, Duration.ofMillis(1)));
        assertEquals(2, retrying.submit(spec(0)), "two busy answers, then the job goes in");

        SlurmTransport alwaysBusy = r -> new SlurmTransport.Response(500, busy);
        SlurmApi giving = SlurmApi.of(new SlurmClient(settings, new SlurmTokens(settings.auth(), clock), alwaysBusy, Duration.ofMillis(1)));
        var e = assertThrows(SlurmUnavailableException.class, () -> giving.submit(spec(0)));
        assertTrue(e.getMessage().contains("busy"), e.getMessage());
    }

    @Test
    void noConnectionIsRetriedThenUnavailable() throws Exception {
        fake.fail(new ConnectException("refused")).fail(new ConnectException("refused"))
                .reply(200, "v0.0.38/ping.response.json");
        assertTrue(api.ping().up());
        assertEquals(3, fake.requests.size());

        FakeSlurm down = new FakeSlurm();
        for (int i = 0; i < 4; i++) {
            down.fail(new ConnectException("refused"));
        }
        SlurmClient client = FakeSlurm.client(settings, down, clock);
        var e = assertThrows(SlurmUnavailableException.class, () -> SlurmApi.of(client).status(5));
        assertEquals(1 + settings.retries(), down.requests.size());
        assertTrue(client.lastError().orElseThrow().contains("cannot be reached"));
    }

    @Test
    void aSubmitWhoseAnswerWasLostIsNotSentAgain() {
        // The job may exist already: sending it again could run it twice.
        fake.fail(new java.net.http.HttpTimeoutException("request timed out"));
        assertThrows(SlurmUnavailableException.class, () -> api.submit(spec(0)));
        assertEquals(1, fake.requests.size());
    }

    @Test
    void statesAndExitCodesFromRecordedJobs() throws Exception {
        fake.reply(200, "v0.0.38/job_get.PENDING.response.json")
                .reply(200, "v0.0.38/job_get.RUNNING.response.json")
                .reply(200, "v0.0.38/job_get.COMPLETED.response.json")
                .reply(200, "v0.0.38/job_get_fail.FAILED.response.json")
                .reply(200, "v0.0.38/job_get_sleep.COMPLETING.response.json")
                .reply(200, "v0.0.38/job_get_sleep.CANCELLED.response.json")
                .reply(200, "v0.0.38/job_get_timeout.TIMEOUT.response.json")
                .reply(200, "v0.0.38/job_get_held.PENDING.response.json");

        SlurmJobStatus pending = api.status(2);
        assertEquals(SlurmState.PENDING, pending.state());
        assertNull(pending.startTime());
        assertNull(pending.exitCode());

        SlurmJobStatus running = api.status(2);
        assertEquals(SlurmState.RUNNING, running.state());
        assertEquals(Instant.ofEpochSecond(1795418732), running.startTime());
        assertNull(running.endTime(), "a running job's end_time is its deadline, not an end");
        assertNull(running.exitCode());

        SlurmJobStatus done = api.status(2);
        assertEquals(SlurmState.COMPLETED, done.state());
        assertEquals(0, done.exitCode());
        assertEquals(Instant.ofEpochSecond(1795418734), done.endTime());
        assertEquals("feas-echo", done.name());
        assertEquals("svcuser", done.user());
        assertTrue(done.isNamed("feas-echo") && !done.isNamed("plinth-x"));

        SlurmJobStatus failed = api.status(5);
        assertEquals(SlurmState.FAILED, failed.state());
        assertEquals(3, failed.exitCode(), "768 is exit 3");
        assertNull(failed.signal());
        assertEquals("NonZeroExitCode", failed.reason());

        assertEquals(SlurmState.RUNNING, api.status(6).state(), "COMPLETING: processes may still write");

        SlurmJobStatus cancelled = api.status(6);
        assertEquals(SlurmState.CANCELLED, cancelled.state());
        assertNull(cancelled.exitCode());
        assertEquals(15, cancelled.signal());

        SlurmJobStatus timeout = api.status(4);
        assertEquals(SlurmState.TIMEOUT, timeout.state());
        assertEquals("TimeLimit", timeout.reason());
        assertEquals(15, timeout.signal());

        SlurmJobStatus held = api.status(7);
        assertEquals(SlurmState.PENDING, held.state());
        assertEquals("JobHeldUser", held.reason());
        assertEquals("http://slurm.test:6820/slurm/v0.0.38/job/7", fake.requests.get(7).uri().toString());
    }

    @Test
    void anUnknownJobIsGone() throws Exception {
        fake.reply(500, "v0.0.38/job_get_unknown.response.json");
        SlurmJobStatus s = api.status(999999);
        assertEquals(SlurmState.GONE, s.state());
        assertEquals(999999, s.jobId());
        assertTrue(s.state().ended());
    }

    @Test
    void cancelKnownAndUnknownJobs() throws Exception {
        fake.reply(200, "v0.0.38/job_delete.response.json").reply(500, "v0.0.38/job_delete_unknown.response.json");
        assertTrue(api.cancel(6, "alice"));
        assertEquals("DELETE", fake.requests.get(0).method());
        assertEquals("alice", fake.requests.get(0).headers().get("X-SLURM-USER-NAME"));
        assertFalse(api.cancel(999999));
        assertEquals("svcuser", fake.requests.get(1).headers().get("X-SLURM-USER-NAME"));
    }

    @Test
    void pingDiagAndAllJobs() throws Exception {
        fake.reply(200, "v0.0.38/ping.response.json").reply(200, "v0.0.38/diag.response.json")
                .reply(200, "v0.0.38/jobs.response.json");
        SlurmPing ping = api.ping();
        assertTrue(ping.up());
        assertEquals("vm: UP (primary)", ping.controllers());
        assertEquals("22.05.8", ping.release());
        JsonObject diag = api.diag();
        assertEquals("REQUEST_PING", diag.getJsonArray("rpcs_by_message_type").getJsonObject(0).getString("message_type"));
        List<SlurmJobStatus> jobs = api.jobs();
        assertEquals(List.of(1L, 2L), jobs.stream().map(SlurmJobStatus::jobId).toList());
        assertTrue(jobs.stream().allMatch(j -> j.state() == SlurmState.COMPLETED));
    }
}
