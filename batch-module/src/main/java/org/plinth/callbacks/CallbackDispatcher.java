package org.plinth.callbacks;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.plinth.concurrency.CoalescingRunner;

/**
 * Sends pending callback deliveries: at once after the commit that queued one, again when a
 * retry falls due, and on a slow tick for deliveries that other server instances queued or that
 * a restart left behind. A failed attempt is retried after
 * {@code plinth.callbacks.retry-base-seconds} × 2^(attempts − 1), at most 15 minutes apart,
 * until {@code plinth.callbacks.max-attempts}; then the delivery is FAILED. Wake-ups coalesce
 * as the job scheduler's do.
 */
@ApplicationScoped
public class CallbackDispatcher {

    private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class.getName());
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** Longer than an attempt can take, so a leased row is not sent twice meanwhile. */
    private static final Duration LEASE = CallbackSender.TIMEOUT.multipliedBy(3);

    @Inject
    CallbackDeliveries deliveries;
    @Inject
    CallbackSecrets secrets;
    @Inject
    Config config;
    @Resource
    ManagedExecutorService executor;
    @Resource
    ManagedScheduledExecutorService timer;

    private final CoalescingRunner rounds = new CoalescingRunner("callback deliveries", this::sendDue);
    private volatile CallbackSender sender;
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> retry;

    public synchronized void start() {
        if (tick == null) {
            tick = timer.scheduleWithFixedDelay(this::wake, 5, 5, TimeUnit.SECONDS);
            wake(); // what a previous run left pending
        }
    }

    public synchronized void stop() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CallbackQueued queued) {
        wake();
    }

    public void wake() {
        rounds.wake(executor);
    }

    /** Sends until nothing is due, then sets the timer for the next retry. */
    private void sendDue() {
        try {
            while (round() > 0) {
                // until nothing is due
            }
            scheduleNextRetry();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "callback round failed; the next tick tries again", e);
        }
    }

    /** Sends what is due, in parallel; answers how many it sent. */
    int round() {
        List<CallbackDelivery> due = deliveries.leaseDue(32, LEASE);
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, String> secretOf = new HashMap<>();
        List<CompletableFuture<CallbackSender.Outcome>> attempts = new ArrayList<>();
        for (CallbackDelivery d : due) {
            String secret = secretOf.computeIfAbsent(d.owner(), o -> secrets.of(o).secret());
            attempts.add(sender().send(d, secret));
        }
        // outcomes are recorded here, on a managed thread, not on the HTTP client's threads
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < due.size(); i++) {
            record(due.get(i), attempts.get(i).join());
        }
        return due.size();
    }

    private void record(CallbackDelivery d, CallbackSender.Outcome outcome) {
        try {
            if (outcome.delivered()) {
                deliveries.delivered(d.id(), outcome.status());
                return;
            }
            int attempts = d.attempts() + 1;
            boolean giveUp = outcome.permanent() || attempts >= maxAttempts();
            deliveries.failed(d.id(), outcome.status(), outcome.error(), giveUp ? null : delayAfter(attempts));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot record callback delivery " + d.id() + "; its lease expires and it is retried", e);
        }
    }

    Duration delayAfter(int attempts) {
        double base = config.getOptionalValue("plinth.callbacks.retry-base-seconds", Double.class).orElse(5.0);
        double seconds = base * Math.pow(2, Math.min(attempts - 1, 20));
        Duration delay = Duration.ofMillis((long) (seconds * 1000));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private int maxAttempts() {
        return config.getOptionalValue("plinth.callbacks.max-attempts", Integer.class).orElse(8);
    }

    /** A retry due before the next tick gets its own wake-up. */
    private synchronized void scheduleNextRetry() {
        deliveries.nextDue().ifPresent(at -> {
            long millis = Math.max(0, Duration.between(OffsetDateTime.now(ZoneOffset.UTC), at).toMillis());
            if (millis < 5000 && (retry == null || retry.isDone())) {
                retry = timer.schedule(this::wake, millis + 20, TimeUnit.MILLISECONDS);
            }
        });
    }

    private CallbackSender sender() {
        CallbackSender s = sender;
        if (s == null) {
            s = new CallbackSender(config.getOptionalValue("plinth.callbacks.allow-private-addresses",
                    Boolean.class).orElse(false));
            sender = s;
        }
        return s;
    }
}
