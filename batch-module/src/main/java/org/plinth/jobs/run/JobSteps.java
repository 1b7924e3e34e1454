package org.plinth.jobs.run;

import org.plinth.api.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Validator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.plinth.api.App;
import org.plinth.api.Command;
import org.plinth.api.InProcessApp;
import org.plinth.api.JobFailure;
import org.plinth.api.ProcessApp;
import org.plinth.api.ProcessOutcome;
import org.plinth.api.Resources;
import org.plinth.api.Result;
import org.plinth.apps.AppRegistry;
import org.plinth.apps.InputBinder;
import org.plinth.executors.LocalExecutor;
import org.plinth.executors.slurm.SlurmExecutor;
import org.plinth.executors.ProcessIdentity;
import org.plinth.executors.RunningProcess;
import org.plinth.files.StorageLimits;
import org.plinth.jobs.Job;
import org.plinth.jobs.JobScheduler;
import org.plinth.jobs.JobState;
import org.plinth.jobs.JobStore;
import org.plinth.jobs.JsonText;
import org.plinth.jobs.Reconciler;
import org.plinth.jobs.inputs.InputStaging;
import org.plinth.jobs.inputs.JobInput;
import org.plinth.jobs.inputs.JobInputs;
import org.plinth.persistence.DatabaseUnreachable;
import org.plinth.persistence.DatabaseWait;
import org.plinth.workspace.Workspaces;

/**
 * What the three steps of the {@code app-run} batch job do: stage (workspace, the app writes
 * its inputs and names its command), execute (run the command, or the in-process app), collect
 * (the app reads the outputs into a result). The batchlets only call in here, so the logic
 * reads top to bottom in one place.
 */
@ApplicationScoped
public class JobSteps {

    private static final Logger LOG = Logger.getLogger(JobSteps.class.getName());
    static final Duration POLL = Duration.ofMillis(250);
    static final Duration DB_POLL = Duration.ofSeconds(2);
    static final Duration KILL_GRACE = Duration.ofSeconds(5);

    @Inject
    JobStore store;
    @Inject
    AppRegistry apps;
    @Inject
    Workspaces workspaces;
    @Inject
    LocalExecutor local;
    @Inject
    RunningJobs running;
    @Inject
    JobScheduler scheduler;
    @Inject
    Validator validator;
    @Inject
    InputStaging staging;
    @Inject
    SlurmRun onSlurm;
    @Inject
    JobInputs jobInputs;
    @Inject
    SweepRun sweeps;
    @Inject
    DatabaseWait database;
    @Inject
    StorageLimits limits;
    @Inject
    Reconciler reconciler;

    /** Jobs whose batch job ran into a database outage: their end is settled again once it is back. */
    private final Set<String> hitByOutage = ConcurrentHashMap.newKeySet();
    /** How often each job was resumed after an outage, so that a fault that only looks like one cannot loop. */
    private final Map<String, Integer> resumes = new ConcurrentHashMap<>();
    static final int MAX_RESUMES = 5;
    /** How long after the database was last found away a failed batch job is put down to it. */
    static final Duration OUTAGE_MEMORY = Duration.ofSeconds(60);

    public void stage(String jobId, long executionId) throws Exception {
        Job job = store.beginStage(jobId, executionId)
                .orElseThrow(() -> new JobEndedException("job " + jobId + " no longer exists"));
        scheduler.staged(jobId);
        endIfCancelled(job);
        if (job.pid() != null || job.externalId() != null) {
            return; // launched (or submitted to SLURM) before a server restart: nothing to stage again
        }
        Path workspace = workspaces.create(jobId);
        if (job.command() != null && SlurmExecutor.NAME.equals(job.executor()) && SlurmExecutor.mayHaveSubmitted(workspace)) {
            // Staged and perhaps with SLURM before a restart (the execute step finds it by name):
            // SLURM may already run it in this workspace, so its files stay as they are.
            return;
        }
        staging.stage(jobId, workspace);
        App<?> app = apps.installed(job.appId());
        if (job.sweep() != null) {
            return; // each point prepares its own folder in its partition of the execute step
        }
        if (app instanceof ProcessApp<?> processApp) {
            Command command = prepare(processApp, job, workspace);
            store.recordCommand(jobId, Jsons.createObjectBuilder()
                    .add("argv", Jsons.createArrayBuilder(command.argv()))
                    .add("environment", Jsons.createObjectBuilder(Map.copyOf(command.environment())))
                    .build().toString());
            if (SlurmExecutor.NAME.equals(job.executor())) {
                onSlurm.submitEarly(jobId, workspace);
            }
        }
    }

