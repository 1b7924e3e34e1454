package org.plinth.jobs.run;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.plinth.executors.RunningProcess;

/**
 * The processes this server is waiting for, so that a cancel on this server reaches its
 * execute step at once instead of at the next database poll.
 */
@ApplicationScoped
public class RunningJobs {

    private final ConcurrentHashMap<String, RunningProcess> processes = new ConcurrentHashMap<>();
    private final Set<String> remote = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    /** Jobs whose batch job runs on this server, from its start to its very end (its listener). */
    private final Set<String> executing = ConcurrentHashMap.newKeySet();

    void batchJobStarted(String jobId) {
        executing.add(jobId);
    }

    void batchJobEnded(String jobId) {
        executing.remove(jobId);
        unregister(jobId);
    }

    /**
     * Whether the job's batch job still runs here: a job already marked cancelled may still be
     * winding down (a sweep's other partitions), and a restart must wait for its end or the new
     * execution would meet the old one.
     */
    public boolean stillExecuting(String jobId) {
        return executing.contains(jobId);
    }

    void register(String jobId, RunningProcess process) {
        processes.put(jobId, process);
    }

    /** A sweep running here: processes in several partitions, and a cancel must reach every one. */
    void registerSweep(String jobId) {
        remote.add(jobId);
    }

    /** A job this server follows on a cluster: no process here, but a cancel must reach it. */
    void registerRemote(String jobId) {
        remote.add(jobId);
    }

    void unregister(String jobId) {
        processes.remove(jobId);
        remote.remove(jobId);
        cancelled.remove(jobId);
    }

    /** Asks the execute step of a job running here to end it; answers whether it runs here. */
    public boolean cancel(String jobId) {
        if (processes.containsKey(jobId) || remote.contains(jobId)) {
            cancelled.add(jobId);
            return true;
        }
        return false;
    }

    boolean isCancelled(String jobId) {
        return cancelled.contains(jobId);
    }
}
