package org.plinth.retention;

/**
 * What one retention round did: jobs whose outputs it stored compact (and how many files),
 * workspaces compressed and deleted, and the disk space it gave back.
 */
public record RetentionReport(int compacted, int compactedFiles, int compressed, int deleted, long freedBytes,
                              int orphansRemoved, long millis) {
}
