package org.plinth.executors.slurm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * SLURM's view of all jobs, fetched in ONE request per poll interval however many jobs are
 * followed (each job's step asks here, not slurmrestd): 200 running jobs cost one
 * {@code GET /jobs} every {@code poll-seconds}, not 200.
 */
@ApplicationScoped
public class SlurmMonitor {

    @Inject
    SlurmExecutor slurm;

    private Map<Long, SlurmJobStatus> latest = Map.of();
    private long fetchedAt;
    private SlurmUnavailableException lastFailure;

    /** The shortest wait {@link #millisUntilNextListing} answers: never a busy loop. */
    static final long MIN_WAIT_MILLIS = 20;

    /**
     * How long a job's step should wait before asking again: until the listing is due for a
     * refresh, not a whole poll interval from now. A step that slept a fixed interval read a
     * listing up to one interval old when it woke, so with several jobs a state change reached
     * Plinth up to two intervals late (one on average); waking when the listing is due makes
     * it at most one (half on average). Several steps that wake together share the one fetch.
     */
    public synchronized long millisUntilNextListing() {
        long poll = slurm.pollMillis();
        long due = fetchedAt + poll - System.currentTimeMillis();
        return Math.max(MIN_WAIT_MILLIS, Math.min(poll, due));
    }

    /**
     * SLURM's state of one job, from a listing at most one poll interval old; GONE when the
     * listing does not hold it. Throws when slurmrestd does not answer (the caller waits).
     */
    public synchronized SlurmJobStatus status(long slurmId) throws SlurmException {
        long now = System.currentTimeMillis();
        if (now - fetchedAt >= slurm.pollMillis()) {
            fetchedAt = now;
            try {
                Map<Long, SlurmJobStatus> byId = new HashMap<>();
                for (SlurmJobStatus s : slurm.api().jobs()) {
                    byId.put(s.jobId(), s);
                }
                latest = byId;
                lastFailure = null;
            } catch (SlurmUnavailableException e) {
                lastFailure = e;
            }
        }
        if (lastFailure != null) {
            throw lastFailure;
        }
        SlurmJobStatus s = latest.get(slurmId);
        if (s == null) {
            // Submitted after the listing: ask for this one job rather than call it gone.
            s = slurm.status(slurmId);
            if (s.state() != SlurmState.GONE) {
                Map<Long, SlurmJobStatus> more = new HashMap<>(latest);
                more.put(slurmId, s);
                latest = more;
            }
        }
        return s;
    }
}
