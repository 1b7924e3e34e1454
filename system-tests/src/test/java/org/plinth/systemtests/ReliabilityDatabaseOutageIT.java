package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9, "Faults": PostgreSQL stopped for 20 s while clients keep submitting jobs and reading
 * job status and lists. Every answer is a success or a 503 with {@code Retry-After} as
 * problem+json (never a 500, never a stack trace); once the database is back the server recovers
 * by itself within 10 s; every accepted job exists afterwards and succeeds; no job is left
 * half-written or stuck; jobs running across the outage end as they would have without it.
 */
@Tag("reliability")
@ExtendWith(PlinthTestServer.class)
class ReliabilityDatabaseOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(20);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
    static final Duration SLOWEST_REFUSAL = Duration.ofSeconds(5);
    static final int SUBMITTERS = 3;
    static final int READERS = 2;

    private final PlinthTestServer server;
    private final Api erin;

    ReliabilityDatabaseOutageIT(PlinthTestServer server) {
        this.server = server;
        this.erin = new Api(server, server.erinKey());
    }

    /** What the clients saw, counted; every answer that is neither a success nor a proper 503 is kept. */
    static final class Tally {
        final AtomicInteger submitsTried = new AtomicInteger();
        final AtomicInteger submitsAccepted = new AtomicInteger();
        final AtomicInteger submits503 = new AtomicInteger();
        final AtomicInteger readsTried = new AtomicInteger();
        final AtomicInteger reads503 = new AtomicInteger();
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        /** The slowest 503: a refusal should come at once, not after the client's patience ran out. */
        final java.util.concurrent.atomic.AtomicLong slowest503Ms = new java.util.concurrent.atomic.AtomicLong();
        final List<String> bad = new CopyOnWriteArrayList<>();

        /** Answers whether the response was a success; records a bad answer. */
        boolean check(String what, HttpResponse<String> r, AtomicInteger unavailable, long tookMs) {
            int status = r.statusCode();
            if (status == 200 || status == 201) {
                return true;
            }
            String body = r.body() == null ? "" : r.body();
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (body.contains("\tat ") || body.contains("Exception")) {
                bad.add(what + ": " + status + " with a stack trace or exception name: " + snippet(body));
            } else if (status != 503) {
                bad.add(what + ": " + status + " " + snippet(body));
            } else if (r.headers().firstValue("Retry-After").isEmpty()) {
                bad.add(what + ": 503 without Retry-After: " + snippet(body));
            } else if (!type.startsWith("application/problem+json") || !problemWithStatus(body, 503)) {
                bad.add(what + ": 503 that is not problem+json (" + type + "): " + snippet(body));
            } else {
                unavailable.incrementAndGet();
                slowest503Ms.accumulateAndGet(tookMs, Math::max);
            }
            return false;
        }

        static boolean problemWithStatus(String body, int status) {
            try {
                JsonObject o = Json.createReader(new StringReader(body)).readObject();
                return o.getInt("status", -1) == status && o.containsKey("title");
            } catch (RuntimeException e) {
                return false;
            }
        }

        static String snippet(String body) {
            return body.length() > 300 ? body.substring(0, 300) + "…" : body;
        }
    }

    @Test
    void submitsAndReadsDuringADatabaseOutage() throws Exception {
        String tag = "outage" + System.nanoTime();
        // Jobs that run across the outage: one ends while the database is down, one after it is back.
        String endsDuring = erin.script("echo ran >> runs.log; sleep 8; echo done > done.txt").getString("id");
        String endsAfter = erin.script("exec -a " + tag + "-long bash -c 'echo ran >> runs.log; sleep 36; echo done > done.txt'")
                .getString("id");
        for (String id : List.of(endsDuring, endsAfter)) {
            erin.awaitState(id, List.of("RUNNING"), Duration.ofSeconds(60));
        }

        Tally tally = new Tally();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean databaseDown = new AtomicBoolean();
        AtomicInteger readinessDownSeen = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < SUBMITTERS; i++) {
            clients.add(started("submitter-" + i, () -> submitLoop(tally, stop)));
        }
        for (int i = 0; i < READERS; i++) {
            clients.add(started("reader-" + i, () -> readLoop(tally, stop)));
        }
        Thread readiness = started("readiness", () -> {
            while (!stop.get()) {
                try {
                    HttpResponse<String> r = Http.get(server.baseUrl() + "/health/ready", null);
                    if (databaseDown.get() && r.statusCode() == 503) {
                        readinessDownSeen.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    tally.bad.add("GET /health/ready: no answer: " + e);
                }
                Api.sleep(500);
            }
        });

        Api.sleep(3000); // load on a healthy server first
        long downAt = System.nanoTime();
        int acceptedBefore = tally.submitsAccepted.get();
        databaseDown.set(true);
        server.stopDatabase();
        Api.sleep(OUTAGE.toMillis() - (System.nanoTime() - downAt) / 1_000_000);
        int acceptedDuring = tally.submitsAccepted.get() - acceptedBefore;
        server.startDatabase();
        long upAt = System.nanoTime();
        databaseDown.set(false);
        long outageMs = (upAt - downAt) / 1_000_000;

        // Recovery: the first submit that succeeds and readiness UP, without any help.
        long recoveredAt = -1;
        while (System.nanoTime() - upAt < RECOVERY_BOUND.toNanos() + 20_000_000_000L) {
            boolean submitOk = submitOnce(tally);
            boolean ready = Http.get(server.baseUrl() + "/health/ready", null).statusCode() == 200;
            if (submitOk && ready) {
                recoveredAt = System.nanoTime();
                break;
            }
            Api.sleep(100);
        }
        long recoveryMs = recoveredAt < 0 ? -1 : (recoveredAt - upAt) / 1_000_000;
        Api.sleep(3000); // load on the recovered server
        stop.set(true);
        for (Thread t : clients) {
            t.join(120_000);
        }
        readiness.join(10_000);

        System.out.printf("[reliability] database outage %d ms: submits tried %d, accepted %d (%d before the outage, %d "
                        + "while the database was down), 503s %d; reads %d, 503s %d; slowest 503 %d ms; readiness DOWN seen %d times; recovery %d ms%n",
                outageMs, tally.submitsTried.get(), tally.submitsAccepted.get(), acceptedBefore, acceptedDuring, tally.submits503.get(),
                tally.readsTried.get(), tally.reads503.get(), tally.slowest503Ms.get(), readinessDownSeen.get(), recoveryMs);
        if (!tally.bad.isEmpty()) {
            fail(tally.bad.size() + " bad answers during the outage, e.g.:\n" + String.join("\n", tally.bad.subList(0,
                    Math.min(20, tally.bad.size()))));
        }
        assertTrue(tally.submits503.get() > 0, "no submit was refused: was the database really down?");
        assertTrue(readinessDownSeen.get() > 0, "readiness never said DOWN while the database was down");
        // a refusal comes at once (EclipseLink's silent query retries held reads 10 s: NoQueryRetries)
        assertTrue(tally.slowest503Ms.get() < SLOWEST_REFUSAL.toMillis(), "a 503 took " + tally.slowest503Ms.get() + " ms");
        assertTrue(recoveryMs >= 0, "the server did not recover within " + RECOVERY_BOUND.plusSeconds(20));
        assertTrue(recoveryMs <= RECOVERY_BOUND.toMillis(), "recovery took " + recoveryMs + " ms");

        // Every accepted job, and every job erin has at all, settles; each one succeeds.
        Map<String, JsonObject> all = settleAll(Duration.ofSeconds(240));
        Set<String> missing = new HashSet<>(tally.accepted);
        missing.removeAll(all.keySet());
        assertEquals(Set.of(), missing, "accepted jobs that do not exist");
        List<String> notSucceeded = new ArrayList<>();
        all.forEach((id, job) -> {
            if (!"SUCCEEDED".equals(job.getString("state"))) {
                notSucceeded.add(id + " " + job.getString("state") + " " + job.getString("message", ""));
            }
        });
        Set<String> unannounced = new HashSet<>(all.keySet());
        unannounced.removeAll(tally.accepted);
        unannounced.removeAll(List.of(endsDuring, endsAfter));
        System.out.printf("[reliability] database outage: %d jobs of the user afterwards, %d accepted, %d created "
                + "though their submit was not answered 201, %d not SUCCEEDED%n", all.size(), tally.accepted.size(),
                unannounced.size(), notSucceeded.size());
        assertEquals(List.of(), notSucceeded, "jobs that did not succeed");

        // The jobs that ran across the outage ran once and finished their work.
        for (String id : List.of(endsDuring, endsAfter)) {
            JsonObject job = erin.job(id);
            assertEquals("SUCCEEDED", job.getString("state"), job.toString());
            assertEquals("ran\n", erin.get("/jobs/" + id + "/outputs/runs.log").body(), "job " + id + " must run once");
            assertEquals("done\n", erin.get("/jobs/" + id + "/outputs/done.txt").body());
            assertEquals(1, Api.history(job).stream().filter("RUNNING"::equals).count(), job.toString());
        }
        assertEquals(0, JobLifecycleIT.processesNamed(tag + "-long"), "a process outlived its job");
    }

    private static Thread started(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void submitLoop(Tally tally, AtomicBoolean stop) {
        while (!stop.get()) {
            submitOnce(tally);
            Api.sleep(150 + ThreadLocalRandom.current().nextInt(100));
        }
    }

    /** One tiny job; answers whether it was accepted. */
    private boolean submitOnce(Tally tally) {
        tally.submitsTried.incrementAndGet();
        HttpResponse<String> r;
        long t0 = System.nanoTime();
        try {
            r = erin.post("/jobs", "{\"app\": \"script\", \"name\": \"outage\", \"inputs\": {\"script\": \"echo ok\"}}");
        } catch (RuntimeException e) {
            tally.bad.add("POST /jobs: no answer: " + e);
            return false;
        }
        if (tally.check("POST /jobs", r, tally.submits503, (System.nanoTime() - t0) / 1_000_000)) {
            if (r.statusCode() != 201) {
                tally.bad.add("POST /jobs: " + r.statusCode() + " instead of 201: " + Tally.snippet(r.body()));
                return false;
            }
            tally.accepted.add(Api.json(r).getString("id"));
            tally.submitsAccepted.incrementAndGet();
            return true;
        }
        return false;
    }

    private void readLoop(Tally tally, AtomicBoolean stop) {
        while (!stop.get()) {
            List<String> known = new ArrayList<>(tally.accepted);
            String path = known.isEmpty() || ThreadLocalRandom.current().nextBoolean() ? "/jobs?limit=20"
                    : "/jobs/" + known.get(ThreadLocalRandom.current().nextInt(known.size()));
            tally.readsTried.incrementAndGet();
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = erin.get(path);
                tally.check("GET " + path, r, tally.reads503, (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                tally.bad.add("GET " + path + ": no answer: " + e);
            }
            Api.sleep(100 + ThreadLocalRandom.current().nextInt(100));
        }
    }

    /** Every job of erin's, once none of them is in a non-terminal state any more (or the time is up). */
    private Map<String, JsonObject> settleAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, JsonObject> all = listAll();
            List<String> open = all.values().stream().filter(j -> !Api.TERMINAL.contains(j.getString("state")))
                    .map(j -> j.getString("id") + " " + j.getString("state")).toList();
            if (open.isEmpty()) {
                return all;
            }
            if (System.nanoTime() > deadline) {
                fail(open.size() + " jobs did not settle within " + timeout + ": "
                        + open.subList(0, Math.min(20, open.size())));
            }
            Api.sleep(1000);
        }
    }

    private Map<String, JsonObject> listAll() {
        Map<String, JsonObject> all = new LinkedHashMap<>();
        for (int offset = 0; ; offset += 500) {
            HttpResponse<String> r = erin.get("/jobs?limit=500&offset=" + offset);
            assertEquals(200, r.statusCode(), r.body());
            List<JsonValue> page = Api.json(r).getJsonArray("jobs");
            page.forEach(v -> all.put(v.asJsonObject().getString("id"), v.asJsonObject()));
            if (page.size() < 500) {
                return Collections.unmodifiableMap(all);
            }
        }
    }
}
