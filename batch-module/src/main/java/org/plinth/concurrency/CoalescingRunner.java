package org.plinth.concurrency;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a pass of work on an executor each time it is woken, never two passes at once, and one
 * more pass when it was woken during a pass: a burst of wake-ups (a hundred submits, a tick on
 * top) costs one or two passes, and no wake-up is lost, because a pass started after the last
 * wake-up always follows it. The job scheduler and the callback dispatcher are driven this way.
 */
public final class CoalescingRunner {

    private static final Logger LOG = Logger.getLogger(CoalescingRunner.class.getName());

    private final String what;
    private final Runnable pass;
    private final AtomicInteger wakeups = new AtomicInteger();

    /**
     * @param what what a pass does, for the log ("a dispatch")
     * @param pass one pass; it handles its own failures (an exception escaping it is logged and
     *             does not stop the passes that follow)
     */
    public CoalescingRunner(String what, Runnable pass) {
        this.what = what;
        this.pass = pass;
    }

    /** Runs a pass on {@code executor}, or makes the pass under way run once more. */
    public void wake(Executor executor) {
        if (wakeups.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                // refused (shutting down, or saturated): the next wake-up tries again
                wakeups.set(0);
                LOG.log(Level.WARNING, "cannot schedule " + what, e);
            }
        }
    }

    private void drain() {
        while (true) {
            int seen = wakeups.get();
            try {
                pass.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, what + " failed; the next wake-up tries again", e);
            }
            if (wakeups.compareAndSet(seen, 0)) {
                return;
            }
        }
    }
}
