package org.plinth.web.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.plinth.jobs.JobStore;
import org.plinth.jobs.events.JobEvent;
import org.plinth.jobs.events.JobEventBus;
import org.plinth.security.Caller;
import org.plinth.security.sharing.JobAccess;

/**
 * The open SSE streams of this server: one bus listener fans events out to them, one timer sends
 * their heartbeats ({@code plinth.events.heartbeat-seconds}, default 15: proxies close idle
 * connections, and a write is how a vanished client is noticed). Writes run on a few threads of
 * their own, so a slow client never holds up the job scheduler's managed threads.
 */
@ApplicationScoped
public class EventStreams {

    /** At most this many missed events are replayed after Last-Event-ID; older ones are in each job's history. */
    static final int MAX_REPLAY = 10_000;

    @Inject
    JobEventBus bus;
    @Inject
    JobStore store;
    @Inject
    JobAccess access;
    @Inject
    Config config;
    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedScheduledExecutorService timer;

    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private ExecutorService writers;
    private AutoCloseable listening;
    private ScheduledFuture<?> heartbeat;

    @PostConstruct
    void init() {
        writers = Executors.newFixedThreadPool(4, threads);
        listening = bus.listen(e -> streams.forEach(s -> s.offer(e)));
        long seconds = config.getOptionalValue("plinth.events.heartbeat-seconds", Long.class).orElse(15L);
        heartbeat = timer.scheduleWithFixedDelay(() -> streams.forEach(EventStream::heartbeat), seconds, seconds,
                TimeUnit.SECONDS);
    }

    @PreDestroy
    void shutdown() {
        heartbeat.cancel(false);
        try {
            listening.close();
        } catch (Exception ignored) {
            // nothing to release
        }
        List.copyOf(streams).forEach(EventStream::close);
        writers.shutdownNow();
    }

    /**
     * Opens a stream: subscribes first, then replays what the client missed after
     * {@code afterEventId} (when given), then lets live events through, skipping those the
     * replay already wrote, so nothing falls between the two.
     */
    void open(Caller caller, String jobFilter, Long afterEventId, SseEventSink sink, Sse sse) {
        EventStream stream = new EventStream(caller, jobFilter, sink, sse, writers,
                e -> access.canRead(caller, e.jobId(), e.owner()));
        stream.onClose(() -> streams.remove(stream));
        streams.add(stream);
        if (!stream.hello()) {
            return;
        }
        if (afterEventId != null) {
            long after = afterEventId;
            int replayed = 0;
            List<JobEvent> page;
            do {
                page = store.eventsAfter(after, 1000);
                for (JobEvent e : page) {
                    if (!stream.replay(e)) {
                        return;
                    }
                    after = e.id();
                }
                replayed += page.size();
            } while (page.size() == 1000 && replayed < MAX_REPLAY);
        }
        stream.goLive();
    }

    /** After a grant or revoke here (other servers' streams ask again within 30 s). */
    void onSharesChanged(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
                         org.plinth.security.sharing.SharesChanged change) {
        streams.forEach(s -> s.forget(change.jobId()));
    }

    int open() {
        return streams.size();
    }
}
