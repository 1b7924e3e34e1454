package org.plinth.jobs.run;

/**
 * Thrown by a step after it has stored the job's end (failed, timed out, cancelled): it stops
 * the batch job here, marks the step failed, and so a restart runs this step again.
 */
public class JobEndedException extends RuntimeException {
    public JobEndedException(String message) {
        super(message, null, false, false);
    }
}