    private <I extends Record> Command prepare(ProcessApp<I> app, Job job, Path workspace) throws Exception {
        return app.prepare(inputs(app, job), context(job, workspace));
    }

    /** Runs the job's work; answers normally only when it succeeded. */
    public void execute(String jobId, BooleanSupplier stopRequested) throws Exception {
        if (SlurmExecutor.NAME.equals(job(jobId).executor())) {
            onSlurm.run(job(jobId), stopRequested);
            return;
        }
        Job job = store.enterIfIn(jobId, Set.of(JobState.STAGING, JobState.SUBMITTED), JobState.RUNNING)
                .orElseThrow(() -> new JobEndedException("job " + jobId + " no longer exists"));
        endIfCancelled(job);
        App<?> app = apps.installed(job.appId());
        if (app instanceof InProcessApp<?> inProcess) {
            Result result = run(inProcess, job);
            store.recordResult(jobId, result.data().toString(), result.summary());
            return;
        }
        RunningProcess process = startOrAttach(job);
        running.register(jobId, process);
        try {
            awaitEnd(job, process, stopRequested);
        } finally {
            running.unregister(jobId);
        }
    }

    private <I extends Record> Result run(InProcessApp<I> app, Job job) throws Exception {
        return app.run(inputs(app, job), context(job, workspaces.of(job.id())));
    }

    private RunningProcess startOrAttach(Job job) throws Exception {
        Path workspace = workspaces.of(job.id());
        if (job.pid() != null) {
            ProcessIdentity identity = new ProcessIdentity(job.pid(), job.pidStartTicks() == null ? -1 : job.pidStartTicks());
            var attached = local.attach(workspace, identity);
            if (attached.isPresent()) {
                LOG.info(() -> "job " + job.id() + ": re-attached to process " + identity.pid());
                return attached.get();
            }
            OptionalInt exit = LocalExecutor.recordedExit(workspace);
            if (exit.isPresent()) {
                // It ended while the server was down; its wrapper left the status. No handle:
                // there is nothing left to wait for.
                return new RunningProcess(identity, null, workspace);
            }
            fail(job.id(), JobState.FAILED, null, "server stopped while the job ran");
        }
        RunningProcess process = local.launch(workspace, command(job), resources(job), job.id(),
                workspaces.stdout(job.id()), workspaces.stderr(job.id()));
        // the process runs now: its pid must reach the database even if it is away for a while
        database.run("job " + job.id() + ": recording its process",
                () -> store.recordLaunch(job.id(), process.identity().pid(), process.identity().startTicks()));
        return process;
    }

    /** The command the stage step recorded. */
    static Command command(Job job) {
        JsonObject command = JsonText.parseObject(job.command());
        List<String> argv = command.getJsonArray("argv").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList();
        Map<String, String> env = new java.util.HashMap<>();
        command.getJsonObject("environment").forEach((k, v) -> env.put(k, ((jakarta.json.JsonString) v).getString()));
        return new Command(argv, env);
    }

    private void awaitEnd(Job job, RunningProcess process, BooleanSupplier stopRequested) throws Exception {
        OffsetDateTime started = job.startedAt() != null ? job.startedAt() : OffsetDateTime.now(ZoneOffset.UTC);
        long deadline = started.toInstant().toEpochMilli() + job.walltimeSeconds() * 1000;
        long nextDbCheck = System.currentTimeMillis() + DB_POLL.toMillis();
        while (process.handle() != null && !process.awaitExit(POLL)) {
            long now = System.currentTimeMillis();
            if (stopRequested.getAsBoolean() || running.isCancelled(job.id())) {
                cancel(job.id(), process);
            }
            if (now >= nextDbCheck) {
                nextDbCheck = now + DB_POLL.toMillis();
                if (cancelRequestedElsewhere(job.id())) {
                    cancel(job.id(), process); // asked through another server instance
                }
                watch(job);
            }
            if (now >= deadline) {
                process.kill(KILL_GRACE);
                fail(job.id(), JobState.TIMED_OUT, null,
                        "walltime of " + job.walltimeSeconds() + " s exceeded; the process was killed");
            }
        }
        if (stopRequested.getAsBoolean() || running.isCancelled(job.id())) {
            fail(job.id(), JobState.CANCELLED, null, "cancelled");
        }
        OptionalInt exit = process.exitCode();
        // A full data disk explains a failure better than anything the job could still write.
        Optional<String> diskFull = limits.diskFullNote();
        if (exit.isEmpty()) {
            fail(job.id(), JobState.FAILED, null, diskFull
                    .map(full -> full + ": the job could not write its outputs, nor its exit status")
                    .orElse("the process ended without an exit status (killed by a signal?)"));
        }
        if (exit.getAsInt() != 0) {
            LocalExecutor.recordedCpuMillis(process.workspace()).ifPresent(ms -> database.run("job " + job.id()
                    + ": recording its CPU time", () -> store.recordUsage(job.id(), ms)));
            fail(job.id(), JobState.FAILED, exit.getAsInt(), failureMessage(job, exit.getAsInt(), "")
                    + diskFull.map(full -> "; " + full).orElse(""));
        }
    }

