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
import java.util.OptionalInt;
import java.util.Set;
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
import org.plinth.jobs.Job;
import org.plinth.jobs.JobScheduler;
import org.plinth.jobs.JobState;
import org.plinth.jobs.JobStore;
import org.plinth.jobs.JsonText;
import org.plinth.jobs.inputs.InputStaging;
import org.plinth.jobs.inputs.JobInput;
import org.plinth.jobs.inputs.JobInputs;
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

    public void stage(String jobId, long executionId) throws Exception {
        Job job = store.beginStage(jobId, executionId)
                .orElseThrow(() -> new JobEndedException("job " + jobId + " no longer exists"));
        endIfCancelled(job);
        if (job.pid() != null || job.externalId() != null) {
            return; // launched (or submitted to SLURM) before a server restart: nothing to stage again
        }
        Path workspace = workspaces.create(jobId);
        staging.stage(jobId, workspace);
        App<?> app = apps.installed(job.appId());
        if (app instanceof ProcessApp<?> processApp) {
            Command command = prepare(processApp, job, workspace);
            store.recordCommand(jobId, Jsons.createObjectBuilder()
                    .add("argv", Jsons.createArrayBuilder(command.argv()))
                    .add("environment", Jsons.createObjectBuilder(Map.copyOf(command.environment())))
                    .build().toString());
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
        store.recordLaunch(job.id(), process.identity().pid(), process.identity().startTicks());
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
                if (job(job.id()).cancelRequested()) {
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
        if (exit.isEmpty()) {
            fail(job.id(), JobState.FAILED, null, "the process ended without an exit status (killed by a signal?)");
        }
        if (exit.getAsInt() != 0) {
            LocalExecutor.recordedCpuMillis(process.workspace()).ifPresent(ms -> store.recordUsage(job.id(), ms));
            fail(job.id(), JobState.FAILED, exit.getAsInt(), failureMessage(job, exit.getAsInt(), ""));
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
        if (app instanceof ProcessApp<?> processApp) {
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

    /** Called when the batch job ends however it ended: no job may stay non-terminal. */
    public void afterBatchJob(String jobId, String batchStatus, String exitStatus) {
        store.find(jobId).ifPresent(job -> {
            if (!job.state().isTerminal()) {
                JobState end = "STOPPED".equals(batchStatus) ? JobState.CANCELLED : JobState.FAILED;
                String message = end == JobState.CANCELLED ? "cancelled"
                        : "the batch job ended with " + batchStatus + (exitStatus == null ? "" : " (" + exitStatus + ")");
                store.finish(jobId, end, null, message);
            }
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
            store.finish(jobId, JobState.FAILED, null, failure.getMessage());
            scheduler.wake();
            return new JobEndedException(failure.getMessage());
        }
        if (!(e instanceof JobEndedException)) {
            LOG.log(Level.WARNING, "job " + jobId + ": step " + step + " failed", e);
            store.finish(jobId, JobState.FAILED, null, step + " failed: " + e.getMessage());
        }
        scheduler.wake();
        return e;
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
        store.finish(jobId, state, exitCode, message);
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
        JsonObject stored = JsonText.parseObject(job.inputs());
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
