package org.plinth.jobs.run;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * One partition of a sweep's execute step: runs the app at one point of the sweep, in the
 * point's own folder. A point that fails is recorded and the sweep goes on; a cancel or the
 * job's walltime ends every partition.
 */
@Named
@Dependent
public class SweepPointStep extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String jobId;
    @Inject
    @BatchProperty
    String point;
    @Inject
    SweepRun sweeps;
    @Inject
    JobSteps steps;

    private volatile boolean stopRequested;

    @Override
    public String process() throws Exception {
        try {
            return sweeps.runPoint(jobId, Integer.parseInt(point), () -> stopRequested);
        } catch (Exception e) {
            throw steps.failStep(jobId, "execute (point " + point + ")", e);
        }
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}
