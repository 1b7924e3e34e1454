package org.plinth.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.plinth.executors.LocalExecutor;
import org.plinth.executors.ProcessIdentity;
import org.plinth.workspace.Workspaces;

/**
 * On start-up, settles every job this server was working on when it stopped, so none is lost
 * and none stays RUNNING forever: a job submitted to SLURM is followed again; a job whose
 * process never started goes back to the queue (a SLURM submit that may have happened is found
 * by name then, see SlurmExecutor); a
 * process that outlived the server (its pid and start time still match) or that ended while the
 * server was down (its wrapper left the exit status) is picked up again by a fresh batch
 * execution, also when the server died before it stored the process's pid (the wrapper wrote
 * it in the workspace); a local job whose process had not started yet is queued again;
 * anything else is failed with the reason.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    public static final String LOST = "server stopped while the job ran";

    @Inject
    JobStore store;
    @Inject
    JobScheduler scheduler;
    @Inject
    Workspaces workspaces;
    @Inject
    org.plinth.jobs.run.SweepRun sweeps;

    public void reconcile(String node) {
        int requeued = 0;
        int reattached = 0;
        int failed = 0;
        for (Job job : store.activeOn(node)) {
            if (job.externalId() != null) {
                // SLURM has it: a fresh batch execution follows it again (SLURM knows how it went)
                scheduler.startBatchJob(withoutRestart(job));
                reattached++;
            } else if (job.pid() == null && (job.state() == JobState.STAGING || job.state() == JobState.SUBMITTED)) {
                store.requeueAfterCrash(job.id(), "server restarted before the job started; queued again");
                requeued++;
            } else if (job.pid() == null && job.state() == JobState.RUNNING && job.command() != null
                    && LocalExecutor.NAME.equals(job.executor())) {
                // The execute step enters RUNNING, launches, then stores the pid: the server died in between.
                var started = LocalExecutor.startedProcess(workspaces.of(job.id()), job.id());
                if (started.isEmpty()) {
                    store.requeueAfterCrash(job.id(), "server restarted before the job's process started; queued again");
                    requeued++;
                } else if (started.get().isAlive() || LocalExecutor.recordedExit(workspaces.of(job.id())).isPresent()) {
                    store.recordLaunch(job.id(), started.get().pid(), started.get().startTicks());
                    scheduler.startBatchJob(withoutRestart(store.find(job.id()).orElseThrow()));
                    reattached++;
                } else {
                    store.finish(job.id(), JobState.FAILED, null, LOST);
                    failed++;
                }
            } else if (job.pid() != null && canPickUp(job)) {
                scheduler.startBatchJob(withoutRestart(job));
                reattached++;
            } else {
                if (job.sweep() != null) {
                    sweeps.killLeftovers(job.id()); // nobody follows its points any more; a restart runs the unfinished ones
                }
                store.finish(job.id(), JobState.FAILED, null, LOST);
                failed++;
            }
        }
        int r = requeued, a = reattached, f = failed;
        LOG.info(() -> "reconciled jobs of node " + node + ": " + r + " queued again, " + a + " re-attached, " + f + " failed");
        scheduler.wake();
    }

    /**
     * Settles one job whose batch job a database outage cut short, once the database is back,
     * the way {@link #reconcile} settles a job after a restart: a SLURM job or a local process
     * that still runs (or left its exit status) is followed by a fresh batch execution; a job
     * with no process (it had not started, or it is an in-process app, which simply runs again)
     * goes back to the queue. Nothing runs twice: a recorded process is never launched again.
     */
    public void resumeAfterOutage(String jobId) {
        Job job = store.find(jobId).orElse(null);
        if (job == null || job.state().isTerminal() || job.state() == JobState.NEW || job.state() == JobState.QUEUED) {
            return;
        }
        if (job.externalId() != null || (job.pid() != null && canPickUp(job))) {
            scheduler.startBatchJob(withoutRestart(job));
        } else if (job.pid() == null) {
            store.requeueAfterCrash(job.id(), "the database was unreachable; queued again");
            scheduler.wake();
        } else {
            store.finish(job.id(), JobState.FAILED, null,
                    "the database was unreachable while the job ran, and its process ended without an exit status");
        }
    }

    private boolean canPickUp(Job job) {
        ProcessIdentity identity = new ProcessIdentity(job.pid(), job.pidStartTicks() == null ? -1 : job.pidStartTicks());
        return identity.isAlive() || LocalExecutor.recordedExit(workspaces.of(job.id())).isPresent();
    }

    /** The old batch execution died with the server: a new one continues the job. */
    private static Job withoutRestart(Job job) {
        job.restartRequested = false;
        return job;
    }
}
