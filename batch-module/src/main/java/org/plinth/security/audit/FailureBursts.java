package org.plinth.security.audit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts refused credentials per client address in fixed windows and says when a window reaches
 * the threshold: that failure, and only that one, makes an audit event. A steady attack thus
 * writes one event per window, not one per request (which would let it fill the table).
 */
public final class FailureBursts {

    /** Beyond this many addresses, windows that have ended are dropped before a new one opens. */
    static final int MAX_TRACKED = 10_000;

    private final int threshold;
    private final long windowMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

    public FailureBursts(int threshold, long windowMillis) {
        this.threshold = threshold;
        this.windowMillis = windowMillis;
    }

    /** Counts one failure from {@code address}; answers the count when it makes a burst, else 0. */
    public int failed(String address, long nowMillis) {
        String key = address == null ? "?" : address;
        if (windows.size() >= MAX_TRACKED && !windows.containsKey(key)) {
            prune(nowMillis);
        }
        int[] burst = {0};
        windows.compute(key, (k, w) -> {
            if (w == null || nowMillis - w.start >= windowMillis) {
                w = new Window(nowMillis);
            }
            w.failures++;
            if (w.failures == threshold) {
                burst[0] = w.failures;
            }
            return w;
        });
        return burst[0];
    }

    private void prune(long nowMillis) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (nowMillis - it.next().start >= windowMillis) {
                it.remove();
            }
        }
        if (windows.size() >= MAX_TRACKED) {
            windows.clear(); // all live: an attack from very many addresses; forget rather than grow
        }
    }

    int tracked() {
        return windows.size();
    }
}