    /**
     * Whether a cancel was asked for through another server instance. While the database is away
     * the process simply keeps running: the question is asked again at the next poll.
     */
    private boolean cancelRequestedElsewhere(String jobId) {
        try {
            return job(jobId).cancelRequested();
        } catch (RuntimeException e) {
            if (!DatabaseUnreachable.causes(e)) {
                throw e;
            }
            hitByOutage.add(jobId);
            return false;
        }
    }

    private void cancel(String jobId, RunningProcess process) throws InterruptedException {
        process.kill(KILL_GRACE);
        fail(jobId, JobState.CANCELLED, null, "cancelled");
    }

    public void collect(String jobId) throws Exception {
        Job job = store.enterIfIn(jobId, Set.of(JobState.STAGING, JobState.RUNNING), JobState.COLLECTING)
                .orElseThrow(() -> new JobEndedException("job " + jobId + " no longer exists"));
        endIfCancelled(job);
        App<?> app = apps.installed(job.appId());
        boolean succeeded;
        if (job.sweep() != null) {
            succeeded = sweeps.collect(job);
        } else if (app instanceof ProcessApp<?> processApp) {
            Result result = collect(processApp, job);
            Long cpu = LocalExecutor.recordedCpuMillis(workspaces.of(jobId)).stream().boxed().findFirst().orElse(null);
            succeeded = store.succeed(jobId, result.data().toString(), result.summary(), 0, cpu);
        } else {
            succeeded = store.finish(jobId, JobState.SUCCEEDED, null, null);
        }
        if (succeeded) {
            scheduler.wake();
        }
    }

    private <I extends Record> Result collect(ProcessApp<I> app, Job job) throws Exception {
        ProcessOutcome outcome = new ProcessOutcome(0, workspaces.stdout(job.id()), workspaces.stderr(job.id()));
        return app.collect(inputs(app, job), context(job, workspaces.of(job.id())), outcome);
    }

    /** Called when the batch job starts (or restarts). */
    public void beforeBatchJob(String jobId) {
        running.batchJobStarted(jobId);
    }

    /**
     * Called when the batch job ends however it ended: no job may stay non-terminal. A batch job
     * cut short by a database outage (a step of ours, or the batch runtime writing its own
     * tables, found the database away) did not fail the job's work: once the database is back the
     * job is resumed as after a server restart ({@link Reconciler#resumeAfterOutage}), so a
     * process that kept running is followed again and a job that had not started is queued again.
     */
    public void afterBatchJob(String jobId, String batchStatus, String exitStatus) {
        running.batchJobEnded(jobId); // a sweep registers for the whole batch job, not per process
        // Ours saw it, or anyone did lately: the batch runtime's own failed writes reach no code of ours.
        boolean outage = hitByOutage.remove(jobId) | DatabaseUnreachable.seenWithin(OUTAGE_MEMORY);
        Optional<Job> found;
        try {
            found = store.find(jobId);
        } catch (RuntimeException e) {
            if (!DatabaseUnreachable.causes(e)) {
                throw e;
            }
            outage = true;
            found = database.call("job " + jobId + ": settling after its batch job", () -> store.find(jobId));
        }
        boolean cutByOutage = outage;
        found.ifPresent(job -> {
            if (job.state().isTerminal()) {
                resumes.remove(jobId);
                return;
            }
            if (cutByOutage && !"STOPPED".equals(batchStatus) && resumes.merge(jobId, 1, Integer::sum) <= MAX_RESUMES) {
                LOG.info(() -> "job " + jobId + ": its batch job was cut short by a database outage; resuming it");
                database.run("job " + jobId + ": resuming after a database outage", () -> reconciler.resumeAfterOutage(jobId));
                return;
            }
            resumes.remove(jobId);
            JobState end = "STOPPED".equals(batchStatus) ? JobState.CANCELLED : JobState.FAILED;
            String message = end == JobState.CANCELLED ? "cancelled"
                    : cutByOutage ? "the database was unreachable while the job ran (" + MAX_RESUMES + " attempts to resume it)"
                    : "the batch job ended with " + batchStatus + (exitStatus == null ? "" : " (" + exitStatus + ")");
            finish(jobId, end, null, message);
        });
        scheduler.wake();
    }

