package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlurmMonitorTest {

    private final AtomicInteger listings = new AtomicInteger();

    private SlurmMonitor monitor(long pollMillis) {
        SlurmApi api = new SlurmApi() {
            public String version() { return "v0.0.38"; }
            public long submit(SlurmJobSpec spec) { throw new UnsupportedOperationException(); }
            public SlurmJobStatus status(long jobId) { return SlurmJobStatus.gone(jobId); }
            public List<SlurmJobStatus> jobs() {
                listings.incrementAndGet();
                return List.of();
            }
            public boolean cancel(long jobId, String user) { return false; }
            public SlurmPing ping() { throw new UnsupportedOperationException(); }
            public JsonObject diag() { throw new UnsupportedOperationException(); }
        };
        SlurmMonitor monitor = new SlurmMonitor();
        monitor.slurm = new SlurmExecutor() {
            @Override
            public long pollMillis() { return pollMillis; }
            @Override
            public SlurmApi api() { return api; }
        };
        return monitor;
    }

    @Test
    void aStepWaitsUntilTheListingIsDueNotAWholeIntervalFromNow() throws Exception {
        SlurmMonitor monitor = monitor(1000);
        assertEquals(SlurmMonitor.MIN_WAIT_MILLIS, monitor.millisUntilNextListing(), "never fetched: ask at once");
        monitor.status(1);
        assertEquals(1, listings.get());
        long fresh = monitor.millisUntilNextListing();
        assertTrue(fresh > 800 && fresh <= 1000, "just fetched: about one interval, was " + fresh);
        Thread.sleep(300);
        long later = monitor.millisUntilNextListing();
        assertTrue(later <= 700, "300 ms later the listing is due sooner, was " + later);
        monitor.status(2);
        assertEquals(1, listings.get(), "within the interval the listing is shared, not fetched again");
    }

    @Test
    void betweenFullListingsItAsksOnlyWhetherAnythingChanged() throws Exception {
        AtomicInteger full = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean changed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong since = new java.util.concurrent.atomic.AtomicLong();
        SlurmJobStatus running = new SlurmJobStatus(7, SlurmState.RUNNING, "RUNNING", null, null, null, null, null,
                "plinth-x", null, "plinth");
        SlurmJobStatus done = new SlurmJobStatus(7, SlurmState.COMPLETED, "COMPLETED", 0, null, null, null, null,
                "plinth-x", null, "plinth");
        SlurmApi api = new SlurmApi() {
            public String version() { return "v0.0.38"; }
            public long submit(SlurmJobSpec spec) { throw new UnsupportedOperationException(); }
            public SlurmJobStatus status(long jobId) { return SlurmJobStatus.gone(jobId); }
            public List<SlurmJobStatus> jobs() {
                full.incrementAndGet();
                return List.of(running);
            }
            public java.util.Optional<List<SlurmJobStatus>> jobsIfChangedSince(long s) {
                asked.incrementAndGet();
                since.set(s);
                return changed.get() ? java.util.Optional.of(List.of(done)) : java.util.Optional.empty();
            }
            public boolean cancel(long jobId, String user) { return false; }
            public SlurmPing ping() { throw new UnsupportedOperationException(); }
            public JsonObject diag() { throw new UnsupportedOperationException(); }
        };
        SlurmMonitor monitor = new SlurmMonitor();
        monitor.slurm = new SlurmExecutor() {
            @Override
            public long pollMillis() { return 20; }
            @Override
            public SlurmApi api() { return api; }
        };
        long before = System.currentTimeMillis() / 1000;
        assertEquals(SlurmState.RUNNING, monitor.status(7).state());
        assertEquals(1, full.get(), "the first listing is a full one");
        Thread.sleep(30);
        assertEquals(SlurmState.RUNNING, monitor.status(7).state(), "304: the listing held stays");
        assertEquals(1, full.get());
        assertEquals(1, asked.get());
        assertTrue(since.get() <= before - SlurmMonitor.CLOCK_SLACK_SECONDS + 1 && since.get() >= before - SlurmMonitor.CLOCK_SLACK_SECONDS - 1,
                "asked for changes since the full listing, less the slack: " + since.get() + " vs " + before);
        changed.set(true);
        Thread.sleep(30);
        assertEquals(SlurmState.COMPLETED, monitor.status(7).state(), "a change brings the new listing");
        assertEquals(2, asked.get());
        assertEquals(1, full.get());
    }
}
