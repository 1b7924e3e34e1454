package org.plinth.callbacks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The delivery rows. Sending happens outside any transaction: a round first leases due rows
 * (moves their next attempt a lease ahead, under {@code SKIP LOCKED}, so another server instance
 * takes other rows), sends, then records each outcome.
 */
@ApplicationScoped
@Transactional
public class CallbackDeliveries {

    @PersistenceContext(unitName = "plinth")
    EntityManager em;

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @SuppressWarnings("unchecked")
    public List<CallbackDelivery> leaseDue(int limit, Duration lease) {
        List<CallbackDelivery> due = em.createNativeQuery("SELECT * FROM callback_delivery WHERE state = 'PENDING' "
                        + "AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2 FOR UPDATE SKIP LOCKED", CallbackDelivery.class)
                .setParameter(1, now()).setParameter(2, limit).getResultList();
        OffsetDateTime until = now().plus(lease);
        for (CallbackDelivery d : due) {
            d.nextAttemptAt = until;
        }
        return due;
    }

    public void delivered(long id, int status) {
        CallbackDelivery d = em.find(CallbackDelivery.class, id);
        if (d != null) {
            d.attempts++;
            d.state = CallbackDelivery.State.DELIVERED;
            d.lastStatus = status;
            d.lastError = null;
            d.deliveredAt = now();
        }
    }

    /** Records a failed attempt; retries after {@code retryIn}, or gives up when it is null. */
    public void failed(long id, Integer status, String error, Duration retryIn) {
        CallbackDelivery d = em.find(CallbackDelivery.class, id);
        if (d != null) {
            d.attempts++;
            d.lastStatus = status;
            d.lastError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
            if (retryIn == null) {
                d.state = CallbackDelivery.State.FAILED;
            } else {
                d.nextAttemptAt = now().plus(retryIn);
            }
        }
    }

    /** When the next pending delivery is due, if any. */
    public Optional<OffsetDateTime> nextDue() {
        return em.createQuery("SELECT MIN(d.nextAttemptAt) FROM CallbackDelivery d WHERE d.state = :pending",
                        OffsetDateTime.class)
                .setParameter("pending", CallbackDelivery.State.PENDING).getResultStream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    public List<CallbackDelivery> ofJob(String jobId) {
        return em.createQuery("SELECT d FROM CallbackDelivery d WHERE d.jobId = :job ORDER BY d.id", CallbackDelivery.class)
                .setParameter("job", jobId).getResultList();
    }
}
