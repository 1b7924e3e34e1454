package org.plinth.bench.baseline;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Counts a job of a run as ended (Plinth's job listener records its job's end at the same point). */
@Named("baselineListener")
@Dependent
public class BaselineListener extends AbstractJobListener {

    @Inject
    @BatchProperty
    String run;

    @Override
    public void afterJob() {
        Runs.ended(run);
    }
}
