package org.plinth.jobs;

import java.util.List;

/** One page of a job listing, newest first. */
public record JobPage(List<Job> jobs, long total, int offset, int limit) {
}
