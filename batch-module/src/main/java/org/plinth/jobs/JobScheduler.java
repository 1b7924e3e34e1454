package org.plinth.jobs;

import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.plinth.concurrency.CoalescingRunner;
import org.plinth.executors.LocalExecutor;
import org.plinth.executors.slurm.SlurmExecutor;
import org.plinth.persistence.DatabaseUnreachable;
import org.plinth.persistence.DatabaseWait;

/**
 * Starts queued jobs as batch jobs while the local executor has free cores. Queued jobs wait in
 * the database, not on threads. A submit or a job's end wakes the scheduler at once (so a job
 * starts within milliseconds); a slow tick also wakes it, for jobs queued through another
 * server instance. Wake-ups coalesce ({@link CoalescingRunner}): one dispatch runs at a time
 * and runs again if woken meanwhile.
 */
@ApplicationScoped
public class JobScheduler {

    public static final String BATCH_JOB = "app-run";
    /** A sweep: the same steps, its execute step partitioned, one partition per point. */
    public static final String SWEEP_BATCH_JOB = "app-sweep";
    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    @Inject
    JobStore store;
    @Inject
    Config config;
    @Inject
    SlurmExecutor slurm;
    @Inject
    DatabaseWait database;
    @Inject
    ServerNode node;
    @Resource
    ManagedExecutorService executor;
    @Resource
    ManagedScheduledExecutorService timer;

    private final CoalescingRunner dispatches = new CoalescingRunner("a dispatch", this::dispatchOnce);
    private ScheduledFuture<?> tick;
    /** Jobs this server is starting whose stage step has not yet recorded their batch execution. */
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    /** A dispatch failed: one of its claims may have committed although the commit answered an error. */
    private volatile boolean claimInDoubt;

    /** Cores of this server the local executor may fill ({@code plinth.executors.local.cores}). */
    public int localCores() {
        return config.getOptionalValue("plinth.executors.local.cores", Integer.class)
                .orElse(Runtime.getRuntime().availableProcessors());
    }

    public synchronized void startTicking() {
        if (tick == null) {
            long seconds = config.getOptionalValue("plinth.scheduler.tick-seconds", Long.class).orElse(2L);
            tick = timer.scheduleWithFixedDelay(this::wake, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    public synchronized void stopTicking() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    public void wake() {
        dispatches.wake(executor);
    }

    /** One pass of the dispatcher; the database being away is expected, a line rather than a trace. */
    private void dispatchOnce() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            if (DatabaseUnreachable.causes(e)) {
                LOG.warning("dispatch failed, the database is unreachable; the next tick tries again");
            } else {
                LOG.log(Level.WARNING, "dispatch failed; the next tick tries again", e);
            }
        }
    }

    /**
     * Claims what fits and starts it; answers how many jobs it started. Each claim is its own
     * transaction, and the jobs of a committed claim are started before anything else may fail:
     * a database outage that broke the SLURM claim after the local one had committed left the local
     * jobs STAGING with no batch job (ReliabilityDatabaseOutageIT).
     */
    public int dispatch() {
        try {
            int started = 0;
            if (claimInDoubt) {
                started += startClaimsLeftBehind();
                claimInDoubt = false;
            }
            started += startAll(store.claimQueued(LocalExecutor.NAME, node.name(), localCores(), 256));
            if (slurm.enabled()) {
                // SLURM queues and schedules; the bounds keep Plinth from flooding it, and from
                // spending every batch thread on following SLURM jobs (each holds one while SLURM
                // runs it) so that local jobs would wait for a thread rather than for cores
                long room = slurm.maxJobs() - store.countActive(SlurmExecutor.NAME);
                if (room > 0) {
                    started += startAll(store.claimQueued(SlurmExecutor.NAME, node.name(), slurm.capacityCores(),
                            (int) Math.min(room, 256)));
                }
            }
            return started;
        } catch (RuntimeException e) {
            claimInDoubt = true;
            throw e;
        }
    }

    /**
     * After a failed dispatch: starts the jobs this server claimed but never started. When the
     * database goes away during a claim's commit, PostgreSQL may have committed while the client
     * got "terminating connection": the jobs are STAGING, their capacity held, and nobody starts
     * them (ReliabilityDatabaseOutageIT met one). Only this server's claims are looked at, and
     * only those it is not starting already, so no job is started twice, whatever other server
     * instances do.
     */
    private int startClaimsLeftBehind() {
        List<Job> claimed = store.claimedWithoutBatchJob(node.name());
        Set<String> stillClaimed = new HashSet<>();
        int started = 0;
        for (Job job : claimed) {
            stillClaimed.add(job.id());
            if (!starting.contains(job.id())) {
                LOG.warning(() -> "job " + job.id() + ": claimed while the database went away, its batch job never "
                        + "started; starting it now");
                startBatchJob(job);
                started++;
            }
        }
        starting.retainAll(stillClaimed); // those whose batch job ended before its stage step
        return started;
    }

    /** The stage step has recorded the job's batch execution: the job is no longer being started. */
    public void staged(String jobId) {
        starting.remove(jobId);
    }

    private int startAll(List<Job> claimed) {
        for (Job job : claimed) {
            startBatchJob(job);
        }
        return claimed.size();
    }

    private volatile JobOperator operator;

    /**
     * The batch runtime's operator, looked up once: each BatchRuntime.getJobOperator() is a
     * ServiceLoader scan through Payara's class loaders, about 4 % of the server's CPU when it
     * ran per job start (JFR, bench/run.sh).
     */
    JobOperator operator() {
        JobOperator o = operator;
        if (o == null) {
            o = BatchRuntime.getJobOperator();
            operator = o;
        }
        return o;
    }

    /**
     * Starts (or, for a restart, continues) the batch job of a job that holds its capacity. The
     * batch runtime keeps its own tables in the database: when that is away, the start is tried
     * again until it answers (the job was claimed, and must not be left STAGING without a batch job).
     */
    public void startBatchJob(Job job) {
        if (job.batchExecutionId() == null) {
            starting.add(job.id());
        }
        try {
            try {
                launch(job);
            } catch (RuntimeException e) {
                if (!DatabaseUnreachable.causes(e)) {
                    throw e;
                }
                database.run("job " + job.id() + ": starting its batch job", () -> launch(job));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job " + job.id() + ": cannot start its batch job", e);
            starting.remove(job.id());
            database.run("job " + job.id() + ": recording its end",
                    () -> store.finish(job.id(), JobState.FAILED, null, "could not start the batch job: " + e.getMessage()));
        }
    }

    private void launch(Job job) {
        JobOperator operator = operator();
        Properties parameters = new Properties();
        parameters.setProperty("jobId", job.id());
        if (job.restartRequested() && job.batchExecutionId() != null) {
            // A restart resumes at the failed step, after stage: record the new execution here.
            long execution = operator.restart(job.batchExecutionId(), parameters);
            database.run("job " + job.id() + ": recording its batch execution", () -> store.recordExecution(job.id(), execution));
        } else {
            // its stage step records the execution
            operator.start(job.sweep() != null ? SWEEP_BATCH_JOB : BATCH_JOB, parameters);
        }
    }
}
