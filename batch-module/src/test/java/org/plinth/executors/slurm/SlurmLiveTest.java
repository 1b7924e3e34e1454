package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plinth.api.Command;
import org.plinth.api.Resources;

/**
 * Against the real slurmrestd of {@code server-config/slurm/start-dev-cluster.sh}. Skipped, with
 * the reason printed, when it is not reachable at {@code PLINTH_SLURM_URL} (default
 * http://127.0.0.1:6820) or its key is not readable; a failure instead when
 * {@code PLINTH_REQUIRE_TOOLS=true} (CI). Also: {@code PLINTH_SLURM_KEY} (default
 * /var/spool/slurm/jwt_hs256.key), {@code PLINTH_SLURM_JOB_USER} (default plinth),
 * {@code PLINTH_SLURM_API} (default v0.0.38).
 */
class SlurmLiveTest {

    static final Duration JOB_WAIT = Duration.ofSeconds(90);
    static URI url;
    static Path key;
    static String jobUser;
    static String apiVersion;
    static Path dataDir;
    static SlurmSettings settings;
    static SlurmApi api;
    static String absentReason;

    @BeforeAll
    static void findCluster() throws IOException {
        url = URI.create(env("PLINTH_SLURM_URL", "http://127.0.0.1:6820"));
        key = Path.of(env("PLINTH_SLURM_KEY", "/var/spool/slurm/jwt_hs256.key"));
        jobUser = env("PLINTH_SLURM_JOB_USER", "plinth");
        apiVersion = env("PLINTH_SLURM_API", "v0.0.38");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort()), 1000);
        } catch (IOException e) {
            absent("slurmrestd is not reachable at " + url + " (" + e.getMessage()
                    + "); start it with server-config/slurm/start-dev-cluster.sh");
            return;
        }
        if (!Files.isReadable(key)) {
            absent("the SLURM JWT key " + key + " is not readable");
            return;
        }
        // Jobs run as jobUser on this machine: the workspace must be theirs to write.
        dataDir = Files.createTempDirectory("plinth-slurm-live");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        settings = SlurmSettings.minting(url, apiVersion, key, jobUser, dataDir);
        api = SlurmApi.connect(settings);
    }

    @AfterAll
    static void removeWorkspaces() throws IOException {
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void absent(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("PLINTH_REQUIRE_TOOLS"))) {
            fail(reason + " but PLINTH_REQUIRE_TOOLS=true");
        }
        System.out.println("SlurmLiveTest skipped: " + reason);
        absentReason = reason;
    }

    /** Each test is reported as skipped, not the class silently as zero tests. */
    @BeforeEach
    void requireCluster() {
        Assumptions.assumeTrue(absentReason == null, () -> absentReason);
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }

    private static Path workspace() throws IOException {
        Path ws = dataDir.resolve("jobs").resolve(UUID.randomUUID().toString());
        Files.createDirectories(ws.resolve(".plinth"));
        for (Path p : List.of(dataDir.resolve("jobs"), ws, ws.resolve(".plinth"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        return ws;
    }

    private static SlurmJobSpec spec(Path ws, String shell, long walltimeSeconds) {
        String jobId = ws.getFileName().toString();
        return SlurmJobSpec.forJob(jobId, new Command(List.of("bash", "-c", shell), Map.of("GREETING", "hi there")),
                new Resources(1, 100, walltimeSeconds), 0, ws, jobUser, settings);
    }

    /** Polls until the state satisfies {@code until}; answers every state seen, in order, without repeats. */
    private static List<SlurmJobStatus> await(long id, Predicate<SlurmJobStatus> until) throws Exception {
        List<SlurmJobStatus> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(JOB_WAIT);
        while (Instant.now().isBefore(deadline)) {
            SlurmJobStatus s = api.status(id);
            if (seen.isEmpty() || seen.get(seen.size() - 1).state() != s.state()) {
                seen.add(s);
            }
            if (until.test(s)) {
                return seen;
            }
            Thread.sleep(100);
        }
        fail("SLURM job " + id + " did not get there within " + JOB_WAIT + "; states seen: " + seen);
        return seen;
    }

    @Test
    void theListingIsAskedForOnlyWhenAJobChanged() throws Exception {
        long future = java.time.Instant.now().getEpochSecond() + 3600;
        assertTrue(api.jobsIfChangedSince(future).isEmpty(), "no change after a time to come: slurmrestd's 304");
        var all = api.jobsIfChangedSince(0);
        assertTrue(all.isPresent(), "every job changed since 1970: the full listing");
    }

    @Test
    void pingAndDiag() throws Exception {
        SlurmPing ping = api.ping();
        assertTrue(ping.up(), ping.toString());
        assertFalse(ping.release().isEmpty());
        assertTrue(api.diag().containsKey("jobs_submitted"));
    }

    @Test
    void aFailingJobRunsAsTheJobUserAndEndsFailedWithItsExitCode() throws Exception {
        Path ws = workspace();
        SlurmJobSpec spec = spec(ws, "echo \"$GREETING from $(id -un)\" > out.txt; echo oops >&2; exit 3", 300);
        long t0 = System.nanoTime();
        long id = api.submit(spec);
        assertTrue(id > 0);

        List<SlurmJobStatus> seen = await(id, s -> s.state().ended());
        System.out.printf("SlurmLiveTest: job %d seen %s, ended after %d ms%n", id,
                seen.stream().map(SlurmJobStatus::state).toList(), (System.nanoTime() - t0) / 1_000_000);
        SlurmJobStatus end = seen.get(seen.size() - 1);
        assertTrue(seen.get(0).state() == SlurmState.PENDING || seen.get(0).state() == SlurmState.RUNNING,
                "first seen " + seen);
        assertEquals(SlurmState.FAILED, end.state(), seen.toString());
        assertEquals(3, end.exitCode());
        assertNull(end.signal());
        assertEquals("NonZeroExitCode", end.reason());
        assertEquals(jobUser, end.user());
        assertTrue(end.isNamed(spec.name()), end.name());
        assertNotNull(end.startTime());
        assertNotNull(end.endTime());

        assertEquals("hi there from " + jobUser, Files.readString(ws.resolve("out.txt")).trim());
        assertEquals("3", Files.readString(ws.resolve(".plinth/exit")).trim());
        assertEquals(Long.toString(id), Files.readString(ws.resolve(".plinth/slurm-job")).trim());
        assertEquals("oops", Files.readString(ws.resolve(".plinth/stderr.log")).trim());

        assertTrue(api.jobs().stream().anyMatch(j -> j.jobId() == id && j.state() == SlurmState.FAILED),
                "the bulk list has it too");
    }

    @Test
    void aRunningJobIsCancelled() throws Exception {
        Path ws = workspace();
        long id = api.submit(spec(ws, "sleep 60", 300));
        try {
            await(id, s -> s.state() == SlurmState.RUNNING);
            assertTrue(api.cancel(id));
            List<SlurmJobStatus> seen = await(id, s -> s.state().ended());
            SlurmJobStatus end = seen.get(seen.size() - 1);
            assertEquals(SlurmState.CANCELLED, end.state(), seen.toString());
            assertNull(end.exitCode());
            assertFalse(Files.exists(ws.resolve(".plinth/exit")), "a killed script records no exit status");
            assertTrue(api.cancel(id), "SLURM still knows the cancelled job");
        } finally {
            api.cancel(id);
        }
    }

    @Test
    void anUnknownJobIsGone() throws Exception {
        long unknown = 987_654_321L;
        assertEquals(SlurmState.GONE, api.status(unknown).state());
        assertFalse(api.cancel(unknown));
    }

    @Test
    void aBadPartitionIsRejectedWithSlurmsMessage() throws Exception {
        Path ws = workspace();
        SlurmJobSpec good = spec(ws, "true", 60);
        SlurmJobSpec bad = new SlurmJobSpec(good.name(), good.comment(), good.script(), good.user(), good.workDir(),
                good.stdout(), good.stderr(), 1, 1, 1, 100, 60, 0, "no-such-partition", null, null, null, good.environment());
        var e = assertThrows(SlurmRejectedException.class, () -> api.submit(bad));
        assertTrue(e.getMessage().contains("Invalid partition"), e.getMessage());
    }

    @Test
    void aTokenThatExpiredIsRenewedAndAnExpiredOneIsRefused() throws Exception {
        // Minted tokens live 3 s here: the second ping needs a renewed one.
        SlurmSettings shortLived = new SlurmSettings(url, apiVersion,
                SlurmSettings.Auth.mint(key, jobUser, Duration.ofSeconds(3)), settings.users(), settings.job(),
                settings.paths(), null, null, 1);
        SlurmClient client = new SlurmClient(shortLived, new SlurmTokens(shortLived.auth()), SlurmTransport.of(shortLived));
        SlurmApi shortApi = SlurmApi.of(client);
        assertTrue(shortApi.ping().up());
        Instant firstExpiry = client.tokens().expiresAt().orElseThrow();
        Thread.sleep(3500);
        assertTrue(shortApi.ping().up());
        assertTrue(client.tokens().expiresAt().orElseThrow().isAfter(firstExpiry));

        // A clock an hour behind mints tokens that expired long ago: slurmrestd's answer to them
        // must be read as "unavailable", never as a rejected request.
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        SlurmClient stale = new SlurmClient(shortLived, new SlurmTokens(shortLived.auth(), past), SlurmTransport.of(shortLived));
        assertThrows(SlurmUnavailableException.class, () -> SlurmApi.of(stale).ping());
        assertTrue(stale.lastError().orElseThrow().contains("fresh token"));
    }
}
