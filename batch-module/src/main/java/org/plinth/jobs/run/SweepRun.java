package org.plinth.jobs.run;

import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.plinth.api.App;
import org.plinth.api.Command;
import org.plinth.api.InProcessApp;
import org.plinth.api.JobFailure;
import org.plinth.api.Jsons;
import org.plinth.api.ProcessApp;
import org.plinth.api.ProcessOutcome;
import org.plinth.api.Resources;
import org.plinth.api.Result;
import org.plinth.apps.AppRegistry;
import org.plinth.executors.LocalExecutor;
import org.plinth.executors.ProcessIdentity;
import org.plinth.executors.RunningProcess;
import org.plinth.jobs.Job;
import org.plinth.jobs.JobScheduler;
import org.plinth.jobs.JobState;
import org.plinth.jobs.JobStore;
import org.plinth.jobs.JsonText;
import org.plinth.jobs.compare.JobTable;
import org.plinth.jobs.sweep.Sweep;
import org.plinth.workspace.Workspaces;

/**
 * What a sweep's batch steps do (batch job {@code app-sweep}). The stage step stages the job's
 * input files once, at the top of the workspace. The execute step is partitioned, one partition
 * per point: each point gets a folder {@code points/<n>/} holding links to the staged inputs, the
 * app runs there with the job's inputs and the point's values (prepare, the command on the local
 * executor, collect; or the in-process app), and the point's record says how it ended. A failed
 * point does not stop the others; a cancel, the job's walltime or a fault ends them all. The
 * collect step turns the records into one table (in the result and as {@code sweep.csv}); the
 * sweep succeeds when at least one point did.
 */
@ApplicationScoped
public class SweepRun {

    private static final Logger LOG = Logger.getLogger(SweepRun.class.getName());
    /** The table of results per point, at the top of the workspace. */
    public static final String CSV = "sweep.csv";

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
    JobSteps steps;

    /** The execute step's partitions: one per point, at most min(points, the job's cores, the executor's cores) at once. */
    PartitionPlan plan(String jobId) {
        Job job = store.enterIfIn(jobId, Set.of(JobState.STAGING, JobState.SUBMITTED), JobState.RUNNING)
                .orElseThrow(() -> new JobEndedException("job " + jobId + " no longer exists"));
        steps.endIfCancelled(job);
        Sweep sweep = sweepOf(job);
        running.registerSweep(jobId);
        int points = sweep.points();
        int threads = Math.max(1, Math.min(points, Math.min(job.cores(), scheduler.localCores())));
        Properties[] properties = new Properties[points];
        for (int i = 0; i < points; i++) {
            properties[i] = new Properties();
            properties[i].setProperty("point", Integer.toString(i + 1));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(points);
        plan.setThreads(threads);
        plan.setPartitionProperties(properties);
        recordProgress(jobId);
        LOG.fine(() -> "job " + jobId + ": sweep of " + points + " points, " + threads + " at once");
        return plan;
    }

    /** Runs one point; answers how it ended (the partition's exit status). */
    String runPoint(String jobId, int point, BooleanSupplier stopRequested) throws Exception {
        // as in plan(), should a restart not map the partitions again: RUNNING, and reachable by a cancel
        Job job = store.enterIfIn(jobId, Set.of(JobState.STAGING, JobState.SUBMITTED), JobState.RUNNING)
                .orElseThrow(() -> new JobEndedException("job " + jobId + " no longer exists"));
        running.registerSweep(jobId);
        checkStillWanted(job, stopRequested);
        Sweep sweep = sweepOf(job);
        Path workspace = workspaces.of(jobId);
        Path dir = workspace.resolve(sweep.folder(point));
        if (PointRecord.read(dir).filter(PointRecord::succeeded).isPresent()) {
            return "SKIPPED"; // a restart: this point succeeded before
        }
        Workspaces.deleteTree(dir); // a point that ran before starts over in a clean folder
        Files.deleteIfExists(resultFile(workspace, sweep, point));
        linkInputs(workspace, dir);
        App<?> app = apps.installed(job.appId());
        JsonObject inputs = sweep.inputsAt(JsonText.parseObject(job.inputs()), point);
        PointContext context = new PointContext(jobId, job.owner(), dir,
                new Resources(1, job.memoryMb(), job.walltimeSeconds()));
        PointRecord record;
        Result result = null;
        Long cpu = null;
        try {
            if (app instanceof InProcessApp<?> inProcess) {
                result = runInProcess(inProcess, job, inputs, context);
            } else {
                ProcessApp<?> processApp = (ProcessApp<?>) app;
                Outcome outcome = runProcess(processApp, job, inputs, context, stopRequested);
                cpu = LocalExecutor.recordedCpuMillis(dir).stream().boxed().findFirst().orElse(null);
                if (outcome.failure() != null) {
                    throw new JobFailure(outcome.failure());
                }
                result = collect(processApp, job, inputs, context);
            }
            record = new PointRecord(point, PointRecord.SUCCEEDED, null, result.summary(), cpu);
        } catch (JobEndedException e) {
            throw e;
        } catch (JobFailure e) {
            record = new PointRecord(point, PointRecord.FAILED, e.getMessage(), null, cpu);
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "job " + jobId + ": point " + point + " failed", e);
            record = new PointRecord(point, PointRecord.FAILED, "the app failed: " + e, null, cpu);
        }
        if (result != null) {
            Files.writeString(resultFile(workspace, sweep, point), result.data().toString(), StandardCharsets.UTF_8);
        }
        record.write(dir);
        return record.state();
    }

