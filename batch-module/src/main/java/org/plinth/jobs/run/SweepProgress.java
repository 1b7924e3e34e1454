package org.plinth.jobs.run;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.AbstractPartitionAnalyzer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Called on the step's own thread as each partition ends: the sweep's progress is points done
 * over points. One thread writes it, so it never goes backwards.
 */
@Named
@Dependent
public class SweepProgress extends AbstractPartitionAnalyzer {

    @Inject
    @BatchProperty
    String jobId;
    @Inject
    SweepRun sweeps;

    @Override
    public void analyzeStatus(BatchStatus batchStatus, String exitStatus) {
        sweeps.recordProgress(jobId);
    }
}
