package org.plinth.jobs.run;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Knows when the batch job runs here, and makes sure the job's row ends terminal whatever way it ended. */
@Named
@Dependent
public class RunOutcomeListener extends AbstractJobListener {

    @Inject
    @BatchProperty
    String jobId;
    @Inject
    JobContext batch;
    @Inject
    JobSteps steps;

    @Override
    public void beforeJob() {
        steps.beforeBatchJob(jobId);
    }

    @Override
    public void afterJob() {
        steps.afterBatchJob(jobId, String.valueOf(batch.getBatchStatus()), batch.getExitStatus());
    }
}
