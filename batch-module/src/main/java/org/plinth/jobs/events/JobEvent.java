package org.plinth.jobs.events;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import org.plinth.api.Jsons;
import org.plinth.jobs.JobState;

/**
 * Something that happened to a job: it entered a state ({@link Kind#STATE}, numbered by
 * {@code id} across all jobs and servers, stored, so a client can resume after it) or its app
 * reported progress ({@link Kind#PROGRESS}, id 0: not stored as an event, only the job's latest
 * progress is). Fired by {@code JobStore} inside the transaction that made the change; observers
 * that must not see a rolled-back change observe it {@code during = AFTER_SUCCESS}.
 */
public record JobEvent(Kind kind, long id, String jobId, String owner, String app, String name, JobState state,
                       int seq, OffsetDateTime at, String message, Double progress, String progressMessage) {

    public enum Kind {
        STATE, PROGRESS;

        /** The SSE event name and the callback's "type". */
        public String eventName() {
            return this == STATE ? "job.state" : "job.progress";
        }
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("type", kind.eventName());
        if (id > 0) {
            b.add("id", id);
        }
        b.add("jobId", jobId).add("owner", owner).add("app", app);
        if (name != null) {
            b.add("name", name);
        }
        b.add("state", state.name()).add("at", at.toString());
        if (kind == Kind.STATE) {
            b.add("seq", seq);
        }
        if (message != null) {
            b.add("message", message);
        }
        if (progress != null) {
            b.add("progress", progress);
        }
        if (progressMessage != null) {
            b.add("progressMessage", progressMessage);
        }
        return b.build();
    }
}
