package org.plinth.web.jobs;

import org.plinth.api.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import java.util.List;
import org.plinth.jobs.Job;
import org.plinth.jobs.JsonText;
import org.plinth.jobs.Transition;
import org.plinth.jobs.inputs.JobInput;

/** A job as the API shows it. */
final class JobViews {

    private JobViews() {
    }

    static JsonObject summary(Job job) {
        return base(job).build();
    }

    static JsonObject detail(Job job, List<Transition> history, List<JobInput> files) {
        var transitions = Jsons.createArrayBuilder();
        for (Transition t : history) {
            JsonObjectBuilder b = Jsons.createObjectBuilder().add("state", t.state().name()).add("at", t.at().toString())
                    .add("eventId", t.eventId());
            if (t.message() != null) {
                b.add("message", t.message());
            }
            transitions.add(b);
        }
        var staged = Jsons.createArrayBuilder();
        for (JobInput f : files) {
            JsonObjectBuilder b = Jsons.createObjectBuilder().add("path", f.path()).add("source", f.source());
            optional(b, "fileId", f.fileId());
            optional(b, "jobId", f.sourceJobId());
            optional(b, "input", f.inputField());
            if (f.unpack()) {
                b.add("unpack", true);
            }
            optional(b, "sha256", f.sha256());
            if (f.size() != null) {
                b.add("size", f.size());
            }
            staged.add(b);
        }
        JsonObjectBuilder detail = base(job);
        optional(detail, "callback", job.callbackUrl());
        if (job.sweep() != null) {
            detail.add("sweep", org.plinth.jobs.JsonText.parseObject(job.sweep()));
        }
        return detail
                .add("inputs", JsonText.parseObject(job.inputs()))
                .add("files", staged)
                .add("history", transitions)
                .build();
    }

    private static JsonObjectBuilder base(Job job) {
        String self = "/api/v1/jobs/" + job.id();
        JsonObjectBuilder b = Jsons.createObjectBuilder()
                .add("id", job.id())
                .add("app", job.appId())
                .add("appVersion", job.appVersion())
                .add("owner", job.owner())
                .add("state", job.state().name())
                .add("executor", job.executor())
                .add("tags", JsonText.parseArray(job.tags()))
                .add("resources", Jsons.createObjectBuilder()
                        .add("cores", job.cores())
                        .add("memoryMb", job.memoryMb())
                        .add("walltimeSeconds", job.walltimeSeconds())
                        .add("gpus", job.gpus()))
                .add("createdAt", job.createdAt().toString());
        optional(b, "name", job.name());
        optional(b, "message", job.message());
        if (job.exitCode() != null) {
            b.add("exitCode", job.exitCode());
        }
        if (job.progress() != null) {
            JsonObjectBuilder p = Jsons.createObjectBuilder().add("fraction", job.progress());
            optional(p, "message", job.progressMessage());
            b.add("progress", p);
        }
        time(b, "startedAt", job.startedAt());
        time(b, "finishedAt", job.finishedAt());
        if (job.wallTimeMs() != null) {
            b.add("wallTimeMs", job.wallTimeMs());
        }
        if (job.cpuTimeMs() != null) {
            b.add("cpuTimeMs", job.cpuTimeMs());
        }
        if (job.batchExecutionId() != null) {
            b.add("batchExecutionId", job.batchExecutionId());
        }
        optional(b, "rerunOf", job.rerunOf());
        optional(b, "externalId", job.externalId()); // the SLURM job id
        optional(b, "resultSummary", job.resultSummary());
        optional(b, "workspace", job.workspaceState() == null ? null : job.workspaceState().toLowerCase(java.util.Locale.ROOT));
        time(b, "compactedAt", job.compactedAt()); // its app's outputs stored compact by retention, restored when read
        b.add("links", Jsons.createObjectBuilder()
                .add("self", self)
                .add("logs", self + "/logs")
                .add("outputs", self + "/outputs")
                .add("archive", self + "/archive")
                .add("result", self + "/result")
                .add("deliveries", self + "/deliveries"));
        return b;
    }

    private static void optional(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    private static void time(JsonObjectBuilder b, String key, OffsetDateTime value) {
        if (value != null) {
            b.add(key, value.toString());
        }
    }
}
