package org.plinth.api;

import java.nio.file.Path;

/** What the host tells an app about the job it works for. */
public interface JobContext {

    String jobId();

    /** The user the job belongs to. */
    String owner();

    /** The job's own directory: inputs are staged here, outputs are written here. */
    Path workspace();

    Resources resources();

    /** Reports progress between 0 and 1 with a short message; shown in the job's status. */
    void progress(double fraction, String message);
}
