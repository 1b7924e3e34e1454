package org.plinth.jobs.run;

import java.nio.file.Path;
import org.plinth.api.JobContext;
import org.plinth.api.Resources;
import org.plinth.jobs.JobStore;

/** What an app sees of its job. */
record HostJobContext(String jobId, String owner, Path workspace, Resources resources, JobStore store)
        implements JobContext {

    @Override
    public void progress(double fraction, String message) {
        try {
            store.recordProgress(jobId, Math.max(0, Math.min(1, fraction)), message);
        } catch (RuntimeException e) {
            // progress is a hint: a database outage must not fail the job that reports it
            if (!org.plinth.persistence.DatabaseUnreachable.causes(e)) {
                throw e;
            }
        }
    }
}
