package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plinth.server.ApiKeyGenerator;
import org.plinth.server.PlinthServer;
import org.plinth.server.PlinthServerConfig;

/**
 * Issue 9, "Faults": the data disk fills up. A server of its own (the shared one's data folder
 * cannot be swapped) keeps its data folder on a 64 MiB tmpfs with a free-space floor of 8 MiB.
 * Uploads fill the disk to the floor and are then refused with 507; an upload of unknown length
 * that outgrows the disk while it is written is 507 too and leaves nothing behind; a job that
 * writes more than the disk holds fails with a reason that says so; with the disk full, uploads,
 * submits and starts answer 507; every file stored before is still intact (sha256), and once
 * the space is freed jobs run again.
 *
 * <p>Needs root for the mount (CI runs as root); skipped through {@link RequiredTools} otherwise.
 */
@Tag("reliability")
class ReliabilityDiskFullIT {

    static final long MIB = 1024 * 1024;
    static final long DISK = 64 * MIB;
    static final long FLOOR = 8 * MIB;
    static final long READY_FREE = 4 * MIB;
    static final long STORED_FILE = 2 * MIB;
    static final long FILLER = 4 * MIB;

    @Test
    void aFullDataDiskRefusesWritesAndKeepsWhatIsStored() throws Exception {
        if (!"0".equals(run("id", "-u").trim())) {
            RequiredTools.missing("mounting a tmpfs needs root");
        }
        Path itWork = Path.of(property("plinth.it.work-dir", "target/it-server")).toAbsolutePath().normalize();
        Path mount = itWork.resolveSibling("it-disk-full-data");
        Path workDir = itWork.resolveSibling("it-server-disk-full");
        unmountIfMounted(mount); // left by a run that was killed
        Files.createDirectories(mount);
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + (DISK / MIB) + "m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String mountOutput = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (m.waitFor() != 0) {
            RequiredTools.missing("mounting a tmpfs failed: " + mountOutput.trim());
        }
        String aliceKey = ApiKeyGenerator.generate();
        PlinthServer server = new PlinthServer(PlinthServerConfig.builder()
                .portBase(PlinthTestServer.PORT_BASE + 300)
                .workDir(workDir)
                .payaraHome(Path.of(property("plinth.payara-home", "target/payara/payara6")))
                .ear(Path.of(property("plinth.ear", "../ear/target/plinth.ear")))
                .wipeWorkDir(true)
                .appProperty("plinth.data-dir", mount.toString())
                .appProperty("plinth.disk.min-free-bytes", Long.toString(FLOOR))
                // readiness wants 256 MiB free by default: on this disk, half the floor
                .appProperty("plinth.data.min-free-mb", Long.toString(READY_FREE / MIB))
                .appProperty("plinth.keys.alice", aliceKey + ":user")
                .appProperty("plinth.apps.script.roles", "admin,user")
                .appProperty("plinth.executors.local.cores", "2")
                .appProperty("plinth.executors.slurm.enabled", "false")
                .build());
        try {
            long t0 = System.nanoTime();
            server.start();
            System.out.printf("[plinth-it] disk-full server ready in %.1f s at %s, data on a %d MiB tmpfs%n",
                    (System.nanoTime() - t0) / 1e9, server.baseUrl(), DISK / MIB);
            fillTheDisk(Api.at(server.baseUrl() + "/api/v1", aliceKey), server.baseUrl(), mount);
        } finally {
            try {
                server.stop();
            } finally {
                unmountIfMounted(mount);
            }
        }
    }

    private void fillTheDisk(Api alice, String baseUrl, Path mount) throws Exception {
        Random random = new Random(42);
        Map<String, String> stored = new LinkedHashMap<>(); // file id -> sha256 measured here
        for (int i = 0; i < 4; i++) {
            byte[] content = bytes(random, STORED_FILE);
            JsonObject file = alice.upload("stored-" + i + ".bin", content);
            assertEquals(sha256(content), file.getString("sha256"));
            stored.put(file.getString("id"), sha256(content));
        }
        JsonObject outputJob = alice.script("head -c 1048576 /dev/urandom > out.bin");
        assertEquals("SUCCEEDED", alice.awaitEnd(outputJob.getString("id")).getString("state"));
        String outputPath = "/jobs/" + outputJob.getString("id") + "/outputs/out.bin";
        String outputSha = sha256(ok(alice.getBytes(outputPath)));

        // Uploads of known length fill the disk down to the floor, then 507 before a byte is read.
        int fillers = 0;
        JsonObject refused = null;
        while (refused == null) {
            assertTrue(fillers < 20, "the disk never filled up");
            byte[] content = bytes(random, FILLER);
            HttpResponse<String> r = alice.send("POST", "/files?name=filler-" + fillers + ".bin", content,
                    Map.of("Content-Type", "application/octet-stream"));
            if (r.statusCode() == 201) {
                stored.put(Api.json(r).getString("id"), sha256(content));
                fillers++;
            } else {
                refused = Api.problem(r, 507);
            }
        }
        assertTrue(refused.getJsonNumber("freeBytes").longValue() < FLOOR + FILLER, refused.toString());
        assertEquals(FLOOR, refused.getJsonNumber("minFreeBytes").longValue());
        long freeAtFloor = free(mount);
        assertTrue(freeAtFloor >= FLOOR, "the floor was not kept: " + freeAtFloor + " bytes free");

        // An upload of unknown length (chunked) passes the floor check, then outgrows the disk.
        long tooMuch = freeAtFloor + 8 * MIB;
        HttpResponse<String> chunked = alice.sendStream("POST", "/files?name=overflow.bin", () -> new ZeroStream(tooMuch),
                Map.of("Content-Type", "application/octet-stream"));
        JsonObject overflow = Api.problem(chunked, 507);
        assertTrue(overflow.getString("detail").contains("disk is full"), overflow.toString());
        assertEquals(freeAtFloor, free(mount), "the failed upload left bytes behind");
        assertEquals(List.of(), incoming(mount), "the failed upload left a temporary file");

        // A job that writes more than the disk holds fails, and says why.
        JsonObject hog = alice.script("head -c " + DISK + " /dev/zero > big.bin");
        JsonObject hogEnd = alice.awaitState(hog.getString("id"), Api.TERMINAL, Duration.ofSeconds(120));
        assertEquals("FAILED", hogEnd.getString("state"), hogEnd.toString());
        String reason = hogEnd.getString("message", "");
        assertTrue(reason.contains("data disk is full"), "no clear reason: " + reason);
        assertTrue(free(mount) < READY_FREE, "the job did not fill the disk: " + free(mount) + " bytes free");
        HttpResponse<String> notReady = Http.get(baseUrl + "/health/ready", null);
        assertEquals(503, notReady.statusCode(), "readiness with a full data disk: " + notReady.body());
        assertTrue(notReady.body().contains("\"data-directory\",\"status\":\"DOWN\""), notReady.body());

        // The disk is full: every write is refused with 507, before a byte is stored.
        int refusals = 0;
        Api.problem(alice.send("POST", "/files?name=small.txt", "hello".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/plain")), 507);
        refusals++;
        Api.problem(alice.post("/jobs", "{\"app\": \"script\", \"inputs\": {\"script\": \"echo no room\"}}"), 507);
        refusals++;
        JsonObject waiting = Api.json(alice.post("/jobs?start=false", "{\"app\": \"script\", \"inputs\": {\"script\": \"cat in.txt\"}}"));
        assertEquals("NEW", waiting.getString("state"), waiting.toString());
        String waitingId = waiting.getString("id");
        Api.problem(alice.send("PUT", "/jobs/" + waitingId + "/files/in.txt", "x".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/plain")), 507);
        refusals++;
        Api.problem(alice.post("/jobs/" + waitingId + "/start", null), 507);
        refusals++;

        // Nothing stored before is damaged.
        for (Map.Entry<String, String> f : stored.entrySet()) {
            assertEquals(f.getValue(), sha256(ok(alice.getBytes("/files/" + f.getKey() + "/content"))), "file " + f.getKey());
        }
        assertEquals(outputSha, sha256(ok(alice.getBytes(outputPath))), "the job output changed");

        // Freeing the space (the failed job's workspace) lets work go on.
        HttpResponse<String> deleted = alice.request("DELETE", "/jobs/" + hog.getString("id"), null, null, Map.of());
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertTrue(free(mount) >= FLOOR, "deleting the job did not free its space");
        assertEquals(200, Http.get(baseUrl + "/health/ready", null).statusCode(), "readiness once the space is back");
        assertEquals(201, alice.send("PUT", "/jobs/" + waitingId + "/files/in.txt", "x".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/plain")).statusCode());
        HttpResponse<String> started = alice.post("/jobs/" + waitingId + "/start", null);
        assertEquals(200, started.statusCode(), started.body());
        assertEquals("SUCCEEDED", alice.awaitEnd(waitingId).getString("state"));
        JsonObject after = alice.script("echo room again");
        assertEquals("SUCCEEDED", alice.awaitEnd(after.getString("id")).getString("state"));

        System.out.printf("[reliability] disk full: %d MiB tmpfs, floor %d MiB; %d files stored first, %d filler uploads "
                        + "accepted, then 507 at %d bytes free; chunked upload of %d bytes -> 507 with nothing left behind; "
                        + "job that filled the disk -> FAILED '%s'; %d writes refused with 507 on the full disk; %d stored "
                        + "files + 1 job output intact (sha256)%n",
                DISK / MIB, FLOOR / MIB, 4, fillers, freeAtFloor, tooMuch, reason, refusals, stored.size());
    }

    private static byte[] ok(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    private static byte[] bytes(Random random, long size) {
        byte[] b = new byte[(int) size];
        random.nextBytes(b);
        return b;
    }

    static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static long free(Path mount) throws IOException {
        return Files.getFileStore(mount).getUsableSpace();
    }

    private static List<Path> incoming(Path mount) throws IOException {
        Path dir = mount.resolve("files").resolve(".incoming");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** A body of zeros of the given length, whose length the client does not announce. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }

    private static void unmountIfMounted(Path mount) throws Exception {
        String target = mount.toString();
        for (int attempt = 0; attempt < 5 && mounted(target); attempt++) {
            if (new ProcessBuilder("umount", target).inheritIO().start().waitFor() != 0) {
                Api.sleep(1000); // still busy: a process that is ending may hold a file
            }
        }
        if (mounted(target)) {
            new ProcessBuilder("umount", "-l", target).inheritIO().start().waitFor(); // detach it at least
        }
    }

    private static boolean mounted(String target) throws IOException {
        return Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" "))
                .anyMatch(f -> f.length > 1 && f[1].equals(target));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String property(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
