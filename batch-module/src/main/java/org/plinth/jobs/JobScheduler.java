package org.plinth.jobs;

import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Properties;
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
    @Resource
    ManagedExecutorService executor;
    @Resource
    ManagedScheduledExecutorService timer;

    private final CoalescingRunner dispatches = new CoalescingRunner("a dispatch", this::dispatchOnce);
    private ScheduledFuture<?> tick;

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
        int started = startAll(store.claimQueued(LocalExecutor.NAME, localCores(), 256));
        if (slurm.enabled()) {
            // SLURM queues and schedules; the bounds keep Plinth from flooding it, and from
            // spending every batch thread on following SLURM jobs (each holds one while SLURM
            // runs it) so that local jobs would wait for a thread rather than for cores
            long room = slurm.maxJobs() - store.countActive(SlurmExecutor.NAME);
            if (room > 0) {
                started += startAll(store.claimQueued(SlurmExecutor.NAME, slurm.capacityCores(), (int) Math.min(room, 256)));
            }
        }
        return started;
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
