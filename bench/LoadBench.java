import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 9's load figures against a running Plinth (bench/load.sh starts one and runs this):
 * <ol>
 *   <li>idle memory of the Payara JVM (heap after a full GC, RSS);</li>
 *   <li>50 clients submitting 10,000 jobs that stay queued (one job holds every local core):
 *       accepted jobs/s and latency, next to one-row INSERTs into a copy of the job table by 50
 *       JDBC clients in this same run (the raw PostgreSQL rate, as a ratio);</li>
 *   <li>200 clients polling a job's status and listing their jobs for a while, with the 10,000
 *       jobs queued: throughput, p50/p99 of each;</li>
 *   <li>the job table filled to one million rows: a user's newest jobs, filtered by state, and
 *       an admin's view of everyone's, one client: p50/p99, with PostgreSQL's plan of the query;</li>
 *   <li>memory after the load, after a full GC, next to the idle figure.</li>
 * </ol>
 * Prints figures; asserts nothing. Usage:
 * java -cp postgresql.jar bench/LoadBench.java baseUrl adminKey userKey jdbcUrl dbUser dbPassword pid
 *      [queued] [submitters] [pollers] [pollSeconds] [rows]
 */
public class LoadBench {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final String USER = "loaduser";

    private final String base;
    private final String adminKey;
    private final String userKey;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final long pid;
    // HTTP/1.1 as most clients of a REST API speak it (Java's client would otherwise upgrade to
    // h2c and multiplex every client over one connection)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(8)).build();

    LoadBench(String[] a) {
        base = a[0];
        adminKey = a[1];
        userKey = a[2];
        jdbcUrl = a[3];
        dbUser = a[4];
        dbPassword = a[5];
        pid = Long.parseLong(a[6]);
    }

    public static void main(String[] args) throws Exception {
        LoadBench b = new LoadBench(args);
        int queued = arg(args, 7, 10_000);
        int submitters = arg(args, 8, 50);
        int pollers = arg(args, 9, 200);
        int pollSeconds = arg(args, 10, 60);
        int rows = arg(args, 11, 1_000_000);
        b.run(queued, submitters, pollers, pollSeconds, rows);
        System.exit(0);
    }

    private static int arg(String[] a, int i, int fallback) {
        return a.length > i ? Integer.parseInt(a[i]) : fallback;
    }

    /** How long after the load the heap is measured again (idle worker threads time out after 30 s). */
    static final int SETTLE_SECONDS = Integer.parseInt(System.getenv().getOrDefault("SETTLE_SECONDS", "45"));

    void run(int queued, int submitters, int pollers, int pollSeconds, int rows) throws Exception {
        // warm the request paths a little so "idle" is a server that has served requests
        for (int i = 0; i < 50; i++) {
            get("/api/v1/jobs?limit=20", userKey);
            get("/api/v1/apps", userKey);
        }
        Memory idle = memory();
        System.out.printf("%n== idle: heap after full GC %.1f MiB, RSS %.1f MiB (goal: RSS under 1024 MiB)%n",
                idle.heapMiB(), idle.rssMiB());

        // One job takes every local core, so the bench's jobs stay QUEUED (the state the issue names).
        int cores = localCores();
        String blocker = submit(adminKey, "{\"app\":\"script\",\"name\":\"blocker\",\"inputs\":{\"script\":\"sleep 7200\"},"
                + "\"resources\":{\"cores\":" + cores + "}}").id();
        awaitRunning(blocker);
        System.out.printf("blocker job %s holds all %d local cores%n", blocker, cores);

        List<String> ids = submitPhase(queued, submitters);
        rawInsertPhase(queued, submitters);
        pollPhase(ids, pollers, pollSeconds, 1000);
        pollPhase(ids, pollers, pollSeconds, 0);
        Memory afterPoll = memory();
        System.out.printf("%n== after the polling load: heap after full GC %.1f MiB (idle %.1f MiB, ratio %.2f), RSS %.1f MiB%n",
                afterPoll.heapMiB(), idle.heapMiB(), afterPoll.heapMiB() / idle.heapMiB(), afterPoll.rssMiB());
        // What is still there right after the load is mostly Grizzly's per-thread request objects
        // and buffers of the ~200 worker threads that served it (a class histogram: byte[],
        // ByteChunk, CharChunk, ThreadLocal entries); they go when idle threads time out
        // (idle-thread-timeout-seconds in server-config, 30).
        Thread.sleep(SETTLE_SECONDS * 1000L);
        Memory settled = memory();
        System.out.printf("== %d s later: heap after full GC %.1f MiB (idle %.1f MiB, ratio %.2f), RSS %.1f MiB%n",
                SETTLE_SECONDS, settled.heapMiB(), idle.heapMiB(), settled.heapMiB() / idle.heapMiB(), settled.rssMiB());

        millionRows(rows);
        Memory end = memory();
        System.out.printf("%n== at the end: heap after full GC %.1f MiB (idle %.1f MiB, ratio %.2f), RSS %.1f MiB%n",
                end.heapMiB(), idle.heapMiB(), end.heapMiB() / idle.heapMiB(), end.rssMiB());
    }

