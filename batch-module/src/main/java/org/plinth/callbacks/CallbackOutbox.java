package org.plinth.callbacks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.plinth.jobs.Job;
import org.plinth.jobs.events.JobEvent;

/**
 * Writes a delivery for each state change of a job that names a callback, inside the
 * transaction that changes the state (an outbox): the change and its delivery commit or roll
 * back together, and a delivery waits in the database, not in memory, until it is sent.
 */
@ApplicationScoped
public class CallbackOutbox {

    @PersistenceContext(unitName = "plinth")
    EntityManager em;
    @Inject
    Event<CallbackQueued> queued;

    void onStateChange(@Observes JobEvent event) {
        if (event.kind() != JobEvent.Kind.STATE) {
            return;
        }
        Job job = em.find(Job.class, event.jobId()); // already in this transaction's context: no query
        if (job == null || job.callbackUrl() == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        CallbackDelivery d = new CallbackDelivery();
        d.jobId = event.jobId();
        d.eventId = event.id();
        d.owner = event.owner();
        d.url = job.callbackUrl();
        d.body = event.toJson().toString();
        d.state = CallbackDelivery.State.PENDING;
        d.nextAttemptAt = now;
        d.createdAt = now;
        em.persist(d);
        queued.fire(new CallbackQueued(event.jobId()));
    }
}
