package org.plinth.jobs.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands every committed job event to whoever listens on this server (SSE streams, the callback
 * dispatcher): one place that JobStore's changes flow through, instead of each client polling
 * the database. Events come from this server's commits and from {@link JobEventPoll} (changes
 * made by other server instances); an event seen both ways is published once.
 *
 * <p>Listeners run on the committing thread (a request or a batch step): they must only queue
 * the event and return.
 */
@ApplicationScoped
public class JobEventBus {

    private static final Logger LOG = Logger.getLogger(JobEventBus.class.getName());

    private final Set<Consumer<JobEvent>> listeners = ConcurrentHashMap.newKeySet();
    private final RecentIds recent = new RecentIds(50_000);

    /** After the commit only: a rolled-back transition never reaches a client. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobEvent event) {
        publish(event);
    }

    /** Publishes an event unless it was already published (by its id; progress events have none). */
    public void publish(JobEvent event) {
        if (event.id() > 0 && !recent.add(event.id())) {
            return;
        }
        for (Consumer<JobEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a job event listener failed", e);
            }
        }
    }

    /** Listens until the answer is closed. */
    public AutoCloseable listen(Consumer<JobEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int listenerCount() {
        return listeners.size();
    }
}
