package org.plinth.executors.slurm;

/**
 * slurmrestd or slurmctld could not be reached or is busy: nothing is wrong with the request,
 * so the caller keeps the job waiting and tries again later.
 */
public class SlurmUnavailableException extends SlurmException {

    public SlurmUnavailableException(String message) {
        super(message);
    }

    public SlurmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
