package org.plinth.jobs.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.plinth.executors.LocalExecutor;
import org.plinth.executors.slurm.MarkerWatch;
import org.plinth.executors.slurm.SlurmExecutor;
import org.plinth.executors.slurm.SlurmJobSpec;
import org.plinth.executors.slurm.SlurmJobStatus;
import org.plinth.executors.slurm.SlurmMonitor;
import org.plinth.executors.slurm.SlurmState;
import org.plinth.executors.slurm.SlurmException;
import org.plinth.executors.slurm.SlurmRejectedException;
import org.plinth.executors.slurm.SlurmUnavailableException;
import org.plinth.executors.slurm.WorkspaceMarkers;
import org.plinth.jobs.Job;
import org.plinth.jobs.JobState;
import org.plinth.jobs.JobStore;
import org.plinth.workspace.Workspaces;

/**
 * The execute step of a job on SLURM: submit (once: a job whose submit may have reached SLURM
 * before a crash is found again by its name), then follow SLURM's state of it until it ends
 * (SUBMITTED while SLURM queues it, RUNNING while it runs), cancel it there when asked. An
 * unreachable slurmrestd never fails a job: the step waits and asks again.
 */
@ApplicationScoped
public class SlurmRun {

    private static final Logger LOG = Logger.getLogger(SlurmRun.class.getName());
    /** How long to wait before asking again when slurmrestd does not answer. */
    static final long UNAVAILABLE_WAIT_MILLIS = 5000;
    /** How often the app may look at a running job's logs for progress. */
    static final long WATCH_MILLIS = 2000;

    @Inject
    JobStore store;
    @Inject
    SlurmExecutor slurm;
    @Inject
    SlurmMonitor monitor;
    @Inject
    Workspaces workspaces;
    @Inject
    RunningJobs running;
    @Inject
    JobSteps steps;
    @Inject
    MarkerWatch markerWatch;

    void run(Job job, BooleanSupplier stopRequested) throws Exception {
        if (job.cancelRequested() && job.externalId() == null) {
            end(job.id(), JobState.CANCELLED, null, "cancelled");
        }
        // with a SLURM id (submitted by the stage step, or before a restart) follow() sends the cancel to SLURM
        if (job.state().isTerminal()) {
            throw new JobEndedException("job already " + job.state());
        }
        Path workspace = workspaces.of(job.id());
        long slurmId = job.externalId() != null ? Long.parseLong(job.externalId()) : submit(job, workspace, stopRequested);
        running.registerRemote(job.id());
        try {
            follow(job, slurmId, workspace, stopRequested);
        } finally {
            running.unregister(job.id());
        }
    }

    /**
     * Called at the end of the stage step: submits at once, so SLURM sees the job one batch step
     * boundary sooner (the batch runtime's bookkeeping between two steps, ~25 ms in a JFR
     * recording, is about a third of Plinth's time before SLURM has the job). The execute step
     * then only follows it. One attempt: when SLURM does not take the job now (unreachable,
     * refused), the execute step submits as it always has, with its retries and its reasons.
     */
    void submitEarly(String jobId, Path workspace) throws IOException {
        Job job = store.find(jobId).orElse(null);
        if (job == null || job.externalId() != null || job.cancelRequested() || job.state().isTerminal()) {
            return;
        }
        try {
            submitOnce(job, workspace);
        } catch (SlurmException e) {
            LOG.info(() -> "job " + jobId + ": not submitted from the stage step (" + e.getMessage() + "); the execute step tries");
        }
    }

    private long submit(Job job, Path workspace, BooleanSupplier stopRequested) throws Exception {
        while (true) {
            try {
                return submitOnce(job, workspace);
            } catch (SlurmRejectedException e) {
                end(job.id(), JobState.FAILED, null, "SLURM refused the job: " + e.getMessage());
            } catch (SlurmUnavailableException e) {
                LOG.warning(() -> "job " + job.id() + ": SLURM unavailable at submit (" + e.getMessage() + "); trying again");
                waitOrCancel(job, stopRequested, UNAVAILABLE_WAIT_MILLIS);
            }
        }
    }

    /** A submit (or the one found by name after a crash) with its SLURM id recorded. */
    private long submitOnce(Job job, Path workspace) throws SlurmException, IOException {
        Optional<Long> earlier = slurm.findEarlierSubmit(job.id(), workspace);
        long id = earlier.isPresent() ? earlier.get()
                : slurm.submit(job.id(), job.owner(), JobSteps.command(job), JobSteps.resources(job), job.gpus(), workspace);
        store.recordSubmitted(job.id(), Long.toString(id), "submitted to SLURM as job " + id);
        slurm.submitted(workspace);
        return id;
    }

    private void follow(Job job, long slurmId, Path workspace, BooleanSupplier stopRequested) throws Exception {
        long markerPoll = slurm.workspacePollMillis();
        try (MarkerWatch.Waiter markers = markerPoll > 0 ? markerWatch.watch(workspace.resolve(".plinth")) : null) {
            follow(job, slurmId, workspace, stopRequested, markerPoll, markers);
        }
    }

