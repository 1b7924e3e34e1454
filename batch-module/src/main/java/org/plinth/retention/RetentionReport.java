package org.plinth.retention;

/** What one retention round did: workspaces compressed and deleted, and the disk space it gave back. */
public record RetentionReport(int compressed, int deleted, long freedBytes, int orphansRemoved, long millis) {
}
