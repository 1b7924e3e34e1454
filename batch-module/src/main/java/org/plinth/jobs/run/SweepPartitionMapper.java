package org.plinth.jobs.run;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** One partition per point of the sweep, as many at once as the job's cores (and the executor's) allow. */
@Named
@Dependent
public class SweepPartitionMapper implements PartitionMapper {

    @Inject
    @BatchProperty
    String jobId;
    @Inject
    SweepRun sweeps;
    @Inject
    JobSteps steps;

    @Override
    public PartitionPlan mapPartitions() throws Exception {
        try {
            return sweeps.plan(jobId);
        } catch (Exception e) {
            throw steps.failStep(jobId, "execute", e);
        }
    }
}
