package org.plinth.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairShareTest {

    private static List<FairShare.Candidate<String>> queue(String... ownerJobs) {
        List<FairShare.Candidate<String>> list = new ArrayList<>();
        for (String s : ownerJobs) {
            String[] p = s.split(":");
            list.add(new FairShare.Candidate<>(s, p[0], p.length > 2 ? Integer.parseInt(p[2]) : 1));
        }
        return list;
    }

    @Test
    void theOwnerWithFewestCoresGoesFirst() {
        // alice queued first and already holds 3 cores; bob holds none.
        var q = queue("alice:5", "alice:6", "bob:1", "bob:2");
        assertEquals(List.of("bob:1", "bob:2"), FairShare.choose(q, Map.of("alice", 3L), 2, 5));
    }

    @Test
    void alternatesBetweenOwnersWithEqualUse() {
        var q = queue("alice:1", "alice:2", "alice:3", "bob:1", "bob:2");
        assertEquals(List.of("alice:1", "bob:1", "alice:2", "bob:2"), FairShare.choose(q, Map.of(), 4, 4));
    }

    @Test
    void aJobThatDoesNotFitLetsOthersUseTheRest() {
        var q = queue("alice:big:4", "bob:1", "alice:2");
        // alice's 4-core job waits; bob gets a core; alice's later job is not run before her big one.
        assertEquals(List.of("bob:1"), FairShare.choose(q, Map.of(), 2, 4));
    }

    @Test
    void aJobWiderThanTheExecutorRunsAlone() {
        var q = queue("alice:huge:64");
        assertEquals(List.of("alice:huge:64"), FairShare.choose(q, Map.of(), 4, 4));
        assertEquals(List.of(), FairShare.choose(q, Map.of("bob", 1L), 3, 4));
    }
}
