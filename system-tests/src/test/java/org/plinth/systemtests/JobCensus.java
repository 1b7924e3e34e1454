package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The jobs of one test as the list endpoint shows them at one moment (a few requests of up to
 * 500 jobs, not one per job), and their counts per state: what the reliability tests print.
 */
final class JobCensus {

    private final Map<String, JsonObject> jobs;

    private JobCensus(Map<String, JsonObject> jobs) {
        this.jobs = jobs;
    }

    /** The summaries of {@code ids} among the caller's jobs, newest first until all are found. */
    static JobCensus of(Api api, Set<String> ids) {
        Map<String, JsonObject> found = new HashMap<>();
        for (int offset = 0; found.size() < ids.size(); offset += 500) {
            HttpResponse<String> r = api.get("/jobs?limit=500&offset=" + offset);
            assertEquals(200, r.statusCode(), r.body());
            JsonObject page = Api.json(r);
            for (var v : page.getJsonArray("jobs")) {
                JsonObject job = v.asJsonObject();
                if (ids.contains(job.getString("id"))) {
                    found.put(job.getString("id"), job);
                }
            }
            if (offset + 500 >= page.getInt("total")) {
                break;
            }
        }
        return new JobCensus(found);
    }

    Map<String, JsonObject> jobs() {
        return jobs;
    }

    JsonObject job(String id) {
        return jobs.get(id);
    }

    String state(String id) {
        JsonObject job = jobs.get(id);
        return job == null ? "LOST" : job.getString("state");
    }

    /** Counts per state of the jobs on one executor (null: all), e.g. {QUEUED=12, RUNNING=4}. */
    Map<String, Long> counts(String executor) {
        return jobs.values().stream().filter(j -> executor == null || executor.equals(j.getString("executor")))
                .collect(Collectors.groupingBy(j -> j.getString("state"), TreeMap::new, Collectors.counting()));
    }

    long count(String executor, String state) {
        return counts(executor).getOrDefault(state, 0L);
    }

    /** How many of {@code ids} are in a terminal state. */
    long terminal(Collection<String> ids) {
        return ids.stream().filter(id -> Api.TERMINAL.contains(state(id))).count();
    }
}
