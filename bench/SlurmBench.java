import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tiny jobs on the development SLURM cluster, straight to slurmrestd and through Plinth, in one
 * run: submit latency, submit -> RUNNING and submit -> COMPLETED for both, and the ratios.
 *
 * <p>Direct jobs are the HTTP requests Plinth's SlurmApiV0038 sends (POST /slurm/v0.0.38/job/submit
 * with X-SLURM-USER-NAME / X-SLURM-USER-TOKEN, a token minted from the cluster's JWT key as
 * SlurmTokens.mint does, the same batch script, working directory and resources as Plinth's job),
 * their state read with GET /slurm/v0.0.38/job/{id} every {@code POLL_MS}. Plinth jobs are
 * {@code {"app":"script","executor":"slurm","inputs":{"script":"true"}}}: submit is the POST's 201,
 * SUBMITTED and RUNNING are the times in the job's history; the same poller watches their SLURM
 * job (its externalId) too, so SLURM RUNNING -> Plinth RUNNING is Plinth's own delay.
 *
 * <p>Pacing: {@code concurrency} closed-loop workers each submit a job, wait until it has ended
 * (SLURM COMPLETED for a direct job, a terminal Plinth state for a Plinth job), pause THINK_MS and
 * submit the next.
 * With concurrency = the node's CPUs (2 here) every job finds a free CPU: submit -> RUNNING is
 * then the latency of starting a job, not the wait in SLURM's queue. concurrency = jobs submits
 * everything at once (a queue builds). Direct and Plinth run in alternating blocks, so a slow
 * phase of the machine (other builds) hits both sides alike.
 *
 * <p>Run as root (it writes direct jobs' folders and hands them to the job user, as Plinth does):
 * java bench/SlurmBench.java <plinthUrl> <apiKey> [jobs] [concurrency] [blocks] [scratchDir]
 * (bench/slurm.sh starts a server and runs this). Prints figures; asserts nothing.
 */
public class SlurmBench {

    static final String SLURM_URL = env("SLURM_URL", "http://127.0.0.1:6820");
    static final String SLURM_KEY = env("SLURM_KEY", "/var/spool/slurm/jwt_hs256.key");
    static final String SLURM_USER = env("SLURM_USER", "plinth");
    static final long POLL_MS = Long.parseLong(env("POLL_MS", "20"));
    /**
     * How often a Plinth job is asked for once its SLURM id is known: its times come from its
     * history, so this only paces the next job; asking every POLL_MS would load the server.
     */
    static final long PLINTH_END_POLL_MS = Long.parseLong(env("PLINTH_END_POLL_MS", "200"));
    /**
     * A worker's pause between the end of one job and the next submit, on both sides: SLURM
     * frees a CPU only after the job's epilog, and a job submitted the moment its predecessor
     * shows COMPLETED waits for the scheduler's next pass; direct workers, which see COMPLETED
     * first, would pay that and Plinth's would not.
     */
    static final long THINK_MS = Long.parseLong(env("THINK_MS", "500"));
    /**
     * Plus a random share of one SLURM scheduler pass. slurmctld 22.05 does not allocate a batch
     * job when it is submitted: its background loop runs the scheduler about once a second
     * ("sched: Running job scheduler" in the debug log, "sched: Allocate" right after it), so
     * submit -> RUNNING is the wait for the next pass. With a fixed pause a worker's submits lock
     * to one phase of that pass, and the phase is set by how soon the worker saw its previous job
     * end: direct workers (polling every 20 ms) submitted ~500 ms after a pass and waited ~0.5 s,
     * Plinth's (seeing the end one poll interval later) submitted later in the pass and waited
     * ~0.75 s, which the second and third runs read as "SLURM starts Plinth's jobs later".
     * A pause spread over a whole pass makes both sides meet every phase alike.
     */
    static final long SCHED_PASS_MS = Long.parseLong(env("SCHED_PASS_MS", "1000"));
    static final int WARMUP = Integer.parseInt(env("WARMUP", "10"));

    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z_]+)\"");
    static final Pattern EXTERNAL = Pattern.compile("\"externalId\":\"([0-9]+)\"");
    static final Pattern SLURM_ID = Pattern.compile("\"job_id\"\\s*:\\s*([0-9]+)");
    static final Pattern SLURM_STATE = Pattern.compile("\"job_state\"\\s*:\\s*\"([A-Z_]+)\"");

    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** As Plinth's HttpClientTransport: HTTP/1.1 kept alive (slurmrestd answers an h2c upgrade with a broken reply). */
    static HttpClient rest = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String plinth;
    static String apiKey;
    static Path scratch;
    static String token;
    static final AtomicInteger seq = new AtomicInteger();

    /** One job's times, in ms after its submit began (NaN: not seen). */
    static final class Sample {
        double submit = Double.NaN;        // the POST's answer
        double submitted = Double.NaN;     // Plinth: history SUBMITTED (the SLURM id is known)
        double slurmRunning = Double.NaN;  // first poll of slurmrestd that shows the job started
        double slurmDone = Double.NaN;     // first poll of slurmrestd that shows it ended
        double running = Double.NaN;       // direct: = slurmRunning; Plinth: history RUNNING
        double finished = Double.NaN;      // Plinth: finishedAt
        String end;                        // SLURM's or Plinth's final state
        long began = System.nanoTime();
        boolean disturbed;                 // slurmrestd did not answer while this job ran
    }

    /** When the bench last found slurmrestd not answering (System.nanoTime), 0 for never. */
    static volatile long lastOutage;
    static final AtomicInteger outages = new AtomicInteger();

    /**
     * A request to slurmrestd; retried while it does not answer. The cluster is shared: other
     * work trees' SlurmIT stops and starts slurmrestd on purpose. Jobs that saw that are
     * counted and left out of the figures.
     */
    static HttpResponse<String> rest(HttpRequest request) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return rest.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt > 600) {
                    throw e;
                }
                lastOutage = System.nanoTime();
                outages.incrementAndGet();
                Thread.sleep(200);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        plinth = args[0];
        apiKey = args[1];
        int jobs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int blocks = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        scratch = Path.of(args.length > 5 ? args[5] : "bench/target/slurm-direct").toAbsolutePath();
        Files.createDirectories(scratch);
        giveTo(scratch);
        token = mint(Files.readAllBytes(Path.of(SLURM_KEY)), SLURM_USER, Instant.now(), Duration.ofHours(3));

        System.out.printf("SLURM %s as %s; Plinth %s; %d jobs per side, %d at a time, %d blocks per side, "
                + "poll every %d ms, %d ms between a worker's jobs%n", SLURM_URL, SLURM_USER, plinth, jobs, concurrency,
                blocks, POLL_MS, THINK_MS);
        // Warm-up, not counted: JIT, connection pools, the batch runtime's first jobs.
        run(WARMUP, Math.min(concurrency, WARMUP), SlurmBench::direct);
        run(WARMUP, Math.min(concurrency, WARMUP), SlurmBench::viaPlinth);

        List<Sample> direct = new ArrayList<>();
        List<Sample> via = new ArrayList<>();
        double directWall = 0;
        double viaWall = 0;
        for (int b = 0; b < blocks; b++) {
            int n = jobs / blocks + (b < jobs % blocks ? 1 : 0);
            long t = System.nanoTime();
            direct.addAll(run(n, concurrency, SlurmBench::direct));
            directWall += (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            via.addAll(run(n, concurrency, SlurmBench::viaPlinth));
            viaWall += (System.nanoTime() - t) / 1e9;
            System.out.printf("  block %d of %d done (%d + %d jobs)%n", b + 1, blocks, n, n);
        }
        int dropped = (int) (direct.stream().filter(s -> s.disturbed).count() + via.stream().filter(s -> s.disturbed).count());
        System.out.printf("slurmrestd did not answer %d requests; %d jobs that ran meanwhile are left out%n", outages.get(), dropped);
        direct.removeIf(s -> s.disturbed);
        via.removeIf(s -> s.disturbed);
        report(direct, via, directWall, viaWall);
    }

    static List<Sample> run(int jobs, int concurrency, Function<Integer, Sample> one) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true); // a failed job ends the run, not waits for the other workers
            return t;
        });
        AtomicInteger left = new AtomicInteger(jobs);
        List<Future<List<Sample>>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                List<Sample> mine = new ArrayList<>();
                while (left.getAndDecrement() > 0) {
                    mine.add(one.apply(seq.incrementAndGet()));
                    Thread.sleep(THINK_MS + java.util.concurrent.ThreadLocalRandom.current().nextLong(SCHED_PASS_MS));
                }
                return mine;
            }));
        }
        List<Sample> all = new ArrayList<>();
        for (Future<List<Sample>> f : workers) {
            all.addAll(f.get());
        }
        pool.shutdown();
        return all;
    }

    // ---- straight to slurmrestd ------------------------------------------------------------------

    static Sample direct(int n) {
        try {
            Path dir = scratch.resolve("d-" + n);
            Files.createDirectories(dir.resolve(".plinth"));
            Files.writeString(dir.resolve("script.sh"), "true\n");
            giveTo(dir);
            giveTo(dir.resolve(".plinth"));
            giveTo(dir.resolve("script.sh"));
            String body = submitBody("bench-direct-" + n, dir.toString());
            Sample s = new Sample();
            long t0 = System.nanoTime();
            HttpResponse<String> r = rest(slurm("/job/submit").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            s.submit = ms(t0);
            Matcher m = SLURM_ID.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw new IOException("slurmrestd answered " + r.statusCode() + ": " + r.body());
            }
            followSlurm(Long.parseLong(m.group(1)), t0, s);
            s.running = s.slurmRunning;
            s.disturbed = lastOutage - s.began > 0;
            return s;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** What SlurmApiV0038.submitBody sends for Plinth's job (script app, 1 core, 1024 MB, 1 h). */
    static String submitBody(String name, String dir) {
        String script = "#!/bin/bash\n"
                + "# Written by Plinth: runs the job's command in its workspace and records how it ended.\n"
                + "cd -- '" + dir + "' || exit 97\n"
                + "mkdir -p .plinth\n"
                + "printf '%s\\n' \"$SLURM_JOB_ID\" > .plinth/slurm-job\n"
                + "'bash' 'script.sh' </dev/null\n"
                + "code=$?\n"
                + "times > .plinth/times\n"
                + "printf '%d\\n' \"$code\" > .plinth/exit.tmp && mv -f .plinth/exit.tmp .plinth/exit\n"
                + "exit \"$code\"\n";
        return "{\"script\":" + json(script) + ",\"job\":{\"name\":" + json(name)
                + ",\"current_working_directory\":" + json(dir)
                + ",\"environment\":{\"HOME\":" + json(dir) + ",\"LANG\":\"C.UTF-8\",\"OMP_NUM_THREADS\":\"1\","
                + "\"PATH\":\"/usr/local/bin:/usr/bin:/bin\",\"PLINTH_CORES\":\"1\",\"PLINTH_JOB_ID\":" + json(name) + "}"
                + ",\"tasks\":1,\"cpus_per_task\":1,\"nodes\":[1,1],\"memory_per_node\":1024,\"time_limit\":60"
                + ",\"comment\":" + json("bench job " + name)
                + ",\"standard_output\":" + json(dir + "/.plinth/stdout.log")
                + ",\"standard_error\":" + json(dir + "/.plinth/stderr.log") + "}}";
    }

    /** Polls slurmrestd for one job until it ended: first time seen started, first time seen ended. */
    static void followSlurm(long slurmId, long t0, Sample s) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = rest(slurm("/job/" + slurmId).GET().build());
            double at = ms(t0);
            Matcher m = SLURM_STATE.matcher(r.body());
            String state = m.find() ? m.group(1) : "GONE";
            if (!state.equals("PENDING") && Double.isNaN(s.slurmRunning)) {
                s.slurmRunning = at;
            }
            if (!List.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED").contains(state)) {
                s.slurmDone = at;
                s.end = state;
                return;
            }
            Thread.sleep(POLL_MS);
        }
        throw new IllegalStateException("SLURM job " + slurmId + " did not end in 10 minutes");
    }

    static HttpRequest.Builder slurm(String path) {
        return HttpRequest.newBuilder(URI.create(SLURM_URL + "/slurm/v0.0.38" + path))
                .header("Accept", "application/json")
                .header("X-SLURM-USER-NAME", SLURM_USER).header("X-SLURM-USER-TOKEN", token);
    }

    // ---- through Plinth -------------------------------------------------------------------------

    static Sample viaPlinth(int n) {
        try {
            String body = "{\"app\":\"script\",\"executor\":\"slurm\",\"name\":\"bench-" + n
                    + "\",\"inputs\":{\"script\":\"true\"},\"resources\":{\"cores\":1,\"memoryMb\":1024,\"walltimeSeconds\":3600}}";
            Sample s = new Sample();
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(plinth + "/api/v1/jobs"))
                    .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            s.submit = ms(t0);
            Matcher m = ID.matcher(r.body());
            if (r.statusCode() != 201 || !m.find()) {
                throw new IOException("Plinth answered " + r.statusCode() + ": " + r.body());
            }
            String id = m.group(1);
            // Its SLURM id, as soon as Plinth knows it; then SLURM's own view of that job.
            String job = awaitPlinth(id, b -> EXTERNAL.matcher(b).find() || terminal(b), POLL_MS);
            Matcher ext = EXTERNAL.matcher(job);
            if (ext.find()) {
                followSlurm(Long.parseLong(ext.group(1)), t0, s);
            }
            job = awaitPlinth(id, SlurmBench::terminal, PLINTH_END_POLL_MS);
            s.end = first(STATE, job);
            s.submitted = since(start, historyAt(job, "SUBMITTED"));
            s.running = since(start, historyAt(job, "RUNNING"));
            s.finished = since(start, time(job, "finishedAt"));
            s.disturbed = lastOutage - s.began > 0;
            return s;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static String awaitPlinth(String id, java.util.function.Predicate<String> done, long every) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create(plinth + "/api/v1/jobs/" + id))
                    .header("X-API-Key", apiKey).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (done.test(body)) {
                return body;
            }
            Thread.sleep(every);
        }
        throw new IllegalStateException("job " + id + " did not get there in 10 minutes");
    }

    static boolean terminal(String body) {
        return List.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT").contains(first(STATE, body));
    }

    static OffsetDateTime historyAt(String body, String state) {
        Matcher m = Pattern.compile("\\{\"state\":\"" + state + "\",\"at\":\"([^\"]+)\"").matcher(body);
        return m.find() ? OffsetDateTime.parse(m.group(1)) : null;
    }

    static OffsetDateTime time(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(body);
        return m.find() ? OffsetDateTime.parse(m.group(1)) : null;
    }

    // ---- figures --------------------------------------------------------------------------------

    static void report(List<Sample> d, List<Sample> p, double dWall, double pWall) {
        System.out.printf("%ndirect: %d jobs, %s; %.1f s wall (%.2f jobs/s)%n", d.size(), ends(d), dWall, d.size() / dWall);
        System.out.printf("plinth: %d jobs, %s; %.1f s wall (%.2f jobs/s)%n", p.size(), ends(p), pWall, p.size() / pWall);
        System.out.printf("%n%-44s %9s %9s %9s %9s%n", "ms (from the start of the submit call)", "p50", "p90", "p99", "mean");
        line("direct  submit call (HTTP 200)", d, s -> s.submit);
        line("plinth  submit call (HTTP 201)", p, s -> s.submit);
        line("plinth  submit -> SUBMITTED (SLURM id known)", p, s -> s.submitted);
        line("direct  submit -> RUNNING (polled)", d, s -> s.running);
        line("plinth  submit -> RUNNING (its history)", p, s -> s.running);
        line("plinth  submit -> SLURM RUNNING (polled)", p, s -> s.slurmRunning);
        line("plinth  SLURM RUNNING -> Plinth RUNNING", p, s -> s.running - s.slurmRunning);
        line("plinth  SUBMITTED -> SLURM RUNNING (SLURM)", p, s -> s.slurmRunning - s.submitted);
        line("direct  submit -> COMPLETED (polled)", d, s -> s.slurmDone);
        line("plinth  submit -> SLURM COMPLETED (polled)", p, s -> s.slurmDone);
        line("plinth  submit -> finished (SUCCEEDED)", p, s -> s.finished);
        System.out.printf("%nratio plinth/direct      %9s %9s %9s%n", "p50", "p90", "p99");
        ratio("submit call", d, p, s -> s.submit);
        ratio("submit -> RUNNING", d, p, s -> s.running);
        ratio("submit -> finished/COMPLETED", d, p, s -> s.finished, s -> s.slurmDone);
    }

    static void line(String what, List<Sample> samples, Function<Sample, Double> f) {
        List<Double> v = sorted(samples, f);
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%-44s %9.1f %9.1f %9.1f %9.1f%n", what, pct(v, 50), pct(v, 90), pct(v, 99), mean);
    }

    static void ratio(String what, List<Sample> d, List<Sample> p, Function<Sample, Double> f) {
        ratio(what, d, p, f, f);
    }

    static void ratio(String what, List<Sample> d, List<Sample> p, Function<Sample, Double> fp, Function<Sample, Double> fd) {
        List<Double> a = sorted(d, fd);
        List<Double> b = sorted(p, fp);
        System.out.printf(Locale.ROOT, "%-24s %9.2f %9.2f %9.2f%n", what, pct(b, 50) / pct(a, 50), pct(b, 90) / pct(a, 90),
                pct(b, 99) / pct(a, 99));
    }

    static String ends(List<Sample> samples) {
        java.util.Map<String, Integer> count = new java.util.TreeMap<>();
        for (Sample s : samples) {
            count.merge(String.valueOf(s.end), 1, Integer::sum);
        }
        return count.toString();
    }

    static List<Double> sorted(List<Sample> samples, Function<Sample, Double> f) {
        List<Double> v = new ArrayList<>();
        for (Sample s : samples) {
            double x = f.apply(s);
            if (!Double.isNaN(x)) {
                v.add(x);
            }
        }
        Collections.sort(v);
        return v;
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    // ---- helpers --------------------------------------------------------------------------------

    static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    static double since(Instant start, OffsetDateTime t) {
        return t == null ? Double.NaN : Duration.between(start, t.toInstant()).toNanos() / 1e6;
    }

    static String first(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** The job user must write the folder, as Plinth's SlurmExecutor.giveTo arranges when it runs as root. */
    static void giveTo(Path p) throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            UserPrincipal u = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SLURM_USER);
            Files.setOwner(p, u);
        }
    }

    /** As SlurmTokens.mint: HS256 over the cluster's key, claims exp, iat, sun. */
    static String mint(byte[] key, String user, Instant now, Duration life) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String payload = "{\"exp\":" + now.plus(life).getEpochSecond() + ",\"iat\":" + now.getEpochSecond()
                + ",\"sun\":" + json(user) + "}";
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
