package org.plinth.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.plinth.api.App;
import org.plinth.api.Availability;
import org.plinth.api.Resources;
import org.plinth.apps.AppRegistry;
import org.plinth.apps.InputBinder;
import org.plinth.apps.SweepBinder;
import org.plinth.executors.LocalExecutor;
import org.plinth.executors.slurm.SlurmExecutor;
import org.plinth.files.StorageLimits;
import org.plinth.jobs.inputs.InputReferences;
import org.plinth.jobs.inputs.InputSource;
import org.plinth.jobs.inputs.JobInputs;
import org.plinth.jobs.run.RunningJobs;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;
import org.plinth.security.Caller;
import org.plinth.security.audit.AuditAction;
import org.plinth.security.audit.AuditLog;
import org.plinth.security.sharing.JobAccess;
import org.plinth.workspace.Workspaces;

/**
 * What a user can do with jobs, with the rules that go with it: who may see a job and who may
 * steer it ({@link JobAccess}: its owner or an admin steers it, a user it is shared with reads
 * it and gets 403 for the rest; anyone else gets 404, as if it did not exist), which state allows
 * which action (else 409), what a valid submit is (else 400 naming each field). Submitting,
 * cancelling, restarting and deleting are audited.
 */
@ApplicationScoped
public class JobService {

    /** The largest resources a request may ask for; beyond them it is a typo, not a job. */
    static final int MAX_CORES = 1024;
    static final int MAX_GPUS = 64;
    static final long MAX_MEMORY_MB = 16L * 1024 * 1024;
    static final long MAX_WALLTIME_SECONDS = 30L * 24 * 3600;

    @Inject
    JobStore store;
    @Inject
    AppRegistry apps;
    @Inject
    JobScheduler scheduler;
    @Inject
    RunningJobs running;
    @Inject
    Workspaces workspaces;
    @Inject
    Validator validator;
    @Inject
    Config config;
    @Inject
    InputReferences references;
    @Inject
    JobInputs jobInputs;
    @Inject
    StorageLimits limits;
    @Inject
    SlurmExecutor slurm;
    @Inject
    JobAccess access;
    @Inject
    AuditLog audit;
    @Inject
    org.plinth.retention.CompactedOutputs compacted;

    @Inject
    ServerNode serverNode;

    /** This server instance's name; jobs it runs locally carry it. */
    public String node() {
        return serverNode.name();
    }

    /** A submitted job, and whether this call created it (false: an idempotent retry). */
    public record Submitted(Job job, boolean created) {
    }