    private <I extends Record> Result runInProcess(InProcessApp<I> app, Job job, JsonObject inputs, PointContext context)
            throws Exception {
        return app.run(steps.inputs(app, job, inputs), context);
    }

    private <I extends Record> Result collect(ProcessApp<I> app, Job job, JsonObject inputs, PointContext context)
            throws Exception {
        return app.collect(steps.inputs(app, job, inputs), context,
                new ProcessOutcome(0, stdout(context.workspace()), stderr(context.workspace())));
    }

    /** How a point's command ended: null failure when it exited with status 0. */
    private record Outcome(String failure) {
    }

    private <I extends Record> Outcome runProcess(ProcessApp<I> app, Job job, JsonObject stored, PointContext context,
                                                  BooleanSupplier stopRequested) throws Exception {
        I inputs = steps.inputs(app, job, stored);
        Command command = app.prepare(inputs, context);
        Path dir = context.workspace();
        RunningProcess process = local.launch(dir, command, context.resources(), job.id(), stdout(dir), stderr(dir));
        Files.writeString(dir.resolve(".plinth").resolve("process"),
                process.identity().pid() + " " + process.identity().startTicks() + "\n", StandardCharsets.US_ASCII);
        OffsetDateTime started = job.startedAt() != null ? job.startedAt() : OffsetDateTime.now(ZoneOffset.UTC);
        long deadline = started.toInstant().toEpochMilli() + job.walltimeSeconds() * 1000;
        long nextDbCheck = System.currentTimeMillis() + JobSteps.DB_POLL.toMillis();
        while (!process.awaitExit(JobSteps.POLL)) {
            long now = System.currentTimeMillis();
            if (stopRequested.getAsBoolean() || running.isCancelled(job.id())) {
                process.kill(JobSteps.KILL_GRACE);
                checkStillWanted(steps.job(job.id()), () -> true);
            }
            if (now >= nextDbCheck) {
                nextDbCheck = now + JobSteps.DB_POLL.toMillis();
                Job now2 = steps.job(job.id());
                if (now2.cancelRequested() || now2.state().isTerminal()) {
                    process.kill(JobSteps.KILL_GRACE); // cancelled through another server, or another point ended the job
                    checkStillWanted(now2, () -> true);
                }
            }
            if (now >= deadline) {
                process.kill(JobSteps.KILL_GRACE);
                String message = "walltime of " + job.walltimeSeconds() + " s exceeded; the sweep's processes were killed";
                store.finish(job.id(), JobState.TIMED_OUT, null, message); // first, so the others find it ended, not cancelled
                running.cancel(job.id()); // the other points stop at once
                throw new JobEndedException(message);
            }
        }
        checkStillWanted(steps.job(job.id()), stopRequested);
        OptionalInt exit = process.exitCode();
        if (exit.isEmpty()) {
            return new Outcome("the process ended without an exit status (killed by a signal?)");
        }
        if (exit.getAsInt() != 0) {
            String status = "exited with status " + exit.getAsInt();
            Optional<String> why = Optional.empty();
            try {
                why = app.explainFailure(inputs, context, new ProcessOutcome(exit.getAsInt(), stdout(dir), stderr(dir)));
            } catch (Exception e) {
                LOG.log(Level.FINE, "job " + job.id() + ": the app could not explain a point's failure", e);
            }
            return new Outcome(why.map(w -> w + " (" + status + ")").orElse(status));
        }
        return new Outcome(null);
    }

