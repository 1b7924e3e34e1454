package org.plinth.executors.slurm;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.plinth.api.Jsons;

/**
 * REST API v0.0.38 (Slurm 22.05). Checked live against slurmrestd 22.05.8: it rejects unknown
 * keys, requires {@code environment}, and reports {@code exit_code} as a raw wait status.
 */
public final class SlurmApiV0038 extends SlurmApiAdapter {

    public SlurmApiV0038(SlurmClient client) {
        super(client);
    }

    /** Checked live on 22.05.8: 304 with no body when no job changed since {@code update_time}. */
    @Override
    public java.util.Optional<java.util.List<SlurmJobStatus>> jobsIfChangedSince(long sinceEpochSeconds)
            throws SlurmException {
        SlurmClient.Reply reply = client.get("/jobs?update_time=" + sinceEpochSeconds);
        if (reply.status() == 304) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(list(client.require(reply, "list of SLURM jobs")));
    }

    @Override
    JsonObject submitBody(SlurmJobSpec spec) {
        JsonObjectBuilder job = Jsons.createObjectBuilder()
                .add("name", spec.name())
                .add("current_working_directory", spec.workDir())
                .add("environment", Jsons.createObjectBuilder(new java.util.TreeMap<String, Object>(spec.environment())))
                .add("tasks", spec.tasks())
                .add("cpus_per_task", spec.cpusPerTask())
                // [min, max]: all of a job's GPUs per node below only means "per job" on one node.
                .add("nodes", Jsons.createArrayBuilder().add(spec.nodes()).add(spec.nodes()))
                .add("memory_per_node", spec.memoryMb())
                .add("time_limit", spec.timeLimitMinutes());
        optional(job, "comment", spec.comment());
        optional(job, "standard_output", spec.stdout());
        optional(job, "standard_error", spec.stderr());
        optional(job, "partition", spec.partition());
        optional(job, "constraints", spec.constraints());
        optional(job, "account", spec.account());
        optional(job, "qos", spec.qos());
        if (spec.gpus() > 0) {
            // gres is per node; with nodes = [n, n] the job gets n × this many.
            job.add("gres", "gpu:" + ceilDiv(spec.gpus(), spec.nodes()));
        }
        return Jsons.createObjectBuilder().add("script", spec.script()).add("job", job).build();
    }

    @Override
    SlurmJobStatus job(JsonObject j) {
        Long raw = JsonFields.number(j, "exit_code");
        return status(j, JsonFields.texts(j, "job_state"), raw == null ? null : SlurmJobStatus.WaitStatus.decode(raw));
    }

    @Override
    boolean pingUp(JsonObject ping) {
        return "UP".equals(JsonFields.text(ping, "ping"));
    }

    static void optional(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
