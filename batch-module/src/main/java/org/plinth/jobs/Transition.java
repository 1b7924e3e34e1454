package org.plinth.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** One state a job entered, when and why. */
@Entity
@Table(name = "job_transition")
@IdClass(Transition.Key.class)
public class Transition {

    /** The composite key; JPA wants a plain class with the same field names. */
    public static class Key implements Serializable {
        private String jobId;
        private int seq;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && java.util.Objects.equals(k.jobId, jobId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(jobId, seq);
        }
    }

    @Id
    @Column(name = "job_id")
    private String jobId;

    @Id
    private int seq;

    @Enumerated(EnumType.STRING)
    private JobState state;

    // OffsetDateTime, not Instant: this EclipseLink maps Instant to a binary column.
    private OffsetDateTime at;

    private String message;

    /** The job_event_seq number: the SSE event id (see {@code jobs.events}). */
    @Column(name = "event_id")
    private long eventId;

    protected Transition() {
    }

    Transition(String jobId, int seq, JobState state, OffsetDateTime at, String message, long eventId) {
        this.jobId = jobId;
        this.seq = seq;
        this.state = state;
        this.at = at;
        this.message = message;
        this.eventId = eventId;
    }

    public long eventId() {
        return eventId;
    }

    public String jobId() {
        return jobId;
    }

    public int seq() {
        return seq;
    }

    public JobState state() {
        return state;
    }

    public OffsetDateTime at() {
        return at;
    }

    public String message() {
        return message;
    }
}
