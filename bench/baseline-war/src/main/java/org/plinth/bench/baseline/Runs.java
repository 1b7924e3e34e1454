package org.plinth.bench.baseline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** The runs in progress: each waits for its jobs' listeners. */
final class Runs {

    private static final Map<String, CountDownLatch> RUNS = new ConcurrentHashMap<>();

    private Runs() {
    }

    static CountDownLatch begin(String run, int jobs) {
        CountDownLatch latch = new CountDownLatch(jobs);
        RUNS.put(run, latch);
        return latch;
    }

    static void ended(String run) {
        CountDownLatch latch = RUNS.get(run);
        if (latch != null) {
            latch.countDown();
        }
    }

    static void forget(String run) {
        RUNS.remove(run);
    }
}
