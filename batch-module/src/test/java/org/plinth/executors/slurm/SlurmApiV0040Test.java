package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.api.Command;
import org.plinth.api.Resources;

/** The v0.0.40+ adapter against bodies written from SchedMD's published v0.0.40 schema. */
class SlurmApiV0040Test {

    @TempDir
    Path dir;
    FakeSlurm fake = new FakeSlurm();
    SlurmSettings settings;
    SlurmApi api;

    @BeforeEach
    void setUp() throws IOException {
        settings = FakeSlurm.settings(dir, "v0.0.40");
        api = SlurmApi.of(FakeSlurm.client(settings, fake, new FakeSlurm.MovableClock()));
    }

    @Test
    void laterVersionsUseThisAdapter() throws IOException {
        assertInstanceOf(SlurmApiV0040.class, api);
        assertInstanceOf(SlurmApiV0040.class, SlurmApi.of(FakeSlurm.client(FakeSlurm.settings(dir, "v0.0.41"), fake, null)));
        assertInstanceOf(SlurmApiV0038.class, SlurmApi.of(FakeSlurm.client(FakeSlurm.settings(dir, "v0.0.38"), fake, null)));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SlurmApi.of(FakeSlurm.client(FakeSlurm.settings(dir, "v0.0.39"), fake, null)));
        assertTrue(e.getMessage().contains("v0.0.39"));
    }

    @Test
    void submitPutsTheScriptInsideJobAndWrapsNumbers() throws Exception {
        fake.reply(200, "v0.0.40/job_submit.response.json");
        SlurmJobSpec spec = SlurmJobSpec.forJob("j1", new Command(List.of("hyphy", "fel"), Map.of("FOO", "a=b")),
                new Resources(2, 512, 3600), 3, settings.paths().serverDataDir().resolve("jobs/j1"), "bob", settings);
        assertEquals(42, api.submit(spec));

        assertEquals("http://slurm.test:6820/slurm/v0.0.40/job/submit", fake.requests.get(0).uri().toString());
        assertEquals("bob", fake.requests.get(0).headers().get("X-SLURM-USER-NAME"));
        JsonObject body = fake.body(0);
        assertFalse(body.containsKey("script"), "v0.0.40 takes the script inside job");
        JsonObject job = body.getJsonObject("job");
        assertTrue(job.getString("script").startsWith("#!/bin/bash\n"));
        assertTrue(job.getString("script").contains("'hyphy' 'fel'"));
        assertEquals("{\"set\":true,\"infinite\":false,\"number\":60}", job.getJsonObject("time_limit").toString());
        assertEquals(512, job.getJsonObject("memory_per_node").getInt("number"));
        assertEquals(2, job.getInt("cpus_per_task"));
        assertEquals(1, job.getInt("tasks"));
        assertEquals(1, job.getInt("minimum_nodes"));
        assertEquals(1, job.getInt("maximum_nodes"));
        assertEquals("gres/gpu:3", job.getString("tres_per_job"));
        List<String> env = job.getJsonArray("environment").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        assertTrue(env.contains("FOO=a=b"), env.toString());
        assertTrue(env.contains("PLINTH_JOB_ID=j1"), env.toString());
        assertTrue(env.stream().anyMatch(v -> v.startsWith("PATH=")));
    }

    @Test
    void statesAreListsAndExitCodesAreDecodedAlready() throws Exception {
        fake.reply(200, "v0.0.40/job_get.PENDING.response.json")
                .reply(200, "v0.0.40/job_get.RUNNING_COMPLETING.response.json")
                .reply(200, "v0.0.40/job_get.COMPLETED.response.json")
                .reply(200, "v0.0.40/job_get.FAILED.response.json")
                .reply(200, "v0.0.40/job_get.CANCELLED.response.json")
                .reply(200, "v0.0.40/job_get.TIMEOUT.response.json");

        SlurmJobStatus pending = api.status(42);
        assertEquals(SlurmState.PENDING, pending.state());
        assertEquals("Priority", pending.reason());
        assertNull(pending.startTime(), "start_time number 0: not started");

        SlurmJobStatus completing = api.status(42);
        assertEquals(SlurmState.RUNNING, completing.state());
        assertEquals("RUNNING+COMPLETING", completing.rawState());
        assertNull(completing.exitCode());

        SlurmJobStatus completed = api.status(42);
        assertEquals(SlurmState.COMPLETED, completed.state());
        assertEquals(0, completed.exitCode());
        assertEquals(Instant.ofEpochSecond(1795418746), completed.endTime());
        assertEquals("plinth-j1", completed.name());
        assertEquals("plinth job j1", completed.comment());

        SlurmJobStatus failed = api.status(42);
        assertEquals(SlurmState.FAILED, failed.state());
        assertEquals(3, failed.exitCode());
        assertNull(failed.signal());
        assertEquals("NonZeroExitCode", failed.reason());

        SlurmJobStatus cancelled = api.status(42);
        assertEquals(SlurmState.CANCELLED, cancelled.state());
        assertNull(cancelled.exitCode());
        assertEquals(15, cancelled.signal());

        SlurmJobStatus timeout = api.status(42);
        assertEquals(SlurmState.TIMEOUT, timeout.state());
        assertEquals(Instant.ofEpochSecond(1795418744), timeout.startTime());
    }

    @Test
    void unknownJobsAreGoneAndCancelSaysSo() throws Exception {
        fake.reply(500, "v0.0.40/job_get_unknown.response.json")
                .reply(500, "v0.0.40/job_delete_unknown.response.json")
                .reply(200, "v0.0.40/job_delete.response.json");
        assertEquals(SlurmState.GONE, api.status(999999).state());
        assertFalse(api.cancel(999999));
        assertTrue(api.cancel(42));
        assertEquals("http://slurm.test:6820/slurm/v0.0.40/job/42", fake.requests.get(2).uri().toString());
    }

    @Test
    void pingAndDiag() throws Exception {
        fake.reply(200, "v0.0.40/ping.response.json").reply(200, "v0.0.40/diag.response.json");
        SlurmPing ping = api.ping();
        assertTrue(ping.up(), "the primary is up");
        assertEquals("ctl01: UP (primary), ctl02: DOWN (backup)", ping.controllers());
        assertEquals("23.11.6", ping.release());
        assertEquals(7, api.diag().getInt("jobs_submitted"));
    }
}