    private void follow(Job job, long slurmId, Path workspace, BooleanSupplier stopRequested, long markerPoll,
                        MarkerWatch.Waiter markers) throws Exception {
        boolean cancelSent = false;
        boolean warned = false;
        long nextWatch = 0;
        long nextListing = 0;
        boolean enteredRunning = false;
        while (true) {
            boolean listingDue = System.currentTimeMillis() >= nextListing;
            // Between listings only the cheap checks: the marker loop must not read the database
            if (!cancelSent && (listingDue ? cancelWanted(job.id(), stopRequested)
                    : stopRequested.getAsBoolean() || running.isCancelled(job.id()))) {
                try {
                    slurm.cancel(slurmId, job.owner());
                    cancelSent = true;
                } catch (SlurmUnavailableException e) {
                    LOG.warning(() -> "job " + job.id() + ": cannot reach SLURM to cancel job " + slurmId + "; trying again");
                }
            }
            boolean runningNow = false;
            // The batch script's own markers first: they are seen within markerPoll of the script
            // starting or ending, SLURM's listing up to a poll interval later.
            if (markerPoll > 0 && !cancelSent) {
                switch (WorkspaceMarkers.read(workspace, slurmId)) {
                    case SUCCEEDED -> {
                        store.enterIfIn(job.id(), Set.of(JobState.STAGING, JobState.SUBMITTED), JobState.RUNNING);
                        return; // the collect step follows
                    }
                    case STARTED -> runningNow = true;
                    case NOTHING, EXITED -> { } // a failure's reason comes from SLURM's state
                }
            }
            long now = System.currentTimeMillis();
            if (listingDue) {
                SlurmJobStatus status;
                try {
                    status = monitor.status(slurmId);
                    warned = false;
                    if (status.state() != SlurmState.GONE && status.name() != null
                            && !status.isNamed(SlurmJobSpec.nameFor(job.id()))) {
                        // SLURM reused the id after a controller reset: that is someone else's job
                        status = SlurmJobStatus.gone(slurmId);
                    }
                } catch (SlurmUnavailableException e) {
                    if (!warned) {
                        LOG.warning(() -> "job " + job.id() + ": SLURM unavailable (" + e.getMessage() + "); waiting");
                        warned = true;
                    }
                    Thread.sleep(UNAVAILABLE_WAIT_MILLIS);
                    continue;
                }
                switch (status.state()) {
                    case PENDING, UNKNOWN -> { }
                    case RUNNING -> runningNow = true;
                    case COMPLETED -> {
                        store.enterIfIn(job.id(), Set.of(JobState.STAGING, JobState.SUBMITTED), JobState.RUNNING);
                        return; // the collect step follows
                    }
                    case FAILED -> end(job.id(), JobState.FAILED, status.exitCode(), status.exitCode() == null
                            ? "SLURM job " + slurmId + " failed" + reason(status)
                            : steps.failureMessage(job, status.exitCode(), " on SLURM (job " + slurmId + ")"));
                    case CANCELLED -> end(job.id(), cancelSent ? JobState.CANCELLED : JobState.FAILED, null,
                            cancelSent ? "cancelled" : "cancelled on the cluster (SLURM job " + slurmId + ")" + reason(status));
                    case TIMEOUT -> end(job.id(), JobState.TIMED_OUT, null, "SLURM's time limit of "
                            + job.walltimeSeconds() + " s ran out (job " + slurmId + ")");
                    case NODE_FAIL, OUT_OF_MEMORY -> end(job.id(), JobState.FAILED, status.exitCode(),
                            "SLURM job " + slurmId + " ended " + status.rawState() + reason(status));
                    case GONE -> {
                        if (endedWell(job, slurmId, workspace, cancelSent)) {
                            return;
                        }
                    }
                }
                now = System.currentTimeMillis();
                nextListing = now + monitor.millisUntilNextListing();
            }
            if (runningNow) {
                if (!enteredRunning) {
                    store.enterIfIn(job.id(), Set.of(JobState.STAGING, JobState.SUBMITTED), JobState.RUNNING);
                    enteredRunning = true;
                }
                if (now >= nextWatch) {
                    nextWatch = now + WATCH_MILLIS;
                    steps.watch(job); // the logs are in the shared workspace
                }
            }
            long wait = Math.max(1, nextListing - now);
            if (markers != null) {
                markers.await(Math.min(markerPoll, wait)); // at once when the script writes a marker
            } else {
                Thread.sleep(wait);
            }
        }
    }

    /**
     * SLURM forgot the job (after MinJobAge): the batch script's exit file in the workspace tells
     * how it ended. Answers true when it succeeded; ends the job otherwise.
     */
    private boolean endedWell(Job job, long slurmId, Path workspace, boolean cancelSent) {
        OptionalInt exit = LocalExecutor.recordedExit(workspace);
        if (exit.isPresent() && exit.getAsInt() == 0) {
            store.enterIfIn(job.id(), Set.of(JobState.STAGING, JobState.SUBMITTED), JobState.RUNNING);
            return true;
        }
        if (exit.isPresent()) {
            end(job.id(), JobState.FAILED, exit.getAsInt(), steps.failureMessage(job, exit.getAsInt(), " on SLURM (job " + slurmId + ")"));
        }
        end(job.id(), cancelSent ? JobState.CANCELLED : JobState.FAILED, null, cancelSent ? "cancelled"
                : "SLURM no longer knows job " + slurmId + " and it left no exit status");
        return false;
    }

    private boolean cancelWanted(String jobId, BooleanSupplier stopRequested) {
        return stopRequested.getAsBoolean() || running.isCancelled(jobId)
                || store.find(jobId).map(Job::cancelRequested).orElse(true);
    }

    private void waitOrCancel(Job job, BooleanSupplier stopRequested, long millis) throws InterruptedException {
        if (cancelWanted(job.id(), stopRequested)) {
            end(job.id(), JobState.CANCELLED, null, "cancelled");
        }
        Thread.sleep(millis);
    }

    private static String reason(SlurmJobStatus status) {
        return status.reason() == null || status.reason().isBlank() || status.reason().equals("None") ? "" : ": " + status.reason();
    }

    private void end(String jobId, JobState state, Integer exitCode, String message) {
        store.finish(jobId, state, exitCode, message);
        throw new JobEndedException(message);
    }
}
