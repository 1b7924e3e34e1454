package org.plinth.executors.slurm;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls every API version makes the same way (paths, GONE on error 2017, what a successful
 * reply holds); a version's adapter only maps the bodies.
 */
abstract class SlurmApiAdapter implements SlurmApi {

    protected final SlurmClient client;

    SlurmApiAdapter(SlurmClient client) {
        this.client = client;
    }

    /** The submit request body. */
    abstract JsonObject submitBody(SlurmJobSpec spec);

    /** One entry of {@code jobs[]}. */
    abstract SlurmJobStatus job(JsonObject job);

    /** One entry of {@code pings[]}: whether that controller is up. */
    abstract boolean pingUp(JsonObject ping);

    @Override
    public String version() {
        return client.settings().apiVersion();
    }

    @Override
    public long submit(SlurmJobSpec spec) throws SlurmException {
        JsonObject reply = client.submit("/job/submit", submitBody(spec), spec.user());
        return reply.getJsonNumber("job_id").longValue();
    }

    @Override
    public SlurmJobStatus status(long jobId) throws SlurmException {
        SlurmClient.Reply reply = client.get("/job/" + jobId);
        if (reply.has(SlurmError.UNKNOWN_JOB)) {
            return SlurmJobStatus.gone(jobId);
        }
        JsonObject body = client.require(reply, "status of SLURM job " + jobId);
        for (JsonObject j : JsonFields.objects(body, "jobs")) {
            Long id = JsonFields.number(j, "job_id");
            if (id != null && id == jobId) {
                return job(j);
            }
        }
        return SlurmJobStatus.gone(jobId);
    }

    @Override
    public List<SlurmJobStatus> jobs() throws SlurmException {
        return list(client.require(client.get("/jobs"), "list of SLURM jobs"));
    }

    List<SlurmJobStatus> list(JsonObject body) {
        List<SlurmJobStatus> list = new ArrayList<>();
        for (JsonObject j : JsonFields.objects(body, "jobs")) {
            list.add(job(j));
        }
        return list;
    }

    @Override
    public boolean cancel(long jobId, String user) throws SlurmException {
        SlurmClient.Reply reply = client.delete("/job/" + jobId, user);
        if (reply.has(SlurmError.UNKNOWN_JOB)) {
            return false;
        }
        client.require(reply, "cancel of SLURM job " + jobId);
        return true;
    }

    @Override
    public SlurmPing ping() throws SlurmException {
        JsonObject body = client.require(client.get("/ping"), "ping");
        boolean up = false;
        List<String> controllers = new ArrayList<>();
        for (JsonObject p : JsonFields.objects(body, "pings")) {
            boolean thisUp = pingUp(p);
            up |= thisUp;
            String mode = JsonFields.text(p, "mode");
            controllers.add(JsonFields.text(p, "hostname") + ": " + (thisUp ? "UP" : "DOWN")
                    + (mode == null ? "" : " (" + mode + ")"));
        }
        return new SlurmPing(up, String.join(", ", controllers), JsonFields.release(body));
    }

    @Override
    public JsonObject diag() throws SlurmException {
        JsonObject body = client.require(client.get("/diag"), "diag");
        JsonObject stats = JsonFields.object(body, "statistics");
        return stats == null ? JsonValue.EMPTY_JSON_OBJECT : stats;
    }

    /** The fields every version names alike; {@code state} and exit come from the adapter. */
    static SlurmJobStatus status(JsonObject j, List<String> rawState, SlurmJobStatus.WaitStatus exit) {
        SlurmState state = SlurmState.of(rawState);
        long id = JsonFields.number(j, "job_id");
        // A running job's end_time is the time it will be killed, not an end.
        boolean ended = state.ended();
        return new SlurmJobStatus(id, state, String.join("+", rawState),
                ended && exit != null ? exit.exitCode() : null, ended && exit != null ? exit.signal() : null,
                reason(JsonFields.text(j, "state_reason")), JsonFields.time(j, "start_time"),
                ended ? JsonFields.time(j, "end_time") : null, JsonFields.text(j, "name"),
                JsonFields.emptyToNull(JsonFields.text(j, "comment")), JsonFields.text(j, "user_name"));
    }

    private static String reason(String r) {
        return r == null || r.isEmpty() || r.equals("None") ? null : r;
    }
}