    /**
     * Records the end of a failed step and answers what the batchlet throws to stop the batch
     * job. A {@link JobFailure} (the user's problem, e.g. an unreadable input) ends the job with
     * its message and no stack trace in the log; anything else is logged as a fault.
     */
    public Exception failStep(String jobId, String step, Exception e) {
        if (e instanceof JobFailure failure) {
            finish(jobId, JobState.FAILED, null, failure.getMessage());
            scheduler.wake();
            return new JobEndedException(failure.getMessage());
        }
        if (DatabaseUnreachable.causes(e)) {
            // Not the job's fault: afterBatchJob resumes it once the database is back.
            hitByOutage.add(jobId);
            LOG.warning(() -> "job " + jobId + ": step " + step + " stopped, the database is unreachable ("
                    + e.getClass().getSimpleName() + "); the job is resumed when it is back");
            return new JobEndedException("the database is unreachable");
        }
        if (!(e instanceof JobEndedException)) {
            LOG.log(Level.WARNING, "job " + jobId + ": step " + step + " failed", e);
            finish(jobId, JobState.FAILED, null, step + " failed: " + e.getMessage());
        }
        scheduler.wake();
        return e;
    }

    /** Stores a job's end, waiting for the database if it is away: an end must not be lost. */
    private void finish(String jobId, JobState state, Integer exitCode, String message) {
        database.run("job " + jobId + ": recording its end", () -> store.finish(jobId, state, exitCode, message));
    }

    /** Lets the app look at the running command's logs (progress); never fails the job. */
    void watch(Job job) {
        try {
            App<?> app = apps.installed(job.appId());
            if (app instanceof ProcessApp<?> processApp) {
                watch(processApp, job);
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.FINE, "job " + job.id() + ": watching failed", e);
        }
    }

    private <I extends Record> void watch(ProcessApp<I> app, Job job) throws Exception {
        ProcessOutcome soFar = new ProcessOutcome(-1, workspaces.stdout(job.id()), workspaces.stderr(job.id()));
        app.watch(inputs(app, job), context(job, workspaces.of(job.id())), soFar);
    }

    /**
     * The message for a command that exited with a non-zero status: the app's explanation
     * (its tool's own error line) when it has one, else the status.
     */
    String failureMessage(Job job, int exitCode, String where) {
        String status = "exited with status " + exitCode + where;
        try {
            App<?> app = apps.installed(job.appId());
            if (app instanceof ProcessApp<?> processApp) {
                return explain(processApp, job, exitCode).map(why -> why + " (" + status + ")").orElse(status);
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "job " + job.id() + ": the app could not explain its failure", e);
        }
        return status;
    }

    private <I extends Record> java.util.Optional<String> explain(ProcessApp<I> app, Job job, int exitCode) throws Exception {
        ProcessOutcome outcome = new ProcessOutcome(exitCode, workspaces.stdout(job.id()), workspaces.stderr(job.id()));
        return app.explainFailure(inputs(app, job), context(job, workspaces.of(job.id())), outcome);
    }

    void fail(String jobId, JobState state, Integer exitCode, String message) {
        finish(jobId, state, exitCode, message);
        throw new JobEndedException(message);
    }

    void endIfCancelled(Job job) {
        if (job.cancelRequested() || running.isCancelled(job.id())) {
            fail(job.id(), JobState.CANCELLED, null, "cancelled");
        }
        if (job.state().isTerminal()) {
            throw new JobEndedException("job already " + job.state());
        }
    }

    Job job(String jobId) {
        return store.find(jobId).orElseThrow(() -> new JobEndedException("job " + jobId + " no longer exists"));
    }

    /** The job's inputs as the app sees them: each file reference replaced by the staged file's path. */
    private <I extends Record> I inputs(App<I> app, Job job) {
        return inputs(app, job, JsonText.parseObject(job.inputs()));
    }

    /** Inputs as the app sees them from {@code stored} (a sweep point's: the job's with the swept ones set). */
    <I extends Record> I inputs(App<I> app, Job job, JsonObject stored) {
        List<JobInput> files = InputBinder.fileInputs(app.inputType()).isEmpty() ? List.of() : jobInputs.of(job.id());
        if (!files.isEmpty()) {
            var staged = Jsons.createObjectBuilder(stored);
            for (JobInput f : files) {
                if (f.inputField() != null) {
                    staged.add(f.inputField(), f.path());
                }
            }
            stored = staged.build();
        }
        return new InputBinder(validator).bind(app.inputType(), stored, "inputs");
    }

    private HostJobContext context(Job job, Path workspace) {
        return new HostJobContext(job.id(), job.owner(), workspace, resources(job), store);
    }

    static Resources resources(Job job) {
        return new Resources(job.cores(), job.memoryMb(), job.walltimeSeconds());
    }
}
