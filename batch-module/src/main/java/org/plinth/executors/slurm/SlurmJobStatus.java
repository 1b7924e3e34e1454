package org.plinth.executors.slurm;

import java.time.Instant;

/**
 * What SLURM says about one job.
 *
 * @param jobId     SLURM's job id
 * @param state     the normalized state
 * @param rawState  the state as SLURM spelled it (flags joined by '+'), for messages
 * @param exitCode  the script's exit status, or null when it has none (not ended, killed by a signal)
 * @param signal    the signal that ended the script, or null
 * @param reason    SLURM's state reason ("NonZeroExitCode", "TimeLimit", "Priority" …), or null
 * @param startTime when it started, or null
 * @param endTime   when it ended, or null while it has not (SLURM reports a planned end for a running job)
 * @param name      the job's name (Plinth puts its own job id in it)
 * @param comment   the job's comment (likewise), or null
 * @param user      the cluster user it runs as, or null
 */
public record SlurmJobStatus(long jobId, SlurmState state, String rawState, Integer exitCode, Integer signal,
                             String reason, Instant startTime, Instant endTime, String name, String comment,
                             String user) {

    /** A job SLURM does not know (any more). */
    public static SlurmJobStatus gone(long jobId) {
        return new SlurmJobStatus(jobId, SlurmState.GONE, "", null, null, null, null, null, null, null, null);
    }

    /**
     * Whether this is the job Plinth submitted under {@code name}: SLURM reuses ids after a
     * controller reset, so an id alone may now name someone else's job.
     */
    public boolean isNamed(String name) {
        return name != null && name.equals(this.name);
    }

    /** How a process ended: an exit status or a signal. */
    public record WaitStatus(Integer exitCode, Integer signal) {

        /** Splits a raw wait status (v0.0.38's {@code exit_code}): 768 is exit 3, 15 is SIGTERM. */
        public static WaitStatus decode(long raw) {
            int status = (int) raw;
            int signal = status & 0x7f;
            return signal == 0 ? new WaitStatus((status >> 8) & 0xff, null) : new WaitStatus(null, signal);
        }
    }
}
