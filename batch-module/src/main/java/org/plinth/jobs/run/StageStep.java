package org.plinth.jobs.run;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Step 1 of {@code app-run}: workspace and the app's input files. */
@Named
@Dependent
public class StageStep extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String jobId;
    @Inject
    JobContext batch;
    @Inject
    JobSteps steps;

    @Override
    public String process() throws Exception {
        try {
            steps.stage(jobId, batch.getExecutionId());
            return "STAGED";
        } catch (Exception e) {
            throw steps.failStep(jobId, "stage", e);
        }
    }
}
