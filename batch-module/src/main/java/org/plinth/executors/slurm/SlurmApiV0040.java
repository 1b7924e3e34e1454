package org.plinth.executors.slurm;

import static org.plinth.executors.slurm.SlurmApiV0038.optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.plinth.api.Jsons;

/**
 * REST API v0.0.40 and later (Slurm 23.11, 24.05 …), from SchedMD's published OpenAPI: the
 * script is inside {@code job}, the environment is a list of {@code NAME=value}, numbers that
 * may be unset or infinite are {@code {set, infinite, number}} objects, {@code job_state} is a
 * list (a base state and flags), and {@code exit_code} is decoded already
 * ({@code {status: [...], return_code: {...}, signal: {id: {...}, name}}}).
 */
public final class SlurmApiV0040 extends SlurmApiAdapter {

    public SlurmApiV0040(SlurmClient client) {
        super(client);
    }

    @Override
    JsonObject submitBody(SlurmJobSpec spec) {
        var env = Jsons.createArrayBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(spec.environment()).entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        JsonObjectBuilder job = Jsons.createObjectBuilder()
                .add("script", spec.script())
                .add("name", spec.name())
                .add("current_working_directory", spec.workDir())
                .add("environment", env)
                .add("tasks", spec.tasks())
                .add("cpus_per_task", spec.cpusPerTask())
                .add("minimum_nodes", spec.nodes())
                .add("maximum_nodes", spec.nodes())
                .add("memory_per_node", noVal(spec.memoryMb()))
                .add("time_limit", noVal(spec.timeLimitMinutes()));
        optional(job, "comment", spec.comment());
        optional(job, "standard_output", spec.stdout());
        optional(job, "standard_error", spec.stderr());
        optional(job, "partition", spec.partition());
        optional(job, "constraints", spec.constraints());
        optional(job, "account", spec.account());
        optional(job, "qos", spec.qos());
        if (spec.gpus() > 0) {
            job.add("tres_per_job", "gres/gpu:" + spec.gpus()); // what sbatch --gpus=N sends
        }
        return Jsons.createObjectBuilder().add("job", job).build();
    }

    private static JsonObject noVal(long n) {
        return Jsons.createObjectBuilder().add("set", true).add("infinite", false).add("number", n).build();
    }

    @Override
    SlurmJobStatus job(JsonObject j) {
        return status(j, JsonFields.texts(j, "job_state"), exit(JsonFields.object(j, "exit_code")));
    }

    private static SlurmJobStatus.WaitStatus exit(JsonObject e) {
        if (e == null) {
            return null;
        }
        List<String> status = JsonFields.texts(e, "status");
        Long signal = JsonFields.number(JsonFields.object(e, "signal"), "id");
        if (status.contains("SIGNALED") || status.contains("CORE_DUMPED") || (signal != null && signal > 0)) {
            return new SlurmJobStatus.WaitStatus(null, signal == null ? null : signal.intValue());
        }
        Long code = JsonFields.number(e, "return_code");
        return code == null ? null : new SlurmJobStatus.WaitStatus(code.intValue(), null);
    }

    @Override
    boolean pingUp(JsonObject ping) {
        // v0.0.40: "pinged": "UP"; v0.0.41+: "responding": true.
        return "UP".equals(JsonFields.text(ping, "pinged")) || ping.getBoolean("responding", false);
    }
}
