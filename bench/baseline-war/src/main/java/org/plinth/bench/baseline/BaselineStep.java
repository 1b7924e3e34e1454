package org.plinth.bench.baseline;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** A step that does nothing, or forks {@code bash -c true} and waits for it (what a job running `true` must do at least). */
@Named("baselineStep")
@Dependent
public class BaselineStep extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String fork;

    @Override
    public String process() throws Exception {
        if (Boolean.parseBoolean(fork)) {
            int exit = new ProcessBuilder("bash", "-c", "true").start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("bash -c true exited with " + exit);
            }
        }
        return "COMPLETED";
    }
}