    /**
     * Ends this partition when the sweep is over: cancelled (by this server's cancel, another's,
     * or the batch runtime's stop), or already ended by another partition (its walltime, a fault).
     */
    private void checkStillWanted(Job job, BooleanSupplier stopRequested) {
        if (job.state().isTerminal()) {
            throw new JobEndedException("job already " + job.state());
        }
        if (job.cancelRequested() || running.isCancelled(job.id()) || stopRequested.getAsBoolean()) {
            steps.fail(job.id(), JobState.CANCELLED, null, "cancelled");
        }
    }

    /** The sweep's progress: points done over points, and how many failed. */
    void recordProgress(String jobId) {
        try {
            Job job = store.find(jobId).orElse(null);
            if (job == null || job.state().isTerminal()) {
                return;
            }
            Sweep sweep = sweepOf(job);
            Path workspace = workspaces.of(jobId);
            int done = 0;
            int failed = 0;
            for (int p = 1; p <= sweep.points(); p++) {
                Optional<PointRecord> r = PointRecord.read(workspace.resolve(sweep.folder(p)));
                if (r.isPresent()) {
                    done++;
                    failed += r.get().succeeded() ? 0 : 1;
                }
            }
            store.recordProgress(jobId, (double) done / sweep.points(), done + " of " + sweep.points() + " points done"
                    + (failed > 0 ? " (" + failed + " failed)" : ""));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "job " + jobId + ": cannot record the sweep's progress", e);
        }
    }

    /**
     * The collect step of a sweep: the table of every point (its swept values, state and the
     * scalars of its result), in the result and as {@code sweep.csv}. Answers whether the sweep
     * succeeded: it fails, with the table, when no point succeeded.
     */
    boolean collect(Job job) throws IOException {
        Sweep sweep = sweepOf(job);
        Path workspace = workspaces.of(job.id());
        List<JobTable.Row> rows = new ArrayList<>();
        JsonArrayBuilder points = Jsons.createArrayBuilder();
        int succeeded = 0;
        String firstFailure = null;
        long cpu = 0;
        for (int p = 1; p <= sweep.points(); p++) {
            String folder = sweep.folder(p);
            PointRecord r = PointRecord.read(workspace.resolve(folder))
                    .orElse(new PointRecord(p, PointRecord.FAILED, "did not run", null, null));
            JsonObject values = sweep.valuesAt(p);
            Path resultFile = resultFile(workspace, sweep, p);
            JsonObject data = r.succeeded() && Files.isRegularFile(resultFile)
                    ? JsonText.parseObject(Files.readString(resultFile, StandardCharsets.UTF_8)) : null;
            rows.add(new JobTable.Row(Integer.toString(p), folder, r.state(), values, data));
            JsonObjectBuilder point = Jsons.createObjectBuilder().add("point", p).add("folder", folder)
                    .add("inputs", values).add("state", r.state());
            if (r.message() != null) {
                point.add("message", r.message());
            }
            if (r.summary() != null) {
                point.add("summary", r.summary());
            }
            if (data != null) {
                point.add("result", workspace.relativize(resultFile).toString());
            }
            points.add(point);
            if (r.succeeded()) {
                succeeded++;
            } else if (firstFailure == null) {
                firstFailure = "point " + p + ": " + r.message();
            }
            cpu += r.cpuMillis() == null ? 0 : r.cpuMillis();
        }
        JobTable.Table byText = JobTable.of(rows, List.of(), false, List.of("point", "folder", "state"));
        List<List<jakarta.json.JsonValue>> numbered = new ArrayList<>();
        for (List<jakarta.json.JsonValue> row : byText.rows()) { // the point is a number, for a spreadsheet's sort
            List<jakarta.json.JsonValue> r = new ArrayList<>(row);
            r.set(0, Jsons.PROVIDER.createValue(Integer.parseInt(((jakarta.json.JsonString) row.get(0)).getString())));
            numbered.add(r);
        }
        JobTable.Table table = new JobTable.Table(byText.columns(), numbered);
        Files.writeString(workspace.resolve(CSV), JobTable.csv(table), StandardCharsets.UTF_8);
        JsonArrayBuilder tableRows = Jsons.createArrayBuilder();
        table.rows().forEach(r -> tableRows.add(Jsons.createArrayBuilder(r)));
        int failed = sweep.points() - succeeded;
        JsonObject result = Jsons.createObjectBuilder()
                .add("sweep", sweep.toJson())
                .add("count", sweep.points())
                .add("succeeded", succeeded)
                .add("failed", failed)
                .add("table", Jsons.createObjectBuilder().add("columns", Jsons.createArrayBuilder(table.columns()))
                        .add("rows", tableRows))
                .add("csv", CSV)
                .add("points", points)
                .build();
        String summary = String.format(Locale.ROOT, "sweep over %s: %d of %d points succeeded",
                String.join(" × ", sweep.inputs()), succeeded, sweep.points());
        if (succeeded == 0) {
            store.recordResult(job.id(), result.toString(), summary);
            if (cpu > 0) {
                store.recordUsage(job.id(), cpu);
            }
            steps.fail(job.id(), JobState.FAILED, null, "every point of the sweep failed; " + firstFailure);
        }
        return store.succeed(job.id(), result.toString(), summary, null, cpu > 0 ? cpu : null);
    }

    /**
     * After a crash: the points' processes run in sessions of their own and outlive the server;
     * nobody waits for them any more, so they are ended (their ids are in each point's folder).
     */
    public void killLeftovers(String jobId) {
        Path points = workspaces.of(jobId).resolve(Sweep.FOLDER);
        if (!Files.isDirectory(points)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(points)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                Path file = dir.resolve(".plinth").resolve("process");
                if (!Files.isRegularFile(file) || LocalExecutor.recordedExit(dir).isPresent()) {
                    continue;
                }
                String[] f = Files.readString(file, StandardCharsets.US_ASCII).trim().split("\\s+");
                ProcessIdentity identity = new ProcessIdentity(Long.parseLong(f[0]), Long.parseLong(f[1]));
                if (identity.isAlive()) {
                    LOG.info(() -> "job " + jobId + ": ending the process " + identity.pid() + " of " + dir.getFileName()
                            + ", left running when the server stopped");
                    LocalExecutor.signalGroup(identity.pid(), "KILL");
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "job " + jobId + ": cannot end the processes of its sweep", e);
        }
    }

    private static Sweep sweepOf(Job job) {
        return job.sweepPoints().orElseThrow(() -> new IllegalStateException("job " + job.id() + " is not a sweep"));
    }

    /** A point's full result, beside its folder ({@code points/07.result.json}) so it never meets the app's own files. */
    static Path resultFile(Path workspace, Sweep sweep, int point) {
        return workspace.resolve(sweep.folder(point) + ".result.json");
    }

    static Path stdout(Path pointDir) {
        return pointDir.resolve(".plinth").resolve("stdout.log");
    }

    static Path stderr(Path pointDir) {
        return pointDir.resolve(".plinth").resolve("stderr.log");
    }

    /**
     * Gives a point's folder the files staged for the job (and uploaded to it), at the same
     * relative paths, so the inputs' staged paths hold there too: hard links (the points read
     * them, none writes them), a copy where a link cannot be made.
     */
    static void linkInputs(Path workspace, Path pointDir) throws IOException {
        Files.createDirectories(pointDir.resolve(".plinth"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(workspace)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> {
                        Path rel = workspace.relativize(p);
                        return !rel.startsWith(Workspaces.HOST_DIR) && !rel.startsWith(Sweep.FOLDER)
                                && !rel.toString().equals(CSV);
                    }).toList();
        }
        for (Path file : files) {
            Path target = pointDir.resolve(workspace.relativize(file).toString());
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, file);
            } catch (FileSystemException | UnsupportedOperationException e) {
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
