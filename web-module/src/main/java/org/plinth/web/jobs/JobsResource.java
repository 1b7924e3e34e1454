package org.plinth.web.jobs;

import org.plinth.api.Jsons;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.callbacks.CallbackDeliveries;
import org.plinth.callbacks.CallbackDelivery;
import org.plinth.downloads.DownloadLinks;
import org.plinth.jobs.BatchSteps;
import org.plinth.jobs.Job;
import org.plinth.jobs.JobPage;
import org.plinth.jobs.JobService;
import org.plinth.jobs.JobState;
import org.plinth.jobs.JsonText;
import org.plinth.problems.ProblemException;
import org.plinth.web.problems.JsonBodies;
import org.plinth.web.Params;
import org.plinth.web.files.FileResponses;
import org.plinth.web.security.CurrentCaller;
import org.plinth.workspace.OutputFile;
import org.plinth.workspace.Outputs;
import org.plinth.workspace.Workspaces;

/** Jobs: submit, follow, read what they produced, steer them. */
@Path("jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobsResource {

    @Inject
    JobService jobs;
    @Inject
    CurrentCaller caller;
    @Inject
    Workspaces workspaces;
    @Inject
    CallbackDeliveries callbacks;
    @Inject
    org.plinth.retention.CompactedOutputs compacted;
    @Inject
    BatchSteps batchSteps;
    @Inject
    JobFileResponses files;
    @Inject
    DownloadLinks links;
    @Inject
    @ConfigProperty(name = "plinth.limits.request-bytes", defaultValue = "4194304")
    long maxRequestBytes;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a job", description = "With ?start=false the job is created NEW: add files with "
            + "PUT /jobs/{id}/files/{name}, then POST /jobs/{id}/start. An Idempotency-Key header makes a retried "
            + "submit return the first job instead of creating a second. With \"sweep\" the job is a scan: the app runs "
            + "once per combination of the swept inputs' values (lists, or ranges {\"from\", \"to\", \"steps\"}), each "
            + "point in its folder points/<n>/, as many at once as resources.cores; the result is a table of the points. "
            + "resources.gpus (default 0) needs executor slurm, which asks SLURM for them as gres/gpu.")
    @RequestBody(description = "{\"app\": \"script\", \"inputs\": {…}, \"resources\": {\"cores\": 1, \"memoryMb\": 1024, "
            + "\"walltimeSeconds\": 3600, \"gpus\": 0}, \"executor\": \"local|slurm\", \"name\": \"…\", \"tags\": [\"…\"], "
            + "\"callback\": \"https://…\", \"sweep\": {\"phase\": [0, 5, 10], \"charge\": {\"from\": 0.1, "
            + "\"to\": 1.0, \"steps\": 10}}}")
    public Response submit(InputStream body, @QueryParam("start") String start,
                           @HeaderParam("Idempotency-Key") String idempotencyKey) {
        boolean startNow = Params.flag("start", start, true);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1 to 200 characters");
        }
        JsonObject json = JsonBodies.readObject(body, maxRequestBytes);
        JobService.Submitted submitted = jobs.submit(caller.get(), JobRequestReader.read(json), startNow, idempotencyKey);
        Job job = submitted.job();
        JsonObject view;
        try {
            view = JobViews.detail(job, jobs.history(job), jobs.inputFiles(job));
        } catch (RuntimeException e) {
            if (!org.plinth.persistence.DatabaseUnreachable.causes(e)) {
                throw e;
            }
            // The job is committed: a 503 now would make the client submit it a second time.
            view = JobViews.summary(job);
        }
        if (!submitted.created()) {
            return Response.ok(view).location(URI.create("/api/v1/jobs/" + job.id())).build();
        }
        return Response.created(URI.create("/api/v1/jobs/" + job.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "List jobs, newest first", description = "Your own jobs; an admin sees everyone's. "
            + "With shared=true: the jobs other users shared with you (and only those). "
            + "Filter by state (comma-separated) and app; page with offset and limit (at most 500). "
            + "total is counted up to 1,000; past that totalExact is false and total is a lower bound.")
    public JsonObject list(@QueryParam("state") String state, @QueryParam("app") String app,
                           @QueryParam("offset") String offset, @QueryParam("limit") String limit,
                           @QueryParam("shared") String shared) {
        boolean sharedOnly = Params.flag("shared", shared, false);
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        if (state != null && !state.isBlank()) {
            for (String s : state.split(",")) {
                try {
                    states.add(JobState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("state", "unknown state '" + s.trim() + "'; states are "
                            + java.util.Arrays.toString(JobState.values()));
                }
            }
        }
        int from = (int) Params.number("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = (int) Params.number("limit", limit, 50, 1, 500);
        JobPage page = jobs.list(caller.get(), sharedOnly, states, app, from, size);
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        page.jobs().forEach(j -> list.add(JobViews.summary(j)));
        return Jsons.createObjectBuilder().add("jobs", list).add("total", page.total())
                .add("totalExact", page.totalExact())
                .add("offset", page.offset()).add("limit", page.limit()).build();
    }

    @GET
    @Path("table")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Jobs side by side: chosen inputs and results of many jobs (a sweep's view)",
            description = "Rows: ?ids=a,b,c, or your jobs of ?app= with ?tag= and/or ?name= (* and ? wildcards), newest "
                    + "first, at most ?limit= (default 200, up to 1000). Columns: ?fields=inputs.x,result.y.z (dotted "
                    + "paths; default every scalar); ?varying=true keeps only columns whose values differ. JSON, or CSV "
                    + "with Accept: text/csv.")
    public Response table(@QueryParam("app") String app, @QueryParam("ids") String ids, @QueryParam("tag") String tag,
                          @QueryParam("name") String name, @QueryParam("fields") String fields,
                          @QueryParam("varying") String varying, @QueryParam("limit") String limit,
                          @HeaderParam("Accept") String accept) {
        List<String> idList = ids == null || ids.isBlank() ? List.of()
                : java.util.Arrays.stream(ids.split(",")).map(String::strip).map(i -> Params.id(i, "job")).toList();
        if (idList.size() > 1000) {
            throw ProblemException.badRequest("ids", "at most 1000 ids");
        }
        if (idList.isEmpty() && app == null && tag == null && name == null) {
            throw ProblemException.badRequest("app", "choose the jobs: ?ids=, or ?app= with ?tag= or ?name=");
        }
        List<String> fieldList = fields == null || fields.isBlank() ? List.of()
                : java.util.Arrays.stream(fields.split(",")).map(String::strip).filter(f -> !f.isEmpty()).toList();
        for (String f : fieldList) {
            if (!(f.startsWith("inputs.") || f.startsWith("result.")) || f.length() > 300) {
                throw ProblemException.badRequest("fields", "'" + f + "' must start with inputs. or result.");
            }
        }
        var t = jobs.table(caller.get(), app, idList, tag, name, fieldList, Params.flag("varying", varying, false),
                (int) Params.number("limit", limit, 200, 1, 1000));
        if (accept != null && accept.contains("text/csv")) {
            return Response.ok(org.plinth.jobs.compare.JobTable.csv(t), "text/csv; charset=UTF-8").build();
        }
        var rows = Jsons.createArrayBuilder();
        t.rows().forEach(r -> rows.add(Jsons.createArrayBuilder(r)));
        return Response.ok(Jsons.createObjectBuilder().add("columns", Jsons.createArrayBuilder(t.columns()))
                .add("rows", rows).build(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A job's status, history (every state with its time) and inputs")
    public JsonObject get(@PathParam("id") String id) {
        Job job = job(id);
        return JobViews.detail(job, jobs.history(job), jobs.inputFiles(job));
    }

    @POST
    @Path("{id}/start")
    @Operation(summary = "Start a job created with ?start=false")
    public JsonObject start(@PathParam("id") String id) {
        return detail(jobs.start(caller.get(), Params.id(id, "job")));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a job: a waiting one at once, a running one by killing its whole process tree")
    public JsonObject cancel(@PathParam("id") String id) {
        return detail(jobs.cancel(caller.get(), Params.id(id, "job")));
    }

    @POST
    @Path("{id}/restart")
    @Operation(summary = "Restart a failed, cancelled or timed-out job from the step that failed (batch restart)")
    public JsonObject restart(@PathParam("id") String id) {
        return detail(jobs.restart(caller.get(), Params.id(id, "job")));
    }

    @POST
    @Path("{id}/rerun")
    @Operation(summary = "Run the job's stored inputs again as a new job linked to this one")
    public Response rerun(@PathParam("id") String id) {
        Job job = jobs.rerun(caller.get(), Params.id(id, "job"));
        return Response.created(URI.create("/api/v1/jobs/" + job.id())).entity(detail(job)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a finished (or never started) job and its workspace")
    public Response delete(@PathParam("id") String id) {
        jobs.delete(caller.get(), Params.id(id, "job"));
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/files/{name: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Stream a file into the workspace of a NEW job")
    public Response upload(@PathParam("id") String id, @PathParam("name") String name,
                           @HeaderParam("Content-Length") String length, InputStream body) throws IOException {
        long size;
        try {
            size = jobs.upload(caller.get(), Params.id(id, "job"), name, body, Params.declaredLength(length));
        } catch (ProblemException refused) {
            JsonBodies.drain(body); // so that a client still sending reads the refusal
            throw refused;
        }
        return Response.status(201).entity(Jsons.createObjectBuilder().add("path", name).add("size", size).build()).build();
    }

    @GET
    @Path("{id}/logs")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(summary = "The job's stdout or stderr", description = "stream=stdout|stderr; offset=N reads from byte N "
            + "(poll with the X-Next-Offset of the last answer); tail=N gives the last N lines; point=N: a sweep's point N.")
    public Response logs(@PathParam("id") String id, @QueryParam("stream") String stream,
                         @QueryParam("offset") String offset, @QueryParam("tail") String tail,
                         @QueryParam("point") String point) throws IOException {
        Job job = withWorkspace(job(id));
        String which = stream == null ? "stdout" : stream;
        if (!which.equals("stdout") && !which.equals("stderr")) {
            throw ProblemException.badRequest("stream", "must be stdout or stderr");
        }
        java.nio.file.Path log = which.equals("stdout") ? workspaces.stdout(job.id()) : workspaces.stderr(job.id());
        if (point != null) {
            var sweep = job.sweepPoints().orElseThrow(() -> ProblemException.badRequest("point", "job " + job.id()
                    + " is not a sweep"));
            int n = (int) Params.number("point", point, 1, 1, sweep.points());
            log = workspaces.of(job.id()).resolve(sweep.folder(n)).resolve(Workspaces.HOST_DIR).resolve(which + ".log");
        }
        long size = Files.exists(log) ? Files.size(log) : 0;
        if (tail != null) {
            int lines = (int) Params.number("tail", tail, 100, 1, 100_000);
            String text = Logs.tail(log, lines);
            return Response.ok(text, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).header("X-Next-Offset", size).build();
        }
        long from = Math.min(Params.number("offset", offset, 0, 0, Long.MAX_VALUE), size);
        StreamingOutput body = size == 0 ? out -> { } : FileResponses.stream(log, from, size - from);
        return Response.ok(body, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).header("X-Next-Offset", size).build();
    }

    @GET
    @Path("{id}/outputs")
    @Operation(summary = "The files the job wrote, with sizes and media types")
    public JsonObject outputs(@PathParam("id") String id) {
        Job job = withWorkspace(job(id));
        JsonArrayBuilder files = Jsons.createArrayBuilder();
        for (OutputFile f : Outputs.list(workspaces.of(job.id()))) {
            // an output retention stored compact shows as itself: reading it restores it
            var original = compacted.originalName(job, f.path());
            String path = original.orElse(f.path());
            var b = Jsons.createObjectBuilder().add("path", path).add("size", f.size())
                    .add("mediaType", original.isPresent() ? Outputs.mediaType(java.nio.file.Path.of(path)) : f.mediaType())
                    .add("modified", f.modified().toString())
                    .add("href", "/api/v1/jobs/" + job.id() + "/outputs/" + path);
            if (original.isPresent()) {
                b.add("compacted", true);
            }
            files.add(b);
        }
        return Jsons.createObjectBuilder().add("files", files).build();
    }

    @GET
    @Path("{id}/outputs/{path: .+}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "One output file; supports Range", description = "An output retention stored compact (ASTRA's "
            + "particle files as float32) is restored to its own format on the way out.")
    public Response output(@PathParam("id") String id, @PathParam("path") String path,
                           @HeaderParam("Range") String range) throws IOException {
        return files.output(job(id), path, range, false);
    }

    @GET
    @Path("{id}/download-link")
    @Operation(summary = "A short-lived link to one output (?path=) or, without a path, to the job's tar.gz archive",
            description = "The link (/api/v1/downloads/{token}) needs no credential, so a browser can follow it as a "
                    + "plain link and save the file as it streams; it works for plinth.downloads.link-seconds (300) and "
                    + "only while the user who asked may still read the job.")
    public JsonObject downloadLink(@PathParam("id") String id, @QueryParam("path") String path) {
        Job job = job(id);
        if (path != null) {
            if (path.isBlank() || path.length() > 1000) {
                throw ProblemException.badRequest("path", "must be 1 to 1000 characters");
            }
            files.requireOutput(job, path);
        }
        DownloadLinks.Link link = links.issue(caller.get(), job.id(), path);
        return Jsons.createObjectBuilder().add("href", "/api/v1/downloads/" + link.token())
                .add("expiresAt", link.expiresAt().toString()).build();
    }

    @GET
    @Path("{id}/archive")
    @Produces("application/gzip")
    @Operation(summary = "All outputs (or those matching ?glob=) as a tar.gz, streamed")
    public Response archive(@PathParam("id") String id, @QueryParam("glob") String glob,
                            @HeaderParam("Range") String range) throws IOException {
        return files.archive(job(id), glob, range);
    }

    @GET
    @Path("{id}/result")
    @Operation(summary = "What the app collected from the finished job")
    public JsonObject result(@PathParam("id") String id) {
        Job job = job(id);
        if (job.result() == null) {
            throw ProblemException.conflict("job " + id + " is " + job.state() + " and has no result"
                    + (job.state().isTerminal() ? "" : " yet"));
        }
        return Jsons.createObjectBuilder().add("jobId", job.id()).add("state", job.state().name())
                .add("summary", job.resultSummary() == null ? "" : job.resultSummary())
                .add("data", JsonText.parseObject(job.result())).build();
    }

    @GET
    @Path("{id}/steps")
    @Operation(summary = "The job's batch executions (the first run and each restart) with their steps: stage, "
            + "execute, collect, each with its batch and exit status and times",
            description = "From the batch repository through the standard JobOperator: the records Payara's admin "
                    + "console and asadmin list-batch-job-executions show. Empty before the job starts.")
    public JsonObject steps(@PathParam("id") String id) {
        Job job = job(id);
        BatchSteps.History history = batchSteps.of(job);
        JsonArrayBuilder executions = Jsons.createArrayBuilder();
        for (BatchSteps.Execution e : history.executions()) {
            JsonArrayBuilder steps = Jsons.createArrayBuilder();
            for (BatchSteps.StepRun s : e.steps()) {
                var metrics = Jsons.createObjectBuilder();
                s.metrics().forEach(metrics::add);
                var step = Jsons.createObjectBuilder().add("name", s.name()).add("stepExecutionId", s.stepExecutionId())
                        .add("batchStatus", s.batchStatus()).add("metrics", metrics);
                optional(step, "exitStatus", s.exitStatus());
                optional(step, "startedAt", s.startedAt());
                optional(step, "endedAt", s.endedAt());
                steps.add(step);
            }
            var b = Jsons.createObjectBuilder().add("executionId", e.executionId()).add("batchStatus", e.batchStatus())
                    .add("steps", steps);
            optional(b, "exitStatus", e.exitStatus());
            optional(b, "createdAt", e.createdAt());
            optional(b, "startedAt", e.startedAt());
            optional(b, "endedAt", e.endedAt());
            executions.add(b);
        }
        var body = Jsons.createObjectBuilder().add("jobId", job.id()).add("batchJob", history.batchJob())
                .add("executions", executions);
        if (history.instanceId() >= 0) {
            body.add("instanceId", history.instanceId());
        }
        optional(body, "unavailable", history.unavailable());
        return body.build();
    }

    private static void optional(jakarta.json.JsonObjectBuilder b, String name, Object value) {
        if (value != null) {
            b.add(name, value.toString());
        }
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The job's callback deliveries: each state change POSTed to its callback URL, with "
            + "attempts, the receiver's last status and the next retry", description = "Its owner or an admin only.")
    public JsonObject deliveries(@PathParam("id") String id) {
        Job job = jobs.control(caller.get(), Params.id(id, "job"));
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        for (CallbackDelivery d : callbacks.ofJob(job.id())) {
            var b = Jsons.createObjectBuilder().add("id", d.id()).add("eventId", d.eventId())
                    .add("state", d.state().name()).add("attempts", d.attempts()).add("url", d.url())
                    .add("createdAt", d.createdAt().toString())
                    .add("event", JsonText.parseObject(d.body()));
            if (d.state() == CallbackDelivery.State.PENDING) {
                b.add("nextAttemptAt", d.nextAttemptAt().toString());
            }
            if (d.lastStatus() != null) {
                b.add("lastStatus", d.lastStatus());
            }
            if (d.lastError() != null) {
                b.add("lastError", d.lastError());
            }
            if (d.deliveredAt() != null) {
                b.add("deliveredAt", d.deliveredAt().toString());
            }
            list.add(b);
        }
        return Jsons.createObjectBuilder().add("jobId", job.id()).add("callback", job.callbackUrl() == null ? "" : job.callbackUrl())
                .add("deliveries", list).build();
    }

    private Job withWorkspace(Job job) {
        return files.withWorkspace(job);
    }

    private Job job(String id) {
        return jobs.get(caller.get(), Params.id(id, "job"));
    }

    private JsonObject detail(Job job) {
        return JobViews.detail(job, jobs.history(job), jobs.inputFiles(job));
    }
}