    public Submitted submit(Caller caller, JobRequest request, boolean start, String idempotencyKey) {
        if (idempotencyKey != null) {
            var existing = store.findByIdempotencyKey(caller.name(), idempotencyKey);
            if (existing.isPresent()) {
                return new Submitted(existing.get(), false);
            }
        }
        App<?> app = apps.require(request.app());
        if (!apps.mayRun(caller, app)) {
            throw ProblemException.forbidden("the app '" + app.info().id() + "' may be run only by the roles "
                    + apps.roles(app));
        }
        Availability availability = app.availability();
        if (!availability.available()) {
            throw ProblemException.conflict("the app '" + app.info().id() + "' is unavailable: " + availability.reason());
        }
        if (request.callback() != null) {
            org.plinth.callbacks.CallbackUrl.problem(request.callback()).ifPresent(reason -> {
                throw ProblemException.badRequest("callback", reason);
            });
        }
        JsonObject inputs = InputBinder.canonical(app.inputType(), request.inputs());
        org.plinth.jobs.sweep.Sweep sweep = null;
        if (request.sweep() != null) {
            // each point's inputs are bound as the job will bind them; the inputs alone may lack a swept one
            sweep = new SweepBinder(new InputBinder(validator), maxSweepPoints()).bind(app.inputType(), request.sweep(), inputs);
        } else {
            new InputBinder(validator).bind(app.inputType(), inputs, "inputs");
        }
        List<InputSource> files = references.resolve(caller, app.inputType(), inputs, request.files());
        Resources resources = resources(request, app.defaultResources());
        String executor = executorFor(request.executor(), app);
        if (sweep != null && !LocalExecutor.NAME.equals(executor)) {
            throw ProblemException.badRequest("executor", "a sweep runs its points on the local executor, as partitions of "
                    + "one batch step; '" + executor + "' cannot run sweeps yet");
        }
        int gpus = gpus(request.gpus(), executor);
        if (start) {
            limits.requireSpace(0, "starting a job");
        }
        NewJob spec = new NewJob(caller.name(), app.info().id(), app.info().version(), request.name(),
                request.tags(), inputs.toString(), resources, gpus, executor, start, idempotencyKey, null, files,
                request.callback(), sweep == null ? null : sweep.toJson().toString());
        Job job;
        try {
            job = store.create(spec, node(), caller);
        } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
            // Two retries with one key raced; the other one's job is the answer.
            if (idempotencyKey != null) {
                var existing = store.findByIdempotencyKey(caller.name(), idempotencyKey);
                if (existing.isPresent()) {
                    return new Submitted(existing.get(), false);
                }
            }
            throw e;
        }
        if (start) {
            scheduler.wake();
        }
        return new Submitted(job, true);
    }

    /**
     * The executor asked for, else the app's ({@code plinth.apps.<id>.executor}), else
     * {@code plinth.executors.default}, else local. SLURM only when it is switched on, and only
     * for apps that run a command (an in-process app runs inside the server).
     */
    private String executorFor(String asked, App<?> app) {
        String executor = asked != null ? asked
                : config.getOptionalValue("plinth.apps." + app.info().id() + ".executor", String.class)
                        .or(() -> config.getOptionalValue("plinth.executors.default", String.class))
                        .orElse(LocalExecutor.NAME);
        List<String> available = slurm.enabled() ? List.of(LocalExecutor.NAME, SlurmExecutor.NAME) : List.of(LocalExecutor.NAME);
        if (!available.contains(executor)) {
            throw ProblemException.badRequest("executor", "unknown executor '" + executor + "'; available: " + available);
        }
        if (SlurmExecutor.NAME.equals(executor) && !(app instanceof org.plinth.api.ProcessApp<?>)) {
            throw ProblemException.badRequest("executor", "the app '" + app.info().id()
                    + "' runs inside the server; it can only run on the local executor");
        }
        return executor;
    }

    /**
     * GPUs asked for (none by default). The server itself has none to hand out: only SLURM, which
     * is asked for them as a generic resource, and which refuses a job its cluster cannot place.
     */
    private static int gpus(Integer asked, String executor) {
        int gpus = asked == null ? 0 : asked;
        if (gpus < 0 || gpus > MAX_GPUS) {
            throw ProblemException.badRequest("resources.gpus", "must be between 0 and " + MAX_GPUS);
        }
        if (gpus > 0 && !SlurmExecutor.NAME.equals(executor)) {
            throw ProblemException.badRequest("resources.gpus", "the " + executor + " executor has no GPUs; "
                    + "a job with GPUs runs on executor '" + SlurmExecutor.NAME + "'");
        }
        return gpus;
    }

    /** The most points a sweep may have ({@code plinth.sweeps.max-points}). */
    int maxSweepPoints() {
        return config.getOptionalValue("plinth.sweeps.max-points", Integer.class).orElse(1000);
    }

    private static Resources resources(JobRequest r, Resources defaults) {
        List<FieldError> errors = new java.util.ArrayList<>();
        int cores = r.cores() == null ? defaults.cores() : r.cores();
        long memory = r.memoryMb() == null ? defaults.memoryMb() : r.memoryMb();
        long walltime = r.walltimeSeconds() == null ? defaults.walltimeSeconds() : r.walltimeSeconds();
        if (cores < 1 || cores > MAX_CORES) {
            errors.add(new FieldError("resources.cores", "must be between 1 and " + MAX_CORES));
        }
        if (memory < 1 || memory > MAX_MEMORY_MB) {
            errors.add(new FieldError("resources.memoryMb", "must be between 1 and " + MAX_MEMORY_MB));
        }
        if (walltime < 1 || walltime > MAX_WALLTIME_SECONDS) {
            errors.add(new FieldError("resources.walltimeSeconds", "must be between 1 and " + MAX_WALLTIME_SECONDS));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
        return new Resources(cores, memory, walltime);
    }

    /** A job the caller may read (its owner, an admin, or a user it is shared with); else 404. */
    public Job get(Caller caller, String id) {
        return store.find(id).filter(j -> access.canRead(caller, j.id(), j.owner()))
                .orElseThrow(() -> ProblemException.notFound("no job " + id));
    }

    /**
     * A job the caller may steer (its owner or an admin). A user it is shared with gets 403
     * (they know it exists), anyone else 404.
     */
    public Job control(Caller caller, String id) {
        Job job = store.find(id).orElseThrow(() -> ProblemException.notFound("no job " + id));
        return switch (access.of(caller, job.id(), job.owner())) {
            case CONTROL -> job;
            case READ -> throw ProblemException.forbidden("job " + id + " is shared with you to read; only its owner "
                    + "or an admin may change it");
            case NONE -> throw ProblemException.notFound("no job " + id);
        };
    }

    /**
     * The caller's jobs (an admin: everyone's), or with {@code shared} the jobs other users
     * shared with the caller: shared jobs stay out of one's own list so that a list of "my jobs"
     * never fills with other people's work.
     */
    /**
     * Jobs side by side (a sweep's view): the caller's visible jobs of an app, chosen by ids,
     * a tag or a name pattern (* and ?), newest first, at most {@code limit}.
     */
    public org.plinth.jobs.compare.JobTable.Table table(Caller caller, String appId, List<String> ids, String tag,
                                                        String namePattern, List<String> fields, boolean varying, int limit) {
        List<Job> chosen = new java.util.ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : ids) {
                chosen.add(get(caller, id)); // 404 for one the caller may not read
            }
        } else {
            java.util.regex.Pattern name = namePattern == null ? null : java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(namePattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
            for (Job j : list(caller, false, Set.of(), appId, 0, 5000).jobs()) {
                boolean tagged = tag == null || JsonText.parseArray(j.tags()).getValuesAs(jakarta.json.JsonString.class)
                        .stream().anyMatch(t -> t.getString().equals(tag));
                boolean named = name == null || (j.name() != null && name.matcher(j.name()).matches());
                if (tagged && named) {
                    chosen.add(j);
                }
                if (chosen.size() >= limit) {
                    break;
                }
            }
        }
        List<org.plinth.jobs.compare.JobTable.Row> rows = chosen.stream()
                .map(j -> new org.plinth.jobs.compare.JobTable.Row(j.id(), j.name(), j.state().name(),
                        JsonText.parseObject(j.inputs()), j.result() == null ? null : JsonText.parseObject(j.result())))
                .toList();
        return org.plinth.jobs.compare.JobTable.of(rows, fields, varying);
    }

    public JobPage list(Caller caller, boolean shared, Set<JobState> states, String appId, int offset, int limit) {
        if (shared) {
            return store.list(null, caller.name(), states, appId, offset, limit);
        }
        return store.list(caller.isAdmin() ? null : caller.name(), null, states, appId, offset, limit);
    }

    /** Cores held by jobs of an executor that are staging, submitted, running or collecting. */
    public long coresInUse(String executor) {
        return store.coresInUse(executor);
    }

    /** How many of the caller's jobs are in each state. */
    public java.util.Map<String, Long> countByState(Caller caller) {
        return store.countByState(caller.name());
    }

    public List<Transition> history(Job job) {
        return store.transitions(job.id());
    }

    /** The files the job reads from outside its workspace, with their provenance once staged. */
    public List<org.plinth.jobs.inputs.JobInput> inputFiles(Job job) {
        return jobInputs.of(job.id());
    }

    public Job start(Caller caller, String id) {
        Job job = control(caller, id);
        apps.require(job.appId()); // a disabled app takes no new work
        limits.requireSpace(0, "starting a job");
        if (!store.start(id)) {
            throw ProblemException.conflict("job " + id + " is " + store.find(id).map(Job::state).orElse(job.state())
                    + "; only a NEW job can be started");
        }
        scheduler.wake();
        return get(caller, id);
    }

    public Job cancel(Caller caller, String id) {
        Job job = control(caller, id);
        if (job.state().isTerminal()) {
            throw ProblemException.conflict("job " + id + " is already " + job.state());
        }
        if (!store.cancelIfWaiting(id, "cancelled by " + caller.name())) {
            store.requestCancel(id);
            running.cancel(id);
        }
        audit.record(caller, AuditAction.JOB_CANCEL, "job:" + id, job.owner(), "was " + job.state());
        return get(caller, id);
    }

    public Job restart(Caller caller, String id) {
        Job job = control(caller, id);
        if (job.state().isTerminal() && running.stillExecuting(id)) {
            throw ProblemException.conflict("job " + id + " is " + job.state() + " but its batch job is still ending "
                    + "(a sweep's other points stop); restart it in a moment");
        }
        apps.require(job.appId());
        if (!store.requeueForRestart(id, "restarted by " + caller.name())) {
            throw ProblemException.conflict("job " + id + " is " + job.state()
                    + "; only a FAILED, CANCELLED or TIMED_OUT job can be restarted");
        }
        audit.record(caller, AuditAction.JOB_RESTART, "job:" + id, job.owner(), "was " + job.state());
        scheduler.wake();
        return get(caller, id);
    }

    public Job rerun(Caller caller, String id) {
        Job old = control(caller, id);
        App<?> app = apps.require(old.appId());
        if (!apps.mayRun(caller, app)) {
            throw ProblemException.forbidden("the app '" + app.info().id() + "' may be run only by the roles " + apps.roles(app));
        }
        NewJob spec = new NewJob(caller.name(), old.appId(), app.info().version(), old.name(),
                JsonText.parseArray(old.tags()).getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList(),
                old.inputs(), new Resources(old.cores(), old.memoryMb(), old.walltimeSeconds()), old.gpus(),
                old.executor(), true, null, old.id(), references.resolveAgain(caller, jobInputs.of(old.id())),
                old.callbackUrl(), old.sweep());
        limits.requireSpace(0, "starting a job");
        Job job = store.create(spec, node(), caller);
        scheduler.wake();
        return job;
    }

    public void delete(Caller caller, String id) {
        Job job = control(caller, id);
        store.delete(id).ifPresent(refusal -> {
            throw ProblemException.conflict(refusal.reason());
        });
        audit.record(caller, AuditAction.JOB_DELETE, "job:" + id, job.owner(), "was " + job.state());
        workspaces.delete(id);
        compacted.evict(id);
    }

    /**
     * Streams a file into the workspace of a NEW job (create, upload, then start). The bytes go
     * to a temporary file first and are moved in place at the end, so a broken upload leaves
     * nothing half-written. The upload limit and the disk's floor apply as to any upload.
     */
    public long upload(Caller caller, String id, String name, InputStream content, long declaredLength) throws IOException {
        Job job = control(caller, id);
        if (job.state() != JobState.NEW) {
            throw ProblemException.conflict("job " + id + " is " + job.state() + "; files can be added only to a NEW job");
        }
        Path target = workspaces.resolveInside(id, name)
                .filter(p -> Workspaces.isSafeRelative(name))
                .orElseThrow(() -> ProblemException.badRequest("name", "must be a relative path inside the job's workspace"));
        if (declaredLength > limits.uploadBytes()) {
            throw limits.uploadTooLarge();
        }
        limits.requireSpace(Math.max(0, declaredLength), "the upload");
        workspaces.create(id);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(workspaces.hostDir(id), "upload", ".part");
        try (InputStream in = content; var out = Files.newOutputStream(temp)) {
            long written = in.transferTo(new LimitedOutput(out, limits.uploadBytes(), limits::uploadTooLarge));
            out.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (IOException e) {
            if (org.plinth.files.DiskFull.causes(e)) {
                throw limits.diskFull("the upload");
            }
            throw e;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Fails a copy once more than {@code max} bytes went through. */
    private static final class LimitedOutput extends java.io.FilterOutputStream {
        private final long max;
        private final java.util.function.Supplier<ProblemException> tooLarge;
        private long count;

        LimitedOutput(java.io.OutputStream out, long max, java.util.function.Supplier<ProblemException> tooLarge) {
            super(out);
            this.max = max;
            this.tooLarge = tooLarge;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count += len;
            if (count > max) {
                throw tooLarge.get();
            }
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void close() {
            // the caller closes the file itself
        }
    }
}
