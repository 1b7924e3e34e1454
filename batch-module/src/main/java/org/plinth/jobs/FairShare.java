package org.plinth.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses which queued jobs get an executor's free cores: the owner with the fewest cores in use
 * goes next (ties: the owner whose oldest job waited longest), oldest job first within an owner.
 * So one user's thousand queued jobs never starve another user's one.
 */
final class FairShare {

    /** A queued job as the choice sees it, oldest first in the input list. */
    record Candidate<T>(T job, String owner, int cores) {
    }

    private FairShare() {
    }

    /**
     * @param candidates queued jobs, oldest first
     * @param inUse      cores each owner holds now
     * @param free       cores free now
     * @param capacity   the executor's capacity; a job wider than it runs alone (it could never fit)
     */
    static <T> List<T> choose(List<Candidate<T>> candidates, Map<String, Long> inUse, long free, int capacity) {
        Map<String, ArrayDeque<Candidate<T>>> byOwner = new LinkedHashMap<>();
        for (Candidate<T> c : candidates) {
            byOwner.computeIfAbsent(c.owner(), o -> new ArrayDeque<>()).add(c);
        }
        Map<String, Long> used = new HashMap<>(inUse);
        List<T> chosen = new ArrayList<>();
        while (free > 0 && !byOwner.isEmpty()) {
            String next = null;
            for (String owner : byOwner.keySet()) {
                if (next == null || used.getOrDefault(owner, 0L) < used.getOrDefault(next, 0L)) {
                    next = owner;
                }
            }
            ArrayDeque<Candidate<T>> queue = byOwner.get(next);
            Candidate<T> head = queue.peek();
            long need = Math.min(head.cores(), capacity);
            if (need > free) {
                // This owner's next job does not fit now; keep its order, let others use the rest.
                byOwner.remove(next);
                continue;
            }
            queue.poll();
            if (queue.isEmpty()) {
                byOwner.remove(next);
            }
            free -= need;
            used.merge(next, need, Long::sum);
            chosen.add(head.job());
        }
        return chosen;
    }
}
