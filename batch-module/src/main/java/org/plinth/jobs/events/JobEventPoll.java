package org.plinth.jobs.events;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.plinth.jobs.JobStore;

/**
 * Brings state changes made by other server instances sharing the database onto this server's
 * bus: one query per server every {@code plinth.events.poll-seconds} (default 2, 0 = off), never
 * one per client. Changes made here reach the bus at commit and are skipped by the bus's ids.
 *
 * <p>Event ids come from a sequence, so a transaction can commit after one with a higher id:
 * each poll looks back {@link #LOOK_BACK} ids behind the highest seen, and the bus drops those it
 * already published. A transaction that commits more than that many events late is missed by
 * the live stream of other servers (its event is in the job's history and in a Last-Event-ID
 * replay).
 */
@ApplicationScoped
public class JobEventPoll {

    static final int LOOK_BACK = 500;
    private static final int PAGE = 2000;
    private static final Logger LOG = Logger.getLogger(JobEventPoll.class.getName());

    @Inject
    JobStore store;
    @Inject
    JobEventBus bus;
    @Inject
    Config config;
    @Resource
    ManagedScheduledExecutorService timer;

    private long highest;
    private ScheduledFuture<?> tick;

    public synchronized void start() {
        double seconds = config.getOptionalValue("plinth.events.poll-seconds", Double.class).orElse(2.0);
        if (tick != null || seconds <= 0) {
            return;
        }
        highest = store.lastEventId(); // clients catch up on older events with Last-Event-ID
        long millis = (long) (seconds * 1000);
        tick = timer.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    void poll() {
        try {
            long from = Math.max(0, highest - LOOK_BACK);
            List<JobEvent> events;
            do {
                events = store.eventsAfter(from, PAGE);
                for (JobEvent e : events) {
                    bus.publish(e);
                    from = e.id();
                    highest = Math.max(highest, e.id());
                }
            } while (events.size() == PAGE);
        } catch (RuntimeException e) {
            if (org.plinth.persistence.DatabaseUnreachable.causes(e)) {
                // one line, not a stack trace every 2 s for the whole outage
                LOG.warning("job event poll failed, the database is unreachable; the next one tries again");
            } else {
                LOG.log(Level.WARNING, "job event poll failed; the next one tries again", e);
            }
        }
    }
}
