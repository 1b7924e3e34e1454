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
     * Says why the command failed, in the tool's own words, when it exited with a non-zero
     * status; the host appends it to the job's message ("exited with status 1: ..."). Tools
     * often write the reason to a log file or stdout rather than to their exit status, and only
     * the app knows where. Answer null when there is nothing better to say; never throw for
     * want of a file, since the command may have died before writing anything.
     */
    default String explainFailure(I inputs, JobContext job, ProcessOutcome outcome) {
        return null;
    }
}
