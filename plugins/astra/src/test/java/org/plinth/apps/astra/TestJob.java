package org.plinth.apps.astra;

import java.nio.file.Path;
import org.plinth.api.JobContext;
import org.plinth.api.Resources;

/** A job context over a temporary workspace. */
record TestJob(Path workspace, Resources resources) implements JobContext {

    TestJob(Path workspace) {
        this(workspace, Resources.DEFAULT);
    }

    @Override
    public String jobId() {
        return "00000000-0000-0000-0000-000000000001";
    }

    @Override
    public String owner() {
        return "alice";
    }

    @Override
    public void progress(double fraction, String message) {
    }
}
