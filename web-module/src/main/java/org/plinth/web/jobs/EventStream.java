package org.plinth.web.jobs;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.plinth.jobs.events.JobEvent;
import org.plinth.security.Caller;

/**
 * One SSE client. Events are queued (from the committing thread, which must not wait for a
 * slow client) and written by one task at a time on the streams' own threads. A client that
 * falls {@link #CAPACITY} events behind is disconnected: it reconnects with Last-Event-ID and
 * catches up from the database instead of holding memory here.
 */
final class EventStream {

    static final int CAPACITY = 2000;
    /** How long a "may this caller read that job" answer is reused (shares change rarely). */
    private static final long ACCESS_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** What the queue holds: an event, or a heartbeat marker. */
    private record Item(JobEvent event) {
    }

    private static final Item HEARTBEAT = new Item(null);

    private final Caller caller;
    private final String jobFilter;
    private final SseEventSink sink;
    private final Sse sse;
    private final Executor writer;
    private final Predicate<JobEvent> sharedWithCaller;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Ids written while catching up: the live queue may hold them too. */
    private final Set<Long> replayed = ConcurrentHashMap.newKeySet();
    private final Map<String, long[]> access = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > 10_000;
        }
    };
    private volatile boolean live;
    private Runnable onClose = () -> { };

    EventStream(Caller caller, String jobFilter, SseEventSink sink, Sse sse, Executor writer,
                Predicate<JobEvent> sharedWithCaller) {
        this.caller = caller;
        this.jobFilter = jobFilter;
        this.sink = sink;
        this.sse = sse;
        this.writer = writer;
        this.sharedWithCaller = sharedWithCaller;
    }

    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** From the bus: queue and return at once. */
    void offer(JobEvent event) {
        if (jobFilter != null && !jobFilter.equals(event.jobId())) {
            return;
        }
        enqueue(new Item(event));
    }

    void heartbeat() {
        enqueue(HEARTBEAT);
    }

    private void enqueue(Item item) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(item)) {
            close(); // too far behind: it catches up with Last-Event-ID after reconnecting
            return;
        }
        if (live && pending.getAndIncrement() == 0) {
            writer.execute(this::drain);
        }
    }

    /** Writes the "connected" comment and the reconnection delay: the client knows it is subscribed. */
    boolean hello() {
        return write(sse.newEventBuilder().comment("connected").reconnectDelay(3000).build());
    }

    /** Catching up (on the request thread, before the live events): writes a missed event. */
    boolean replay(JobEvent event) {
        if (!visible(event) || (jobFilter != null && !jobFilter.equals(event.jobId()))) {
            return true;
        }
        replayed.add(event.id());
        return write(toSse(event));
    }

    /** After the catch-up: live events flow. */
    void goLive() {
        live = true;
        if (!queue.isEmpty() && pending.getAndIncrement() == 0) {
            writer.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            int seen = pending.get();
            Item item;
            while ((item = queue.poll()) != null) {
                if (closed.get()) {
                    return;
                }
                if (item == HEARTBEAT) {
                    write(sse.newEventBuilder().comment("heartbeat").build());
                } else if (!replayed.contains(item.event().id()) && visible(item.event())) {
                    write(toSse(item.event()));
                }
            }
            if (pending.compareAndSet(seen, 0)) {
                return;
            }
        }
    }

    private OutboundSseEvent toSse(JobEvent event) {
        OutboundSseEvent.Builder b = sse.newEventBuilder().name(event.kind().eventName())
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, event.toJson().toString());
        if (event.id() > 0) {
            b.id(Long.toString(event.id()));
        }
        return b.build();
    }

    /** The caller's own jobs, all jobs for an admin, and jobs shared with the caller. */
    private boolean visible(JobEvent event) {
        if (caller.canSee(event.owner())) {
            return true;
        }
        long now = System.nanoTime();
        synchronized (access) {
            long[] known = access.get(event.jobId());
            if (known != null && now - known[1] < ACCESS_TTL_NANOS) {
                return known[0] == 1;
            }
        }
        boolean shared = sharedWithCaller.test(event);
        synchronized (access) {
            access.put(event.jobId(), new long[] {shared ? 1 : 0, now});
        }
        return shared;
    }

    void forget(String jobId) {
        synchronized (access) {
            access.remove(jobId);
        }
    }

    private boolean write(OutboundSseEvent event) {
        if (closed.get() || sink.isClosed()) {
            close();
            return false;
        }
        try {
            sink.send(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) { // the client went away, or stopped reading
            close();
            return false;
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
            onClose.run();
        }
    }

    boolean isClosed() {
        return closed.get();
    }
}
