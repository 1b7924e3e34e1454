import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submit -> start latency and end-to-end throughput of `script` jobs running `true`, against a
 * running Plinth, next to the bare fork/exec of `bash -c true` from Java in this same process.
 * Run with: java bench/SubmitBench.java <baseUrl> <apiKey> [jobs] [clients]
 * (bench/run.sh starts a server and runs this). Prints figures; asserts nothing.
 */
public class SubmitBench {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z_]+)\"");
    private static final Pattern CREATED = Pattern.compile("\"createdAt\":\"([^\"]+)\"");
    private static final Pattern RUNNING_AT = Pattern.compile("\\{\"state\":\"RUNNING\",\"at\":\"([^\"]+)\"");
    private static final Pattern FINISHED = Pattern.compile("\"finishedAt\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        int jobs = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        // Warm up the server's code paths (JIT, connection pool): a fresh Payara needs a few hundred
        // jobs before the figures are steady-state.
        runJobs(http, base, key, 300, clients);

        // Unloaded: one job at a time, so submit -> RUNNING is the host's own latency, not a queue.
        List<Double> single = new ArrayList<>();
        for (String id : runJobsOneByOne(http, base, key, 100)) {
            String body = awaitTerminal(http, base, key, id);
            OffsetDateTime created = time(CREATED, body);
            OffsetDateTime running = time(RUNNING_AT, body);
            single.add(Duration.between(created, running).toNanos() / 1e6);
        }
        Collections.sort(single);

        long wallStart = System.nanoTime();
        List<String> ids = runJobs(http, base, key, jobs, clients);
        long submitNanos = System.nanoTime() - wallStart;
        // Wait with one count every 250 ms rather than polling each job: the observer's own requests
        // would otherwise take a share of the 2 cores it measures. Then each job is read once.
        awaitNoneActive(http, base, key);
        List<Double> startLatencies = new ArrayList<>();
        OffsetDateTime firstCreated = null;
        OffsetDateTime lastFinished = null;
        int succeeded = 0;
        for (String id : ids) {
            String body = awaitTerminal(http, base, key, id);
            Matcher s = STATE.matcher(body);
            s.find();
            if (s.group(1).equals("SUCCEEDED")) {
                succeeded++;
            }
            OffsetDateTime created = time(CREATED, body);
            OffsetDateTime running = time(RUNNING_AT, body);
            OffsetDateTime finished = time(FINISHED, body);
            if (created != null && running != null) {
                startLatencies.add(Duration.between(created, running).toNanos() / 1e6);
            }
            if (firstCreated == null || created.isBefore(firstCreated)) {
                firstCreated = created;
            }
            if (finished != null && (lastFinished == null || finished.isAfter(lastFinished))) {
                lastFinished = finished;
            }
        }
        Collections.sort(startLatencies);
        double e2eSeconds = Duration.between(firstCreated, lastFinished).toNanos() / 1e9;
        double e2eRate = jobs / e2eSeconds;

        // Baseline in the same process: the bare fork/exec the job ultimately does.
        int forks = jobs;
        long forkStart = System.nanoTime();
        List<Double> forkLatencies = new ArrayList<>();
        for (int i = 0; i < forks; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder("bash", "-c", "true").start();
            p.waitFor();
            forkLatencies.add((System.nanoTime() - t) / 1e6);
        }
        double forkSeconds = (System.nanoTime() - forkStart) / 1e9;
        Collections.sort(forkLatencies);
        double forkRate = forks / forkSeconds;

        System.out.printf("jobs: %d submitted by %d clients, %d succeeded%n", jobs, clients, succeeded);
        System.out.printf("unloaded submit->RUNNING (100 jobs one at a time): p50 %8.2f ms   p99 %8.2f ms%n",
                pct(single, 50), pct(single, 99));
        System.out.printf("submit rate (HTTP 201s):          %8.1f jobs/s%n", jobs / (submitNanos / 1e9));
        System.out.printf("burst submit->RUNNING:    p50 %8.2f ms   p99 %8.2f ms%n", pct(startLatencies, 50), pct(startLatencies, 99));
        System.out.printf("end-to-end throughput:            %8.1f jobs/s (first created -> last finished %.2f s)%n", e2eRate, e2eSeconds);
        System.out.printf("baseline fork/exec bash -c true:  p50 %8.2f ms   p99 %8.2f ms   %8.1f /s (sequential)%n",
                pct(forkLatencies, 50), pct(forkLatencies, 99), forkRate);
        System.out.printf("ratio: unloaded job start p50 / fork p50 = %.1f;  fork rate / job rate = %.1f%n",
                pct(single, 50) / pct(forkLatencies, 50), forkRate / e2eRate);
    }

    private static List<String> runJobs(HttpClient http, String base, String key, int jobs, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<String>> futures = new ArrayList<>();
        String body = "{\"app\":\"script\",\"inputs\":{\"script\":\"true\"},\"resources\":{\"cores\":1}}";
        for (int i = 0; i < jobs; i++) {
            futures.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
                        .header("X-API-Key", key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IOException("submit answered " + response.statusCode() + ": " + response.body());
                }
                Matcher m = ID.matcher(response.body());
                m.find();
                return m.group(1);
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();
        return ids;
    }

    private static List<String> runJobsOneByOne(HttpClient http, String base, String key, int jobs) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            String id = runJobs(http, base, key, 1, 1).get(0);
            awaitTerminal(http, base, key, id);
            ids.add(id);
        }
        return ids;
    }

    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

    private static void awaitNoneActive(HttpClient http, String base, String key) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        URI active = URI.create(base + "/api/v1/jobs?state=QUEUED,STAGING,SUBMITTED,RUNNING,COLLECTING&limit=1");
        while (System.currentTimeMillis() < deadline) {
            String body = http.send(HttpRequest.newBuilder(active).header("X-API-Key", key).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = TOTAL.matcher(body);
            if (!m.find()) {
                throw new IOException("no total in " + body);
            }
            if (Long.parseLong(m.group(1)) == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("jobs were still active after 10 minutes");
    }

    private static String awaitTerminal(HttpClient http, String base, String key, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + id)).header("X-API-Key", key).build();
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher s = STATE.matcher(body);
            if (s.find() && List.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT").contains(s.group(1))) {
                return body;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("job " + id + " did not finish in 10 minutes");
    }

    private static OffsetDateTime time(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? OffsetDateTime.parse(m.group(1)) : null;
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
