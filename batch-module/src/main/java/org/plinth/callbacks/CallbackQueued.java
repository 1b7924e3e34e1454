package org.plinth.callbacks;

/** A delivery row was written; after the commit the dispatcher sends it at once. */
record CallbackQueued(String jobId) {
}
