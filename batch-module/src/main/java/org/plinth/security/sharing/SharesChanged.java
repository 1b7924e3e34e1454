package org.plinth.security.sharing;

/** A job's shares changed: whoever caches "may this user read that job" forgets the job. */
public record SharesChanged(String jobId) {
}