    // ---- submits ------------------------------------------------------------------------------

    private List<String> submitPhase(int jobs, int clients) throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        List<Double> latencies = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                while (next.getAndIncrement() < jobs) {
                    long t = System.nanoTime();
                    Submitted s = submit(userKey, "{\"app\":\"script\",\"inputs\":{\"script\":\"true\"},\"tags\":[\"load\"]}");
                    latencies.add((System.nanoTime() - t) / 1e6);
                    statuses.computeIfAbsent(s.status(), k -> new AtomicInteger()).incrementAndGet();
                    if (s.id() != null) {
                        ids.add(s.id());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Double> sorted = sorted(latencies);
        submitRate = ids.size() / seconds;
        System.out.printf("%n== %d clients submitted %d jobs in %.1f s: %.1f accepted jobs/s; latency p50 %.1f ms, p99 %.1f ms; statuses %s%n",
                clients, jobs, seconds, submitRate, pct(sorted, 50), pct(sorted, 99), new TreeMap<>(statuses));
        return ids;
    }

    private double submitRate;

    /** The same number of one-row transactions into a copy of the job table (same columns, same indexes). */
    private void rawInsertPhase(int rows, int clients) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_raw_job");
            s.execute("CREATE TABLE bench_raw_job (LIKE job INCLUDING ALL)");
        }
        List<Double> latencies = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                try (Connection conn = db(); PreparedStatement insert = conn.prepareStatement(
                        "INSERT INTO bench_raw_job (id, owner, app_id, app_version, tags, inputs, cores, memory_mb,"
                                + " walltime_seconds, executor, state, created_at, updated_at)"
                                + " VALUES (?, ?, 'script', '1', '[\"load\"]', '{\"script\":\"true\"}', 1, 1024, 3600,"
                                + " 'local', 'QUEUED', now(), now())")) {
                    while (next.getAndIncrement() < rows) {
                        long t = System.nanoTime();
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, USER);
                        insert.executeUpdate();
                        latencies.add((System.nanoTime() - t) / 1e6);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Double> sorted = sorted(latencies);
        double rate = rows / seconds;
        System.out.printf("== raw PostgreSQL, %d JDBC clients, %d one-row INSERT transactions: %.1f rows/s; p50 %.2f ms, p99 %.2f ms%n",
                clients, rows, rate, pct(sorted, 50), pct(sorted, 99));
        System.out.printf("   ratio Plinth accepted jobs/s / raw inserts/s = %.3f%n", submitRate / rate);
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_raw_job");
        }
    }

    // ---- polling ------------------------------------------------------------------------------

    /**
     * 200 clients, half asking a random queued job's status, half listing their newest jobs.
     * With {@code intervalMillis} > 0 each polls at that interval from a random phase (a status
     * page, a CLI's watch loop) and latency counts from when a request was due; with 0 each asks
     * again the moment its answer comes: the server's capacity, and latency at saturation.
     */
    private void pollPhase(List<String> ids, int clients, int seconds, long intervalMillis) throws Exception {
        List<Double> status = new CopyOnWriteArrayList<>();
        List<Double> list = new CopyOnWriteArrayList<>();
        // how late the client itself sent a paced request (its thread woke late: 200 client
        // threads share 2 cores with the server); part of the latency, not the server's doing
        List<Double> lateness = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> bad = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long interval = intervalMillis * 1_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            final boolean lister = c % 2 == 1;
            done.add(pool.submit(() -> {
                List<Double> mine = new ArrayList<>();
                List<Double> late = new ArrayList<>();
                long due = interval > 0 ? start + ThreadLocalRandom.current().nextLong(interval) : start;
                while (due < end) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                    long asked = interval > 0 ? due : System.nanoTime();
                    if (interval > 0) {
                        late.add((System.nanoTime() - due) / 1e6);
                    }
                    String path = lister ? "/api/v1/jobs?limit=20"
                            : "/api/v1/jobs/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    try {
                        HttpResponse<String> r = get(path, userKey);
                        mine.add((System.nanoTime() - asked) / 1e6);
                        if (r.statusCode() != 200) {
                            bad.computeIfAbsent((lister ? "list " : "status ") + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        }
                    } catch (IOException e) {
                        bad.computeIfAbsent((lister ? "list " : "status ") + e.getClass().getSimpleName(), k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    due = interval > 0 ? due + interval : System.nanoTime();
                }
                (lister ? list : status).addAll(mine);
                lateness.addAll(late);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<Double> s = sorted(status);
        List<Double> l = sorted(list);
        System.out.printf("%n== %d clients %s for %d s with %d jobs queued (half GET /jobs/{id}, half GET /jobs?limit=20):%n",
                clients, interval > 0 ? "each polling every " + intervalMillis + " ms" : "asking back to back", seconds, ids.size());
        System.out.printf("   status: %d requests, %.0f/s, p50 %.1f ms, p99 %.1f ms (goal p99 < 50 ms)%n",
                s.size(), s.size() / (double) seconds, pct(s, 50), pct(s, 99));
        System.out.printf("   list:   %d requests, %.0f/s, p50 %.1f ms, p99 %.1f ms (goal p99 < 100 ms)%n",
                l.size(), l.size() / (double) seconds, pct(l, 50), pct(l, 99));
        if (interval > 0) {
            List<Double> late = sorted(lateness);
            System.out.printf("   of which the client's own lateness (due -> request sent): p50 %.1f ms, p99 %.1f ms%n",
                    pct(late, 50), pct(late, 99));
        }
        System.out.printf("   non-200 answers: %s%n", bad.isEmpty() ? "none" : new TreeMap<>(bad));
    }

    // ---- one million rows ---------------------------------------------------------------------

    private void millionRows(int rows) throws Exception {
        long have;
        long t0 = System.nanoTime();
        try (Connection c = db(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM job")) {
                r.next();
                have = r.getLong(1);
            }
            long add = Math.max(0, rows - have);
            // Finished jobs of 20 users over the last year; loaduser owns a tenth of them. States as a
            // busy site's: mostly SUCCEEDED, some FAILED, a few CANCELLED.
            s.execute("INSERT INTO job (id, owner, app_id, app_version, tags, inputs, cores, memory_mb, walltime_seconds,"
                    + " executor, state, exit_code, created_at, updated_at, started_at, finished_at)"
                    + " SELECT gen_random_uuid()::text,"
                    + "  CASE WHEN g % 10 = 0 THEN '" + USER + "' ELSE 'bulk' || (g % 19) END,"
                    + "  'script', '1', '[]', '{\"script\":\"true\"}', 1, 1024, 3600, 'local',"
                    + "  CASE WHEN (g / 10) % 20 < 16 THEN 'SUCCEEDED' WHEN (g / 10) % 20 < 19 THEN 'FAILED' ELSE 'CANCELLED' END,"
                    + "  CASE WHEN (g / 10) % 20 < 16 THEN 0 ELSE 1 END,"
                    + "  now() - interval '2 hours' - (g * interval '31 seconds'),"
                    + "  now() - interval '2 hours' - (g * interval '31 seconds') + interval '5 seconds',"
                    + "  now() - interval '2 hours' - (g * interval '31 seconds') + interval '1 second',"
                    + "  now() - interval '2 hours' - (g * interval '31 seconds') + interval '5 seconds'"
                    + " FROM generate_series(1, " + add + ") g");
            // what autovacuum does after such an insert (a year of rows would have been vacuumed
            // as they came): statistics, and the visibility map that lets index-only scans skip the heap
            s.execute("VACUUM (ANALYZE) job");
            try (ResultSet r = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE owner = '" + USER + "') FROM job")) {
                r.next();
                System.out.printf("%n== job table filled to %d rows (%d of them %s's) in %.1f s%n",
                        r.getLong(1), r.getLong(2), USER, (System.nanoTime() - t0) / 1e9);
            }
        }
        record Case(String label, String path, String key) {
        }
        List<Case> cases = List.of(
                new Case(USER + ": newest 20", "/api/v1/jobs?limit=20", userKey),
                new Case(USER + ": state=FAILED, newest 20", "/api/v1/jobs?state=FAILED&limit=20", userKey),
                new Case(USER + ": state=QUEUED, newest 20", "/api/v1/jobs?state=QUEUED&limit=20", userKey),
                new Case(USER + ": page 50 of newest (offset 1000)", "/api/v1/jobs?limit=20&offset=1000", userKey),
                new Case("admin: everyone's newest 20", "/api/v1/jobs?limit=20", adminKey),
                new Case("admin: everyone's state=FAILED", "/api/v1/jobs?state=FAILED&limit=20", adminKey));
        for (Case c : cases) {
            for (int i = 0; i < 30; i++) {
                get(c.path(), c.key());
            }
            List<Double> times = new ArrayList<>();
            int non200 = 0;
            for (int i = 0; i < 300; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = get(c.path(), c.key());
                times.add((System.nanoTime() - t) / 1e6);
                if (r.statusCode() != 200) {
                    non200++;
                }
            }
            List<Double> s = sorted(times);
            System.out.printf("   %-44s p50 %6.1f ms  p99 %6.1f ms  (goal p99 < 20 ms)%s%n", c.label(), pct(s, 50), pct(s, 99),
                    non200 == 0 ? "" : "  " + non200 + " non-200");
        }
        try (Connection c = db(); Statement s = c.createStatement()) {
            System.out.println("   PostgreSQL's plan for a user's newest jobs of one state:");
            try (ResultSet r = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM job WHERE owner = '" + USER
                    + "' AND state IN ('FAILED') ORDER BY created_at DESC, id DESC LIMIT 20")) {
                while (r.next()) {
                    System.out.println("     " + r.getString(1));
                }
            }
            // the listing's bounded total, as JobStore.list asks it
            System.out.println("   PostgreSQL's plan for the same listing's total (counted up to 1,001):");
            try (ResultSet r = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM (SELECT 1 FROM job"
                    + " WHERE owner = '" + USER + "' AND state IN ('FAILED') ORDER BY created_at DESC, id DESC"
                    + " LIMIT 1001) bounded")) {
                while (r.next()) {
                    System.out.println("     " + r.getString(1));
                }
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    record Submitted(int status, String id) {
    }

    private Submitted submit(String key, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
                .timeout(Duration.ofSeconds(120)).header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ID.matcher(r.body());
        return new Submitted(r.statusCode(), r.statusCode() == 201 && m.find() ? m.group(1) : null);
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("X-API-Key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitRunning(String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (get("/api/v1/jobs/" + id, adminKey).body().contains("\"state\":\"RUNNING\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("blocker job " + id + " did not start");
    }

    private int localCores() throws Exception {
        String body = get("/api/v1/admin/executors", adminKey).body();
        Matcher m = Pattern.compile("\"cores\":(\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no local cores in /admin/executors: " + body);
        }
        return Integer.parseInt(m.group(1));
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    record Memory(double heapMiB, double rssMiB) {
    }

    /** Heap in use right after a full GC (jcmd), and the process's resident set (/proc). */
    private Memory memory() throws Exception {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        double heap = m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
        double rss = Double.NaN;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return new Memory(heap, rss);
    }

    private String jcmd(String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
