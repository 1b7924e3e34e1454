package org.plinth.jobs.run;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Step 2 of {@code app-run}: the app's work, until it ends, is cancelled or times out. */
@Named
@Dependent
public class ExecuteStep extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String jobId;
    @Inject
    JobSteps steps;

    private volatile boolean stopRequested;

    @Override
    public String process() throws Exception {
        try {
            steps.execute(jobId, () -> stopRequested);
            return "EXECUTED";
        } catch (Exception e) {
            throw steps.failStep(jobId, "execute", e);
        }
    }

    /** Called by the batch runtime on JobOperator.stop: the wait loop kills the process tree. */
    @Override
    public void stop() {
        stopRequested = true;
    }
}
