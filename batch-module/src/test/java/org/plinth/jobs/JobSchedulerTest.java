package org.plinth.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.batch.operations.JobOperator;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.plinth.executors.slurm.SlurmExecutor;

/**
 * The scheduler's rescue of claims whose commit reached the database although the client got an
 * error: the next dispatch starts them, and never starts a job twice. The store and the batch
 * runtime are doubles; the rescue's query itself runs against PostgreSQL in
 * ReliabilityDatabaseOutageIT.
 */
class JobSchedulerTest {

    /** Jobs by id as the database holds them; a claim can "commit" and still throw. */
    static final class Store extends JobStore {
        final Map<String, Job> rows = new LinkedHashMap<>();
        boolean failNextClaimAfterCommit;
        int rescueQueries;

        void queue(String id) {
            Job job = new Job();
            job.id = id;
            job.state = JobState.QUEUED;
            job.cores = 1;
            rows.put(id, job);
        }

        @Override
        public List<Job> claimQueued(String executor, String node, int capacityCores, int scanLimit) {
            List<Job> claimed = new ArrayList<>();
            for (Job job : rows.values()) {
                if (job.state == JobState.QUEUED && claimed.size() < capacityCores) {
                    job.state = JobState.STAGING;
                    job.node = node;
                    claimed.add(job);
                }
            }
            if (failNextClaimAfterCommit) {
                failNextClaimAfterCommit = false;
                throw new IllegalStateException("FATAL: terminating connection due to administrator command");
            }
            return claimed;
        }

        @Override
        public List<Job> claimedWithoutBatchJob(String node) {
            rescueQueries++;
            return rows.values().stream()
                    .filter(j -> node.equals(j.node) && j.state == JobState.STAGING && j.batchExecutionId == null).toList();
        }
    }

    /** The batch runtime: records which job each start was for. */
    final List<String> started = new ArrayList<>();
    final Store store = new Store();
    final JobScheduler scheduler = scheduler();

    private JobScheduler scheduler() {
        JobOperator operator = (JobOperator) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {JobOperator.class}, (proxy, method, args) -> {
                    if (method.getName().equals("start")) {
                        started.add(((Properties) args[1]).getProperty("jobId"));
                        return (long) started.size();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        JobScheduler s = new JobScheduler() {
            @Override
            public int localCores() {
                return 4;
            }

            @Override
            JobOperator operator() {
                return operator;
            }
        };
        s.store = store;
        s.slurm = new SlurmExecutor() {
            @Override
            public boolean enabled() {
                return false;
            }
        };
        s.node = new ServerNode() {
            @Override
            public String name() {
                return "node-a";
            }
        };
        return s;
    }

    @Test
    void aClaimThatCommittedAlthoughItsCommitFailedIsStartedByTheNextDispatch() {
        store.queue("a");
        store.failNextClaimAfterCommit = true;

        assertThrows(IllegalStateException.class, scheduler::dispatch);
        assertEquals(List.of(), started, "the failed dispatch started nothing");
        assertEquals(JobState.STAGING, store.rows.get("a").state, "but the claim reached the database");

        assertEquals(1, scheduler.dispatch());
        assertEquals(List.of("a"), started);
    }

    @Test
    void aJobWaitingForItsStageStepIsNotStartedAgain() {
        store.queue("b");
        assertEquals(1, scheduler.dispatch());
        assertEquals(List.of("b"), started);
        // b's batch job waits for a batch thread: STAGING, no execution recorded yet

        store.queue("c");
        store.failNextClaimAfterCommit = true;
        assertThrows(IllegalStateException.class, scheduler::dispatch);

        scheduler.dispatch();
        assertEquals(List.of("b", "c"), started, "c is started once, b not a second time");
    }

    @Test
    void aStagedJobIsForgottenAndAJobLeftBehindAfterItIsStillFound() {
        store.queue("d");
        scheduler.dispatch();
        store.rows.get("d").batchExecutionId = 1L;
        scheduler.staged("d");

        store.queue("e");
        store.failNextClaimAfterCommit = true;
        assertThrows(IllegalStateException.class, scheduler::dispatch);
        scheduler.dispatch();
        scheduler.dispatch();

        assertEquals(List.of("d", "e"), started);
        assertEquals(1, store.rescueQueries, "only the dispatch after the failed one looks for claims left behind");
    }

    @Test
    void anotherServersClaimIsLeftToIt() {
        store.queue("f");
        store.rows.get("f").state = JobState.STAGING;
        store.rows.get("f").node = "node-b";
        store.queue("g");
        store.failNextClaimAfterCommit = true;
        assertThrows(IllegalStateException.class, scheduler::dispatch);

        scheduler.dispatch();
        assertEquals(List.of("g"), started);
    }
}
