package org.plinth.api;

/**
 * A job that cannot succeed for a reason its user can act on (an image that is not FITS, an
 * alignment HyPhy cannot read): thrown from {@code prepare}, {@code run} or {@code collect}, it
 * ends the job FAILED with this message, and the host logs no stack trace for it.
 */
public class JobFailure extends Exception {

    public JobFailure(String message) {
        super(message, null, false, false);
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
