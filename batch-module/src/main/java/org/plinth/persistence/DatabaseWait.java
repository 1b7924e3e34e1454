package org.plinth.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Runs a database call again and again while the database is unreachable, for at most
 * {@code plinth.database.wait-seconds} (default 900). For the writes a running job cannot do
 * without, e.g. its end state or its process id: a job whose process keeps running through a
 * short database outage must not be failed, or lose track of its process, because of it. Request
 * threads never wait here: they answer 503 at once and the client retries.
 */
@ApplicationScoped
public class DatabaseWait {

    private static final Logger LOG = Logger.getLogger(DatabaseWait.class.getName());
    static final long FIRST_PAUSE_MILLIS = 250;
    static final long LONGEST_PAUSE_MILLIS = 2000;

    @Inject
    Config config;

    public Duration longest() {
        return Duration.ofSeconds(config.getOptionalValue("plinth.database.wait-seconds", Long.class).orElse(900L));
    }

    /** The action's answer, once the database answers; a failure of another kind is thrown at once. */
    public <T> T call(String what, Supplier<T> action) {
        long deadline = System.nanoTime() + longest().toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        long waitingSince = 0;
        while (true) {
            try {
                T result = action.get();
                if (waitingSince != 0) {
                    long waited = (System.nanoTime() - waitingSince) / 1_000_000;
                    LOG.info(() -> what + ": the database answers again (waited " + waited + " ms)");
                }
                return result;
            } catch (RuntimeException e) {
                if (!DatabaseUnreachable.causes(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                if (waitingSince == 0) {
                    waitingSince = System.nanoTime();
                    LOG.warning(() -> what + ": the database is unreachable; waiting for it (at most "
                            + longest().toSeconds() + " s, plinth.database.wait-seconds)");
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted while waiting for the database", e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }

    public void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }
}
