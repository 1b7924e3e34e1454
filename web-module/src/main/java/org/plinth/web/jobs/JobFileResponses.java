package org.plinth.web.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import org.plinth.jobs.Job;
import org.plinth.problems.ProblemException;
import org.plinth.retention.Retention;
import org.plinth.web.files.FileResponses;
import org.plinth.workspace.Outputs;
import org.plinth.workspace.Workspaces;

/** A job's files as HTTP answers, streamed: one output, or all of them as a tar.gz. */
@ApplicationScoped
public class JobFileResponses {

    @Inject
    Workspaces workspaces;
    @Inject
    Retention retention;
    @Inject
    org.plinth.retention.CompactedOutputs compacted;

    /** One output file; {@code attachment} makes browsers save it under its own name. */
    public Response output(Job job, String path, String range, boolean attachment) throws IOException {
        withWorkspace(job);
        // an output retention stored compact (ASTRA's particle files as float32) is restored on the way out
        java.nio.file.Path file = compacted.compactFormOf(job, path).isPresent() ? compacted.restored(job, path)
                : FileResponses.existing(workspaces.resolveInside(job.id(), path), "output '" + path + "'");
        java.nio.file.Path name = java.nio.file.Path.of(path).getFileName();
        return attachment
                ? FileResponses.serve(file, Outputs.mediaType(name), range, "attachment", name.toString(), null)
                : FileResponses.serve(file, Outputs.mediaType(name), range);
    }

    /** Checks that the output exists (404) and the workspace is there (410), without serving it. */
    public void requireOutput(Job job, String path) {
        withWorkspace(job);
        if (compacted.compactFormOf(job, path).isEmpty()) {
            FileResponses.existing(workspaces.resolveInside(job.id(), path), "output '" + path + "'");
        }
    }

    /** All outputs (or those matching {@code glob}) as a tar.gz; retention's archive as it is when it made one. */
    public Response archive(Job job, String glob, String range) throws IOException {
        if ("COMPRESSED".equals(job.workspaceState()) && glob == null) {
            // retention already made the archive: serve it as it is (it holds the logs too)
            return FileResponses.serve(retention.archiveOf(job.id()), "application/gzip", range, "attachment",
                    "job-" + job.id() + ".tar.gz", null);
        }
        withWorkspace(job);
        if (glob != null && (glob.isBlank() || glob.length() > 200)) {
            throw ProblemException.badRequest("glob", "must be 1 to 200 characters");
        }
        if (glob != null) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("glob", "is not a valid glob pattern");
            }
        }
        java.nio.file.Path workspace = workspaces.of(job.id());
        StreamingOutput body = job.compactedAt() == null ? out -> Outputs.archive(workspace, glob, out) : out -> {
            // outputs stored compact go in as themselves, restored
            java.util.List<Outputs.Entry> entries = new java.util.ArrayList<>();
            for (org.plinth.workspace.OutputFile f : Outputs.list(workspace)) {
                var original = compacted.originalName(job, f.path());
                String name = original.orElse(f.path());
                if (Outputs.matches(glob, name)) {
                    entries.add(new Outputs.Entry(name, original.isPresent() ? compacted.restored(job, name)
                            : workspace.resolve(f.path())));
                }
            }
            Outputs.archive(entries, out);
        };
        return Response.ok(body, "application/gzip")
                .header("Content-Disposition", "attachment; filename=\"job-" + job.id() + ".tar.gz\"").build();
    }

    /** A job whose workspace retention compressed or deleted has no files to show one by one (410). */
    public Job withWorkspace(Job job) {
        if (job.workspaceState() != null) {
            throw new ProblemException(410, "Gone", "the workspace of job " + job.id() + " was "
                    + job.workspaceState().toLowerCase(java.util.Locale.ROOT) + " by retention"
                    + ("COMPRESSED".equals(job.workspaceState()) ? "; GET /api/v1/jobs/" + job.id() + "/archive gives it whole" : ""));
        }
        return job;
    }
}
