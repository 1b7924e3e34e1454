package org.plinth.callbacks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One state change to POST to a job's callback URL, and how that went so far. */
@Entity
@Table(name = "callback_delivery")
public class CallbackDelivery {

    public enum State { PENDING, DELIVERED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "job_id")
    String jobId;
    @Column(name = "event_id")
    long eventId;
    String owner;
    String url;
    /** The exact text POSTed (and signed), fixed when the state changed. */
    String body;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    State state;
    int attempts;
    @Column(name = "next_attempt_at")
    OffsetDateTime nextAttemptAt;
    @Column(name = "last_status")
    Integer lastStatus;
    @Column(name = "last_error")
    String lastError;
    @Column(name = "created_at")
    OffsetDateTime createdAt;
    @Column(name = "delivered_at")
    OffsetDateTime deliveredAt;

    public long id() { return id; }
    public String jobId() { return jobId; }
    public long eventId() { return eventId; }
    public String owner() { return owner; }
    public String url() { return url; }
    public String body() { return body; }
    public State state() { return state; }
    public int attempts() { return attempts; }
    public OffsetDateTime nextAttemptAt() { return nextAttemptAt; }
    public Integer lastStatus() { return lastStatus; }
    public String lastError() { return lastError; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime deliveredAt() { return deliveredAt; }
}
