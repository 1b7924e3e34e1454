package org.plinth.jobs.run;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Step 3 of {@code app-run}: the app turns the outputs into the job's result. */
@Named
@Dependent
public class CollectStep extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String jobId;
    @Inject
    JobSteps steps;

    @Override
    public String process() throws Exception {
        try {
            steps.collect(jobId);
            return "COLLECTED";
        } catch (Exception e) {
            throw steps.failStep(jobId, "collect", e);
        }
    }
}
