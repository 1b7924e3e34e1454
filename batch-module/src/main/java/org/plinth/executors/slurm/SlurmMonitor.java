package org.plinth.executors.slurm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * SLURM's view of all jobs, fetched in ONE request per poll interval however many jobs are
 * followed (each job's step asks here, not slurmrestd): 200 running jobs cost one
 * {@code GET /jobs} every {@code poll-seconds}, not 200. Between full listings it asks with
 * {@code update_time}: while no job changed, slurmrestd answers 304 without asking slurmctld
 * for the list, so a short interval costs the cluster next to nothing (a full listing with
 * SLURM's finished jobs was 1.6 MB and 140–340 ms of slurmctld's time, bench/README-slurm.md).
 */
@ApplicationScoped
public class SlurmMonitor {

    @Inject
    SlurmExecutor slurm;

    private Map<Long, SlurmJobStatus> latest = Map.of();
    private long fetchedAt;
    private SlurmUnavailableException lastFailure;
    /** When the last full listing was taken; 0: never (or after a failure). */
    private long fullAt;
    /** Our clock, in seconds, when the listing {@link #latest} holds was asked for. */
    private long listedAtSeconds;

    /**
     * A full listing at least this often, whatever {@code update_time} says: SLURM compares it
     * with its own clock, so a cluster clock behind Plinth's could hide a change for a while.
     */
    static final long FULL_LISTING_MILLIS = 30_000;
    /** Seconds subtracted from {@code update_time}: its unit is a second, and clocks differ a little. */
    static final long CLOCK_SLACK_SECONDS = 2;

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
                boolean full = fullAt == 0 || now - fullAt >= FULL_LISTING_MILLIS;
                long askedAt = now / 1000;
                var changed = full ? java.util.Optional.of(slurm.api().jobs())
                        : slurm.api().jobsIfChangedSince(listedAtSeconds - CLOCK_SLACK_SECONDS);
                if (changed.isPresent()) {
                    Map<Long, SlurmJobStatus> byId = new HashMap<>();
                    for (SlurmJobStatus s : changed.get()) {
                        byId.put(s.jobId(), s);
                    }
                    latest = byId;
                    listedAtSeconds = askedAt;
                }
                if (full) {
                    fullAt = now;
                }
                lastFailure = null;
            } catch (SlurmUnavailableException e) {
                lastFailure = e;
                fullAt = 0;
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
