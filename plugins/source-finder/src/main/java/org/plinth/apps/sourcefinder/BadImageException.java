package org.plinth.apps.sourcefinder;

import org.plinth.api.JobFailure;

/**
 * The input file is not an image a finder can search; the message says why, for the user. A
 * {@link JobFailure}: the job ends FAILED with it, without a stack trace in the server log.
 */
public class BadImageException extends JobFailure {

    public BadImageException(String message) {
        super(message);
    }
}
