package org.plinth.executors.slurm;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes a SLURM job's step the moment its batch script writes a marker ({@link WorkspaceMarkers}),
 * instead of at its next look: one file system watch (java.nio's WatchService, inotify on Linux)
 * over the marker folders of every followed job, and one thread for all of them. Waiting this
 * way costs nothing while nothing happens, where looking every few milliseconds would read two
 * files per job each time.
 *
 * <p>A shared file system written from other hosts (NFS, Lustre) sends no such events, so the
 * step still looks every {@code workspace-poll-seconds}; the watch only shortens the wait where
 * the kernel sees the write, as on a one-machine cluster or a node that writes to its own disk.
 */
@ApplicationScoped
public class MarkerWatch {

    private static final Logger LOG = Logger.getLogger(MarkerWatch.class.getName());

    @Resource
    ManagedThreadFactory managedThreads;

    /** For tests, which have no container to inject the managed thread factory. */
    ThreadFactory threads;

    private WatchService service;
    private boolean unavailable;
    private final Map<WatchKey, List<Waiter>> waiters = new ConcurrentHashMap<>();

    /**
     * A waiter for changes of the markers in {@code markerDir} (which must exist). Close it when
     * the job is no longer followed. Where the folder cannot be watched, the waiter just sleeps.
     */
    public Waiter watch(Path markerDir) {
        WatchService s = service();
        if (s == null) {
            return new Waiter(null);
        }
        try {
            WatchKey key = markerDir.register(s, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            Waiter waiter = new Waiter(key);
            waiters.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(waiter);
            return waiter;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "cannot watch " + markerDir + "; its job's step looks at intervals");
            return new Waiter(null);
        }
    }

    private synchronized WatchService service() {
        if (service != null || unavailable) {
            return service;
        }
        ThreadFactory factory = threads != null ? threads : managedThreads;
        try {
            if (factory == null) {
                throw new IllegalStateException("no thread factory");
            }
            WatchService s = FileSystems.getDefault().newWatchService();
            Thread t = factory.newThread(() -> dispatch(s));
            t.setName("plinth-slurm-marker-watch");
            t.setDaemon(true);
            t.start();
            service = s;
        } catch (IOException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.WARNING, "no file system watch for SLURM job markers (" + e
                    + "); jobs' steps look at their markers every workspace-poll-seconds");
        }
        return service;
    }

    private void dispatch(WatchService s) {
        try {
            while (true) {
                WatchKey key = s.take();
                boolean marker = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    // stdout.log and stderr.log live in the same folder: a chatty job must not
                    // wake its step on every line it prints
                    marker |= event.kind() == StandardWatchEventKinds.OVERFLOW
                            || isMarker(event.context());
                }
                if (marker) {
                    List<Waiter> ws = waiters.get(key);
                    if (ws != null) {
                        ws.forEach(Waiter::signal);
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // shutting down
        }
    }

    private static boolean isMarker(Object name) {
        String file = String.valueOf(name);
        return WorkspaceMarkers.JOB_FILE.equals(file) || WorkspaceMarkers.EXIT_FILE.equals(file);
    }

    @PreDestroy
    synchronized void stop() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the marker watch", e);
            }
            service = null;
        }
    }

    /** One followed job's wait for its markers. */
    public final class Waiter implements AutoCloseable {
        private final WatchKey key;
        private final Semaphore changed = new Semaphore(0);

        private Waiter(WatchKey key) {
            this.key = key;
        }

        void signal() {
            changed.release();
        }

        /**
         * Waits up to {@code millis} or until a marker was written since the last wait; answers
         * whether one was.
         */
        public boolean await(long millis) throws InterruptedException {
            if (key == null) {
                Thread.sleep(millis);
                return false;
            }
            boolean seen = changed.tryAcquire(millis, TimeUnit.MILLISECONDS);
            changed.drainPermits();
            return seen;
        }

        @Override
        public void close() {
            if (key == null) {
                return;
            }
            waiters.computeIfPresent(key, (k, list) -> {
                list.remove(this);
                if (list.isEmpty()) {
                    k.cancel();
                    return null;
                }
                return list;
            });
        }
    }
}
