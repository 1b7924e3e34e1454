package org.plinth.api;

/**
 * An app that runs an external program. The host calls {@link #prepare} to let the app write
 * its input files and choose the command, runs that command with one of its executors (locally
 * or on a cluster), then calls {@link #collect} so the app turns the outputs into a result.
 */
public interface ProcessApp<I extends Record> extends App<I> {

    /** Writes input files into the workspace and returns the command to run there. */
    Command prepare(I inputs, JobContext job) throws Exception;

    /**
     * Reads what the command left in the workspace. Called only when the command exited with
     * status 0; a non-zero exit fails the job with that exit code before collect.
     */
    Result collect(I inputs, JobContext job, ProcessOutcome outcome) throws Exception;

    /**
     * Called every few seconds while the command runs (locally or on a cluster, from the logs
     * in the workspace), so the app can report progress with {@link JobContext#progress}, e.g.
     * from the z position ASTRA has reached or the phase HyPhy announced. {@code soFar} holds
     * the logs as they are now (exit code -1). Must be quick; failures are ignored.
     */
    default void watch(I inputs, JobContext job, ProcessOutcome soFar) throws Exception {
    }

    /**
     * Why the command failed, in the user's terms (the tool's own error line from the logs in
     * {@code outcome}), when it exited with a non-zero status; empty keeps the host's "exited
     * with status N". The job fails either way.
     */
    default java.util.Optional<String> explainFailure(I inputs, JobContext job, ProcessOutcome outcome) throws Exception {
        return java.util.Optional.empty();
    }
}
