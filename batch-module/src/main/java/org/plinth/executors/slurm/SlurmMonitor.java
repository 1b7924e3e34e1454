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
