package org.plinth.executors.slurm;

/**
 * Something went wrong talking to SLURM. Checked, because every caller has to decide between
 * "try again later" ({@link SlurmUnavailableException}) and "SLURM said no"
 * ({@link SlurmRejectedException}). Messages never contain the token.
 */
public class SlurmException extends Exception {

    public SlurmException(String message) {
        super(message);
    }

    public SlurmException(String message, Throwable cause) {
        super(message, cause);
    }
}
