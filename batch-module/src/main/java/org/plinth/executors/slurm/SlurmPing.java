package org.plinth.executors.slurm;

/**
 * slurmrestd's ping of the controllers.
 *
 * @param up          whether a controller answered
 * @param controllers each controller as "host: UP (primary)", joined by ", "
 * @param release     the Slurm release slurmrestd reports, e.g. 22.05.8
 */
public record SlurmPing(boolean up, String controllers, String release) {
}
