package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user with a long queue does not starve another: freed cores go to whoever holds fewest. */
@ExtendWith(PlinthTestServer.class)
class FairShareIT {

    private final Api alice;
    private final Api bob;

    FairShareIT(PlinthTestServer server) {
        this.alice = new Api(server, server.aliceKey());
        this.bob = new Api(server, server.bobKey());
    }

    @Test
    void freedCoresGoToTheOwnerWithFewestInUse() {
        int cores = PlinthTestServer.LOCAL_CORES;
        List<String> aliceJobs = new ArrayList<>();
        for (int i = 0; i < 2 * cores; i++) {
            aliceJobs.add(alice.script("sleep 2").getString("id"));
        }
        Api.sleep(500); // alice now fills every core and has as many jobs queued
        List<String> bobJobs = List.of(bob.script("true").getString("id"), bob.script("true").getString("id"));

        OffsetDateTime bobStarted = null;
        for (String id : bobJobs) {
            OffsetDateTime t = runningAt(bob.awaitEnd(id));
            bobStarted = bobStarted == null || t.isAfter(bobStarted) ? t : bobStarted;
        }
        // Bob's jobs, submitted after alice's whole queue, start before her queued ones.
        int startedAfterBob = 0;
        for (String id : aliceJobs.subList(cores, aliceJobs.size())) {
            if (runningAt(alice.awaitEnd(id)).isAfter(bobStarted)) {
                startedAfterBob++;
            }
        }
        assertTrue(startedAfterBob >= cores - 1, "alice's queued jobs should mostly start after bob's: " + startedAfterBob);
    }

    private static OffsetDateTime runningAt(JsonObject job) {
        return job.getJsonArray("history").stream().map(v -> v.asJsonObject())
                .filter(h -> h.getString("state").equals("RUNNING")).findFirst()
                .map(h -> OffsetDateTime.parse(h.getString("at"))).orElseThrow(() -> new AssertionError("never ran: " + job));
    }
}
