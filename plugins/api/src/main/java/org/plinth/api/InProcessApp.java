package org.plinth.api;

/**
 * An app whose work is pure Java: the host calls {@link #run} on a managed thread (the
 * serverless "function"). Files it writes into the workspace become the job's outputs.
 */
public interface InProcessApp<I extends Record> extends App<I> {

    Result run(I inputs, JobContext job) throws Exception;
}
