package org.plinth.jobs.run;

import java.nio.file.Path;
import org.plinth.api.JobContext;
import org.plinth.api.Resources;

/**
 * What an app sees of one point of a sweep: the job's id and owner, the point's own folder as
 * its workspace, one core. Its progress is the sweep's business (points done over points), so
 * what the app reports of one point is not shown.
 */
record PointContext(String jobId, String owner, Path workspace, Resources resources) implements JobContext {

    @Override
    public void progress(double fraction, String message) {
    }
}
