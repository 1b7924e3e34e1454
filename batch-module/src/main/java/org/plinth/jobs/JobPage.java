package org.plinth.jobs;

import java.util.List;

/**
 * One page of a job listing, newest first. {@code total} is exact when {@code totalExact};
 * otherwise at least that many jobs match (counting stops at {@link JobStore#COUNT_BOUND}).
 */
public record JobPage(List<Job> jobs, long total, boolean totalExact, int offset, int limit) {
}
